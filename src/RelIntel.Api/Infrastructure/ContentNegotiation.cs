using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace RelIntel.Api.Infrastructure;

/// <summary>One format an endpoint can answer in, and the media types (aliases and wildcards included) that ask for it.</summary>
public sealed record Offer<T>(T Format, params string[] MediaTypes) where T : struct;

/// <summary>
/// Which format an answer takes, from the <c>Accept</c> header: the same rule for every endpoint that answers in several
/// formats (reports, pictures), so a client learns it once.
/// </summary>
public static class ContentNegotiation
{
    /// <summary>
    /// The format the caller accepts best, by quality then by the order of the header; the first offer (the default)
    /// when there is no <c>Accept</c> header or it says <c>*/*</c>; null when no offer fits (answer 406). An offer is
    /// chosen by one of its media types, so wildcards such as <c>image/*</c> are listed with the offer they mean.
    /// </summary>
    public static T? Choose<T>(HttpRequest request, IReadOnlyList<Offer<T>> offers) where T : struct
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return offers[0].Format;
        foreach (var media in accept.Select((m, i) => (m, i)).OrderByDescending(x => x.m.Quality ?? 1).ThenBy(x => x.i).Select(x => x.m))
        {
            if (media.Quality is 0) continue;
            var type = media.MediaType.Value ?? "";
            if (type == "*/*") return offers[0].Format;
            foreach (var offer in offers)
                if (offer.MediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase)) return offer.Format;
        }
        return null;
    }

    /// <summary>Tells caches that the answer depends on the <c>Accept</c> header.</summary>
    public static void VaryByAccept(HttpContext context) => context.Response.Headers.Vary = HeaderNames.Accept;

    /// <summary>The 406 for an <c>Accept</c> header no offer fits, naming what the endpoint gives.</summary>
    public static ProblemHttpResult NotAcceptable(string what, params string[] mediaTypes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
            detail: $"{what} {(mediaTypes.Length == 1 ? "is" : "are")} available as {string.Join(", ", mediaTypes[..^1])}" +
                    $"{(mediaTypes.Length > 1 ? " or " : "")}{mediaTypes[^1]}.",
            extensions: new Dictionary<string, object?> { ["field"] = HeaderNames.Accept });
}
