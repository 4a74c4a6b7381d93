using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using BadHttpRequestException = Microsoft.AspNetCore.Http.BadHttpRequestException;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>Every error as RFC 9457 problem details: unknown routes, malformed bodies, and what Neo4j says.</summary>
public static class Problems
{
    /// <summary>The largest request body we read, in bytes (bulk imports of 5,000+ records fit).</summary>
    public const long MaxRequestBodyBytes = 16 * 1024 * 1024;

    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            // The framework answers a body of the wrong type with a bare 415: say what the endpoint takes.
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
                ApiExceptionHandler.DescribeUnsupportedType(context.HttpContext, context.ProblemDetails);
        });
        // After ASP.NET Core's writer, so it answers exactly what that one declines (a request for a picture or a page).
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Let malformed bodies reach the exception handler, which names the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return services;
    }

    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>A 400 naming the fields that are wrong.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A 404 naming the id that was not found.</summary>
    public static ProblemHttpResult NotFound(string what, string field, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found",
            detail: $"No {what.ToLowerInvariant()} has id '{id}'.",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["id"] = id });

    /// <summary>A 409: the request conflicts with what is stored.</summary>
    public static ProblemHttpResult Conflict(string title, string detail, string? field = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A 409 that names what is stored instead: the field and the id of the existing one.</summary>
    public static ProblemHttpResult Conflict(string title, string detail, string field, string? existingId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field, ["existingId"] = existingId });

    /// <summary>A 422: well-formed, but it does not make sense with what is stored (e.g. the wrong kind of person).</summary>
    public static ProblemHttpResult Unprocessable(string title, string detail, string field) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}

