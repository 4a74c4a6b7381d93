using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Relationships;

/// <summary>The one relationship upsert, used for a single PUT (one row) and for batches (many rows, one statement each chunk).</summary>
internal static class RelationshipWrites
{
    public static readonly CypherQuery Upsert = Cypher.Load("relationships/upsert");

    public sealed record WriteRow(int Index, string? OurPersonId, string? TheirPersonId, string? OwnerId, double? Strength,
        string? Since, string? Source, string? Visibility);

    public sealed record UpsertRow(int Index, string Outcome, bool Created, RelationshipResponse? Relationship);

    public static WriteRow Row(int index, RelationshipRequest request) => new(index, request.OurPersonId, request.TheirPersonId,
        request.OwnerId, request.Strength, request.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        request.Source.Word(), request.Visibility.Word());

    /// <summary>The upsert's parameters: the charter's rules decide, for the viewer of the graph it runs on and this writer, what may be written and shown.
    /// <c>withRelationship</c> answers each stored relationship (a single PUT shows it); batches need only the outcomes.</summary>
    public static object Parameters(IEnumerable<WriteRow> rows, Viewer viewer, Caller caller, DateTimeOffset now,
        bool withRelationship = true) =>
        new
        {
            rows,
            defaultVisibility = viewer.Charter.DefaultVisibility.Word(),
            now,
            writer = caller.Writer,
            withRelationship,
        };

    /// <summary>The field and problem for an outcome other than <c>ok</c>, or null when it was written.</summary>
    public static (string Field, int Status, string Title, string Detail)? Why(string outcome, RelationshipRequest request) => outcome switch
    {
        "our-person-not-found" => ("ourPersonId", StatusCodes.Status404NotFound, "Person not found", $"No person has id '{request.OurPersonId}'."),
        "their-person-not-found" => ("theirPersonId", StatusCodes.Status404NotFound, "Person not found", $"No person has id '{request.TheirPersonId}'."),
        "owner-not-found" => ("ownerId", StatusCodes.Status404NotFound, "Person not found", $"No person has id '{request.OwnerId}'."),
        "our-person-not-ours" => ("ourPersonId", StatusCodes.Status422UnprocessableEntity, "Not one of our people",
            $"'{request.OurPersonId}' does not work for our own organization; relationships go from our people to theirs."),
        "their-person-is-ours" => ("theirPersonId", StatusCodes.Status422UnprocessableEntity, "One of our people",
            $"'{request.TheirPersonId}' works for our own organization; relationships go from our people to theirs."),
        "owner-not-ours" => ("ownerId", StatusCodes.Status422UnprocessableEntity, "Owner is not one of our people",
            $"'{request.OwnerId}' does not work for our own organization; only our people own relationships."),
        "not-yours" => ("ourPersonId", StatusCodes.Status403Forbidden, "Not your relationship",
            "This API key acts as one of our people and writes only relationships of that person (ourPersonId) or owned by them."),
        "not-owner" => (DetailField(request), StatusCodes.Status403Forbidden, "Only the owner may change this",
            "The relationship is owned by someone else: only its owner (or an admin or integration key) sends its strength, " +
            "owner, visibility, since or source. Re-send it with the two ids only."),
        _ => null,
    };

    private static string DetailField(RelationshipRequest request) =>
        request.Strength is not null ? "strength" : request.OwnerId is not null ? "ownerId" : request.Visibility is not null ? "visibility"
        : request.Since is not null ? "since" : "source";

    public static ProblemHttpResult? Refusal(string outcome, RelationshipRequest request) => Why(outcome, request) is { } why
        ? TypedResults.Problem(statusCode: why.Status, title: why.Title, detail: why.Detail,
            extensions: new Dictionary<string, object?> { ["field"] = why.Field })
        : null;
}
