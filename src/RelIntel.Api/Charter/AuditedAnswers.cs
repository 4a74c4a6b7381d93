using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace RelIntel.Api.Charter;

/// <summary>An answer that shows relationships: which ones, for the audit.</summary>
public interface IAudited
{
    IReadOnlyCollection<RelationshipKey> Shown { get; }
}

/// <summary>
/// A handler's result with the relationships it shows: written to the client exactly as <typeparamref name="TResult"/> is
/// (and documented as it is), and recorded in the audit by <see cref="AuditedAnswers"/> on the way out.
/// </summary>
public sealed class AuditedResult<TResult>(TResult result, IReadOnlyCollection<RelationshipKey> shown)
    : IResult, INestedHttpResult, IAudited, IEndpointMetadataProvider where TResult : IResult
{
    public TResult Result { get; } = result;

    IResult INestedHttpResult.Result => Result;

    public IReadOnlyCollection<RelationshipKey> Shown { get; } = shown;

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);

    /// <summary>Documents what <typeparamref name="TResult"/> documents (an <c>Ok&lt;T&gt;</c>'s 200 and its type, say).</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        if (typeof(IEndpointMetadataProvider).IsAssignableFrom(typeof(TResult)))
            PopulateOf.MakeGenericMethod(typeof(TResult)).Invoke(null, [method, builder]);
    }

    private static readonly MethodInfo PopulateOf =
        typeof(AuditedResult<TResult>).GetMethod(nameof(Populate), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static void Populate<T>(MethodInfo method, EndpointBuilder builder) where T : IEndpointMetadataProvider =>
        T.PopulateMetadata(method, builder);
}

/// <summary>Endpoint metadata: the endpoint's audited answers are recorded by <see cref="AuditedAnswers"/>.</summary>
public sealed class AuditsAnswers
{
    public static readonly AuditsAnswers Instance = new();

    private AuditsAnswers()
    {
    }
}

/// <summary>
/// Every answer that shows relationships is audited by one mechanism on the route group: a handler returns its result
/// <see cref="Audited{TResult}"/> with the relationships it shows, and this filter records the entry
/// (<see cref="AuditLog.RecordAsync"/>) when the result is one, however deep in a <c>Results&lt;…&gt;</c> it sits. No handler
/// calls the audit; reports sent by the scheduler (no request) are recorded by <see cref="AuditLog.RecordDeliveryAsync"/>.
/// </summary>
public static class AuditedAnswers
{
    /// <summary>Records the audited answers of every endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder AuditAnswers(this RouteGroupBuilder group)
    {
        group.WithMetadata(AuditsAnswers.Instance);
        group.AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            if (AuditedIn(result) is { } audited)
            {
                var context = invocation.HttpContext;
                await context.RequestServices.GetRequiredService<AuditLog>().RecordAsync(context, audited.Shown, context.RequestAborted);
            }
            return result;
        });
        return group;
    }

    /// <summary><paramref name="result"/>, to be recorded in the audit as showing <paramref name="shown"/> (none is fine).</summary>
    public static AuditedResult<TResult> Audited<TResult>(this TResult result, IEnumerable<RelationshipKey> shown) where TResult : IResult =>
        new(result, shown as IReadOnlyCollection<RelationshipKey> ?? shown.ToList());

    private static IAudited? AuditedIn(object? result) => result switch
    {
        IAudited audited => audited,
        INestedHttpResult nested => AuditedIn(nested.Result),
        _ => null,
    };
}
