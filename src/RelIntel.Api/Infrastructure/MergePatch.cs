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

    /// <summary>What every PUT is (docs/api.md#writing-from-a-crm says it at length); the descriptions below start with it.</summary>
    private const string FullReplacement = "PUT is a full replacement: a field left out is cleared, or takes its default where one " +
                                           "is given below.";

    /// <summary>The description every PUT of a resource that can also be patched starts with.</summary>
    public const string PutSemantics = FullReplacement + " To change some fields only, send a PATCH with `" + ContentType + "`.";

    /// <summary>The description every PUT of a fact without a PATCH (a line, a sentiment, a team place) starts with.</summary>
    public const string PutOnlySemantics = FullReplacement + " There is no PATCH here: the record is small, send it whole.";

    /// <summary>The one PUT that is not a full replacement says so, in the same words the others use.</summary>
    public const string PutKeepsSemantics = "Unlike the other PUTs (a full replacement), a relationship's PUT keeps what a field " +
                                            "left out held, since a CRM cannot know a strength its owner declared.";

    /// <summary>The charter's PUT: its rules are all required, but its optional parts keep what is in force when left out.</summary>
    public const string PutCharterSemantics = "Unlike the other PUTs (a full replacement), the charter's optional parts left out " +
                                              "(interactionWeights, capture, introductions, and their members) keep what is in force; " +
                                              "the other rules are required.";

    private static bool IsMergePatch(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase);

    private static ProblemHttpResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type", detail: $"Send the changes as {ContentType} (RFC 7396).",
        extensions: new Dictionary<string, object?> { ["accepts"] = new[] { ContentType } });

    /// <summary>
    /// The one flow of every PATCH endpoint: the patch read, the stored resource read in the shape of its PUT body
    /// (<paramref name="readStored"/>; a problem when there is nothing to patch), the patch applied, the result checked as
    /// the route group checks a PUT's body, then written by <paramref name="write"/>, exactly what the PUT does.
    /// </summary>
    public static async Task<Results<Created<TAnswer>, Ok<TAnswer>, ValidationProblem, ProblemHttpResult>> PatchAsync<TRequest, TAnswer>(
        HttpRequest http, JsonSerializerOptions options, Func<Task<PatchTarget<TRequest>>> readStored,
        Func<TRequest, Task<Results<Created<TAnswer>, Ok<TAnswer>, ValidationProblem, ProblemHttpResult>>> write,
        CancellationToken cancellationToken)
        where TRequest : class, IValidatable
    {
        if (!IsMergePatch(http)) return UnsupportedType();
        var validation = new Validation();
        var patch = await ReadAsync(http, validation, cancellationToken);
        if (validation.Problem() is { } problem) return problem;
        var target = await readStored();
        if (target.Missing is { } missing) return missing;
        var request = Apply(target.Stored!, patch!, options, validation);
        if (validation.Problem() is { } unfit) return unfit;
        if (request!.Validate().Problem() is { } invalid) return invalid;
        return await write(request);
    }

    /// <summary>The patch document, or null with what is wrong with it in <paramref name="validation"/>.</summary>
    private static async Task<JsonObject?> ReadAsync(HttpRequest request, Validation validation, CancellationToken cancellationToken)
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
    private static T? Apply<T>(T stored, JsonObject patch, JsonSerializerOptions options, Validation validation) where T : class
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

/// <summary>What a PATCH found to patch: the stored resource in the shape of its PUT body, or the problem saying it is not there.</summary>
public sealed record PatchTarget<T>(T? Stored, ProblemHttpResult? Missing) where T : class
{
    public static implicit operator PatchTarget<T>(T stored) => new(stored, null);

    public static implicit operator PatchTarget<T>(ProblemHttpResult missing) => new(null, missing);
}
