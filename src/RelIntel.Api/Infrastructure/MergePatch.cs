using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// JSON Merge Patch (RFC 7396), as CRMs send changes: a member left out keeps what is stored, <c>null</c> clears, an
/// object merges member by member. A PATCH endpoint reads the stored resource in the shape of its PUT request, applies
/// the patch onto it here, and then validates and writes the result exactly as PUT does, so both share one set of rules.
/// </summary>
public static class MergePatch
{
    public const string ContentType = "application/merge-patch+json";

    /// <summary>The description every PATCH operation shares.</summary>
    public const string Semantics = "JSON Merge Patch (RFC 7396, `Content-Type: application/merge-patch+json`): a member left out " +
                                    "keeps what is stored, `null` clears it (a required field cannot be cleared: 400 naming it), " +
                                    "an object merges member by member. The result is checked exactly as the PUT checks its body. " +
                                    "404 when there is nothing to patch.";

    /// <summary>The description every PUT of a resource that can also be patched shares.</summary>
    public const string PutSemantics = "PUT is a full replacement: a field left out is cleared, or takes its default where one " +
                                       "is given below. To change some fields only, send a PATCH with `application/merge-patch+json`.";

    public static bool IsMergePatch(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    public static ProblemHttpResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type", detail: $"Send the changes as {ContentType} (RFC 7396).",
        extensions: new Dictionary<string, object?> { ["accepts"] = new[] { ContentType } });

    /// <summary>The patch document, or null with what is wrong with it in <paramref name="validation"/>.</summary>
    public static async Task<JsonObject?> ReadAsync(HttpRequest request, Validation validation, CancellationToken cancellationToken)
    {
        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false },
                cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            validation.Add("body", JsonErrors.Message(e));
            return null;
        }
        if (patch is JsonObject changes) return changes;
        validation.Add("body", "A merge patch is a JSON object of the fields to change.");
        return null;
    }

    /// <summary>
    /// <paramref name="patch"/> applied onto <paramref name="stored"/>, read back as <typeparamref name="T"/> with the API's
    /// JSON rules (strict types, enum words); null with the field in <paramref name="validation"/> when a value does not fit.
    /// </summary>
    public static T? Apply<T>(T stored, JsonObject patch, JsonSerializerOptions options, Validation validation) where T : class
    {
        var merged = Merge(JsonSerializer.SerializeToNode(stored, options), patch);
        try
        {
            return merged.Deserialize<T>(options);
        }
        catch (JsonException e)
        {
            validation.Add(JsonErrors.Field(e.Path), JsonErrors.Message(e, withPosition: false));
            return null;
        }
    }

    /// <summary>RFC 7396 section 2, as written there.</summary>
    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject changes) return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            // An object merged into a stored object changes it in place; anything else takes the member's place.
            var merged = Merge(result[name], value);
            if (!ReferenceEquals(merged, result[name])) result[name] = merged;
        }
        return result;
    }
}
