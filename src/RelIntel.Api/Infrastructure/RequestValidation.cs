using System.Reflection;

namespace RelIntel.Api.Infrastructure;

/// <summary>A request body that checks itself: every field, for one 400 that names every bad one.</summary>
public interface IValidatable
{
    Validation Validate();
}

/// <summary>An optional-looking id parameter (<c>string?</c>, from the query) that must be given all the same.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RequiredIdAttribute : Attribute;

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
/// handler runs, every body it takes that is <see cref="IValidatable"/> is validated, and every id it takes (a parameter
/// named <c>id</c> or <c>…Id</c>) is checked with <see cref="Validation.Id"/>. What is wrong answers one 400 naming every
/// bad field, as our problem details always have; the handler then holds only its own logic.
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
        parameter.ParameterType == typeof(string) && parameter.Name is { } name && (name == "id" || name.EndsWith("Id", StringComparison.Ordinal));

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
        if (!IsIdParameter(parameter)) return null;
        var name = parameter.Name!;
        var required = new NullabilityInfoContext().Create(parameter).ReadState == NullabilityState.NotNull || parameter.IsDefined(typeof(RequiredIdAttribute));
        return (arguments, validation) => validation.Id(name, arguments[position] as string, required);
    }
}
