using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// The last problem-details writer: it writes <c>application/problem+json</c> whatever the request's <c>Accept</c> says.
/// ASP.NET Core's own writer declines a request that accepts only a picture or a page (an <c>&lt;img&gt;</c> loading a
/// power map, a browser opening a report), and a refusal then became an empty 500. An error is always problem details.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Type ??= TypeOf(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), jsonOptions.Value.SerializerOptions, ContentType));
    }

    /// <summary>
    /// The same <c>type</c> link ASP.NET Core's own writer gives a status, so one error reads alike whichever writer
    /// answered it (a status it has no link for has none here either).
    /// </summary>
    private static string? TypeOf(int status) => status switch
    {
        400 => Section("15.5.1"), 401 => Section("15.5.2"), 403 => Section("15.5.4"), 404 => Section("15.5.5"),
        405 => Section("15.5.6"), 406 => Section("15.5.7"), 408 => Section("15.5.9"), 409 => Section("15.5.10"),
        412 => Section("15.5.13"), 415 => Section("15.5.16"), 422 => Section("15.5.21"), 426 => Section("15.5.22"),
        500 => Section("15.6.1"), 502 => Section("15.6.3"), 503 => Section("15.6.4"), 504 => Section("15.6.5"),
        _ => null,
    };

    private static string Section(string number) => $"https://tools.ietf.org/html/rfc9110#section-{number}";
}
