using System.Reflection;

namespace RelIntel.Api.Infrastructure;

/// <summary>A request body that checks itself: every field, for one 400 that names every bad one.</summary>
public interface IValidatable
{
    Validation Validate();
}

/// <summary>
/// An id from the query that must be given although it is declared <c>string?</c> (so that a missing one is our 400, naming
/// it); on a parameter not named <c>…Id</c> (<c>from</c>, say) it also makes it an id.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RequiredIdAttribute : Attribute;

/// <summary>A number from the query that must lie between <paramref name="min"/> and <paramref name="max"/> when given.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class BetweenAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;

    public double Max { get; } = max;
}

/// <summary>Endpoint metadata: the endpoint's requests are validated by <see cref="RequestValidation"/>.</summary>
public sealed class ValidatedRequests
{
    public static readonly ValidatedRequests Instance = new();

    private ValidatedRequests()
    {
    }
}

/// <summary>
/// Request validation, once for a whole route group (as <c>davidfowl/TodoApi</c>'s <c>ValidationFilter</c> does): before a
/// handler runs, every body it takes that is <see cref="IValidatable"/> is validated, every id it takes (a parameter
/// named <c>id</c> or <c>…Id</c>, or marked <see cref="RequiredIdAttribute"/>) is checked with <see cref="Validation.Id"/>,
/// <c>page</c> and <c>pageSize</c> are kept within <see cref="Paging"/>'s bounds and numbers marked
/// <see cref="BetweenAttribute"/> within theirs. What is wrong answers one 400 naming every bad field, as our problem
/// details always have; the handler then holds only its own logic (and the checks that parse what they check: enum words,
/// dates, bulk bodies).
/// </summary>
/// <remarks>
/// An id parameter declared <c>string</c> (a route value) must be given; one declared <c>string?</c> (the query) is
/// checked when given, and must be given when marked <see cref="RequiredIdAttribute"/>. Handlers keep
/// <c>ValidationProblem</c> in their result types: it documents the 400 this filter answers.
/// </remarks>
public static class RequestValidation
{
    /// <summary>Validates the requests of every endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder ValidateRequests(this RouteGroupBuilder group)
    {
        group.WithMetadata(ValidatedRequests.Instance);
        group.AddEndpointFilterFactory(Create);
        return group;
    }

    /// <summary>Whether a parameter is an id the filter checks: a string named <c>id</c> or <c>…Id</c>.</summary>
    public static bool IsIdParameter(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) && parameter.Name is { } name &&
        (name == "id" || name.EndsWith("Id", StringComparison.Ordinal) || parameter.IsDefined(typeof(RequiredIdAttribute)));

    /// <summary>The bounds of a number the query gives: <see cref="BetweenAttribute"/>'s, or the paging's.</summary>
    private static (double Min, double Max)? Bounds(ParameterInfo parameter)
    {
        if (Nullable.GetUnderlyingType(parameter.ParameterType) is not { } number || !(number == typeof(int) || number == typeof(double))) return null;
        if (parameter.GetCustomAttribute<BetweenAttribute>() is { } between) return (between.Min, between.Max);
        return parameter.Name switch
        {
            "page" when number == typeof(int) => (1, Paging.MaxPage),
            "pageSize" when number == typeof(int) => (1, Paging.MaxPageSize),
            _ => null,
        };
    }

    private delegate void Check(IList<object?> arguments, Validation validation);

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = context.MethodInfo.GetParameters().Select(CheckOf).OfType<Check>().ToList();
        if (checks.Count == 0) return next;
        return async invocation =>
        {
            var validation = new Validation();
            foreach (var check in checks) check(invocation.Arguments, validation);
            return validation.Problem() ?? await next(invocation);
        };
    }

    private static Check? CheckOf(ParameterInfo parameter, int position)
    {
        if (typeof(IValidatable).IsAssignableFrom(parameter.ParameterType))
            return (arguments, validation) => validation.Include((arguments[position] as IValidatable)?.Validate());
        var name = parameter.Name!;
        if (Bounds(parameter) is var (min, max))
            return (arguments, validation) => validation.Range(name, arguments[position] is { } value ? Convert.ToDouble(value) : null, min, max);
        if (!IsIdParameter(parameter)) return null;
        var required = new NullabilityInfoContext().Create(parameter).ReadState == NullabilityState.NotNull || parameter.IsDefined(typeof(RequiredIdAttribute));
        return (arguments, validation) => validation.Id(name, arguments[position] as string, required);
    }
}