/// <summary>Turns exceptions into problem details; only a bug in the service is a 500.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            Neo4jUnavailableException unavailable => Unavailable(httpContext, unavailable),
            // Retries ran out on a transient error (a deadlock under heavy concurrent writes, say): the failed statement
            // wrote nothing, and the same request may well succeed a moment later.
            Neo4jTransientException busy => Busy(httpContext, busy),
            Neo4jConstraintViolationException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflicts with stored data",
                Detail = "A value that must be unique is already used by another record.",
                Extensions = { ["neo4jCode"] = conflict.Code },
            },
            Neo4jClientException { Code: "Neo.ClientError.Transaction.InvalidBookmark" } => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [Bookmarks.Header] = ["Not bookmarks this service gave out: send back those of an earlier answer."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The bookmarks could not be read",
            },
            Neo4jClientException refused => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The graph refused the request",
                Detail = "Neo4j could not run the request as given.",
                Extensions = { ["neo4jCode"] = refused.Code },
            },
            BadHttpRequestException bad => BadRequest(bad, httpContext),
            BodyTooLargeException => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large",
                Detail = $"Bodies are limited to {Problems.MaxRequestBodyBytes / (1024 * 1024)} MiB.",
            },
            IdempotencyClaimLostException lost => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A request with this Idempotency-Key took over",
                Detail = lost.Message + " Nothing of this request was written; send it again to get the answer.",
                Extensions = { ["field"] = Idempotency.Header },
            },
            // Neo4j failed inside (Neo.DatabaseError.*: out of memory, an index not online, ...): not the caller's doing,
            // and worth trying again shortly.
            Neo4jException failed when failed.Code.StartsWith("Neo.DatabaseError.", StringComparison.Ordinal) => DatabaseFailed(httpContext, failed),
            _ => null,
        };
        if (problem is null) return false;
        if (problem.Status >= 500) logger.LogWarning("{Status}: {Message}", problem.Status, exception.Message);
        else logger.LogInformation("{Status}: {Message}", problem.Status, exception.Message);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Busy(HttpContext context, Neo4jTransientException e) => TryAgain(context, e, 1,
        "The graph database is busy", "Neo4j could not complete the request after several attempts.");

    private static ProblemDetails DatabaseFailed(HttpContext context, Neo4jException e) => TryAgain(context, e, 5,
        "The graph database failed", "Neo4j failed to run the request.");

    /// <summary>A 503 for a request Neo4j did not complete; the same request may succeed later.</summary>
    private static ProblemDetails TryAgain(HttpContext context, Neo4jException e, int seconds, string title, string detail)
    {
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = title,
            Detail = $"{detail} {Written(context, out var written)} Try again in {seconds} s.",
            Extensions = { ["neo4jCode"] = e.Code },
        };
        problem.Extensions["written"] = written;
        return problem;
    }

    private static ProblemDetails Unavailable(HttpContext context, Neo4jUnavailableException e)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = e is Neo4jOutcomeUnknownException
            ? new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Neo4j did not confirm the write",
                Detail = $"Neo4j got the write but its answer was lost, so it may or may not have been stored. {Written(context, out _)} " +
                         $"Try again in {seconds} s.",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The graph database is unavailable",
                Detail = $"Neo4j cannot be reached right now. {Written(context, out _)} Try again in {seconds} s.",
            };
        Written(context, out var written);
        problem.Extensions["written"] = written;
        return problem;
    }

    /// <summary>
    /// What the failed request left in the graph, from its <see cref="GraphSession"/>: <c>no</c> (nothing: the same request
    /// may simply be sent again), <c>partly</c> (a write committed before the failure) or <c>unknown</c> (a write got no
    /// answer). Sending a request again is safe in every case — single writes are upserts, and a bulk call sent again with
    /// the same Idempotency-Key answers what was committed — but only <c>no</c> means nothing changed.
    /// </summary>
    private static string Written(HttpContext context, out string written)
    {
        var session = context.Features.Get<GraphSession>();
        if (session?.OutcomeUnknown == true)
        {
            written = "unknown";
            return "Sending the same request again is safe: single writes are upserts, and a bulk call sent again with the same " +
                   "Idempotency-Key answers what was committed.";
        }
        if (session?.Wrote == true)
        {
            written = "partly";
            return "Part of the request was written before the failure; sending the same request again is safe.";
        }
        written = "no";
        return "Nothing was written.";
    }

    // Minimal APIs say e.g. 'Failed to bind parameter "Nullable<int> k" from "abc".': name the parameter.
    [GeneratedRegex("""^Failed to bind parameter "(?:Nullable<(?<type>\w+)>|(?<type>\w+)) (?<name>\w+)" from "(?<value>.*)"\.\z""")]
    private static partial Regex UnboundParameter();

    private static ProblemDetails BadRequest(BadHttpRequestException e, HttpContext context)
    {
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType) return UnsupportedType(context);
        if (e.InnerException is JsonException json)
        {
            var field = JsonErrors.Field(json.Path);
            var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [JsonErrors.Message(json)],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read",
            };
            return problem;
        }
        if (e.StatusCode == StatusCodes.Status400BadRequest && UnboundParameter().Match(e.Message) is { Success: true } unbound)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [unbound.Groups["name"].Value] = [$"'{unbound.Groups["value"].Value}' is not a valid {unbound.Groups["type"].Value}."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "A parameter could not be read",
            };
        }
        return new ProblemDetails
        {
            Status = e.StatusCode,
            Title = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large",
                _ => "Bad request",
            },
            Detail = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"Bodies are limited to {Problems.MaxRequestBodyBytes / (1024 * 1024)} MiB."
                : e.Message,
        };
    }

    /// <summary>A 415 naming the content types the endpoint takes (from its metadata, as the OpenAPI document lists them).</summary>
    private static ProblemDetails UnsupportedType(HttpContext context) =>
        DescribeUnsupportedType(context, new ProblemDetails { Status = StatusCodes.Status415UnsupportedMediaType });

    internal static ProblemDetails DescribeUnsupportedType(HttpContext context, ProblemDetails problem)
    {
        var accepts = Accepts(context.GetEndpoint()) is { Count: > 0 } own ? own
            : MatchingEndpoints(context).SelectMany(Accepts).Distinct().ToList() is { Count: > 0 } matched ? matched
            : ["application/json"];
        var sent = context.Request.ContentType is { Length: > 0 } type ? $"'{type}'" : "no content type";
        problem.Title = "Unsupported content type";
        problem.Detail = $"This endpoint takes {string.Join(" or ", accepts)}; the request sent {sent}.";
        problem.Extensions["accepts"] = accepts;
        return problem;
    }

    private static List<string> Accepts(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()
            .SelectMany(m => m.ContentTypes).Distinct().ToList() ?? [];

    /// <summary>
    /// Routing answers a content type no endpoint takes with an endpoint of its own that knows nothing of the refused
    /// ones: find the endpoints of this method and path again.
    /// </summary>
    private static IEnumerable<Endpoint> MatchingEndpoints(HttpContext context) =>
        context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(context.Request.Method) ?? true)
            .Where(e => new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(
                    new Microsoft.AspNetCore.Routing.Template.RouteTemplate(e.RoutePattern), new RouteValueDictionary())
                .TryMatch(context.Request.Path, new RouteValueDictionary()));
}
