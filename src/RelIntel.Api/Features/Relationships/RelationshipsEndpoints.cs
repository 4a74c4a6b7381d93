using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Relationships;

/// <summary>Who of ours knows whom of theirs, owned by one of our people and shared by the charter's visibility.</summary>
public static class RelationshipsEndpoints
{
    private static readonly CypherQuery Upsert = RelationshipWrites.Upsert;
    private static readonly CypherQuery Delete = Cypher.Load("relationships/delete");
    private static readonly CypherQuery ListByPerson = Cypher.Load("relationships/list-by-person");

    public static RouteGroupBuilder MapRelationships(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/relationships").WithTags("Relationships");
        group.MapPut("/", PutAsync)
            .WithName("upsertRelationship").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Declare that one of our people knows one of theirs")
            .WithDescription("Idempotent upsert of the pair; 201 when new. Fields left out keep what is stored (a declared " +
                             "strength stays until its owner changes it); a new relationship is owned by our person, has the " +
                             "charter's default visibility and source manual. The owner must be one of our people.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/", DeleteAsync).WithName("deleteRelationship").ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Remove a relationship").ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/people/{id}/relationships", ListAsync)
            .WithTags("Relationships")
            .WithName("listRelationshipsOfPerson")
            .WithSummary("List a person's relationships with their strength")
            .WithDescription("For one of our people, whom they know; for a customer person, who of ours knows them. " +
                             "Learned strength is decayed to now; each item shows the factors. Only relationships the " +
                             "charter lets the caller see are listed (and counted); do-not-contact people show to admins only. " +
                             "Every read is audited.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record PageRow(bool PersonExists, long Total, List<RelationshipRow?> Items);

    private static async Task<Results<Created<RelationshipResponse>, Ok<RelationshipResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        RelationshipRequest request, HttpContext context, IGraph graph, CharterStore charters, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (request.Validate().Problem() is { } problem) return problem;

        var now = clock.GetUtcNow();
        var charter = await charters.GetAsync(cancellationToken);
        var caller = Caller.From(context.User)?.RestrictedTo;
        var row = (await graph.RunAsync(Upsert, RelationshipWrites.Parameters([RelationshipWrites.Row(0, request)], charter, now, caller),
            cancellationToken)).SingleOrDefault<RelationshipWrites.UpsertRow>()!;
        if (RelationshipWrites.Refusal(row.Outcome, request) is { } refusal) return refusal;
        var response = Strength.Evaluate(row.Relationship!, charter, now);
        return row.Created
            ? TypedResults.Created($"/api/people/{Uri.EscapeDataString(request.OurPersonId!)}/relationships", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        HttpContext context, Viewer viewer, IGraph graph, CancellationToken cancellationToken, string? ourPersonId = null,
        string? theirPersonId = null)
    {
        if (new Validation().Id("ourPersonId", ourPersonId).Id("theirPersonId", theirPersonId).Problem() is { } problem) return problem;
        var caller = Caller.From(context.User)?.RestrictedTo;
        // A relationship the caller may not see is "not found" to them; one they see but do not own is theirs to leave alone.
        var outcome = (await graph.RunAsync(Delete, new { ourPersonId, theirPersonId, viewer = viewer.ToParameter(), caller },
            cancellationToken)).Scalar<string>("outcome");
        return outcome switch
        {
            "deleted" => TypedResults.NoContent(),
            "not-owner" => Access.Forbidden("ownerId", "Only the relationship's owner (or an admin or integration key) removes it."),
            _ => Problems.NotFound("Relationship", "theirPersonId", $"{ourPersonId} → {theirPersonId}"),
        };
    }

    private static async Task<Results<Ok<Paged<RelationshipResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, HttpContext context, Viewer viewer, IGraph graph, CharterStore charters, AuditLog audit, TimeProvider clock,
        CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var validation = new Validation().Id("id", id);
        var paging = Paging.From(page, pageSize, validation);
        if (validation.Problem() is { } problem) return problem;

        var row = (await graph.RunAsync(ListByPerson,
                new { id, skip = paging.Skip, limit = paging.PageSize, viewer = viewer.ToParameter() }, cancellationToken))
            .SingleOrDefault<PageRow>()!;
        if (!row.PersonExists) return Problems.NotFound("Person", "id", id);
        var now = clock.GetUtcNow();
        var charter = await charters.GetAsync(cancellationToken);
        var items = row.Items.OfType<RelationshipRow>().Select(r => Strength.Evaluate(r, charter, now)).ToList();
        await audit.RecordAsync(context, items.Select(r => new RelationshipKey(r.OurPerson.Id, r.TheirPerson.Id)).ToList(), cancellationToken);
        return TypedResults.Ok(new Paged<RelationshipResponse>(items, paging.Page, paging.PageSize, row.Total));
    }
}
