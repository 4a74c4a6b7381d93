using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
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
            .WithName("upsertRelationship")
            .WithSummary("Declare that one of our people knows one of theirs")
            .WithDescription(MergePatch.PutKeepsSemantics + " Idempotent upsert of the pair; 201 when new. A declared " +
                             "strength stays until its owner changes it; a new relationship is owned by our person, has the " +
                             "charter's default visibility and source manual. The owner must be one of our people. Seller and " +
                             "manager keys write their own relationships; on one owned by someone else they may re-send the two " +
                             "ids only. The answer shows the stored relationship as the caller may see it (null where the " +
                             "charter hides it from them).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/", DeleteAsync).WithName("deleteRelationship").WithSummary("Remove a relationship")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

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

    private sealed record PageRow(bool PersonExists, long Total, List<RelationshipResponse> Items);

    private static async Task<Results<AuditedResult<Created<RelationshipWriteResponse>>, AuditedResult<Ok<RelationshipWriteResponse>>, ValidationProblem, ProblemHttpResult>> PutAsync(
        RelationshipRequest request, Caller caller, ViewerGraph graph, CancellationToken cancellationToken)
    {
        // A relationship into an account changes answers at that account only (the answer cache keeps the others).
        using var scope = WriteScope.OfPeople([request.TheirPersonId!]);
        var row = (await graph.WriteAsync(Upsert, RelationshipWrites.Parameters([RelationshipWrites.Row(0, request)], graph.Viewer, caller, graph.Viewer.Now),
            cancellationToken)).SingleOrDefault<RelationshipWrites.UpsertRow>()!;
        if (RelationshipWrites.Refusal(row.Outcome, request) is { } refusal) return refusal;
        var response = new RelationshipWriteResponse(request.OurPersonId!, request.TheirPersonId!, row.Created, row.Relationship);
        RelationshipKey[] shown = row.Relationship is { } relationship ? [relationship.Key] : [];
        return row.Created
            ? TypedResults.Created($"/api/people/{Uri.EscapeDataString(request.OurPersonId!)}/relationships", response).Audited(shown)
            : TypedResults.Ok(response).Audited(shown);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        Caller caller, ViewerGraph graph, CancellationToken cancellationToken, [RequiredId] string? ourPersonId = null,
        [RequiredId] string? theirPersonId = null)
    {
        // A relationship the caller may not see is "not found" to them; one they see but do not own is theirs to leave alone.
        using var scope = WriteScope.OfPeople([theirPersonId!]);
        var outcome = (await graph.WriteAsync(Delete, new
        {
            ourPersonId, theirPersonId, writer = caller.Writer,
        }, cancellationToken)).Scalar<string>("outcome");
        return outcome switch
        {
            "deleted" => TypedResults.NoContent(),
            "not-owner" => Access.Forbidden("ownerId", "Only the relationship's owner (or an admin or integration key) removes it."),
            _ => Problems.NotFound("Relationship", "theirPersonId", $"{ourPersonId} → {theirPersonId}"),
        };
    }

    private static async Task<Results<AuditedResult<Ok<Paged<RelationshipResponse>>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, ViewerGraph graph, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        var paging = Paging.Of(page, pageSize);

        var row = (await graph.ReadAsync(ListByPerson, new
        {
            id, skip = paging.Skip, limit = paging.PageSize,
        }, cancellationToken)).SingleOrDefault<PageRow>()!;
        if (!row.PersonExists) return Problems.NotFound("Person", "id", id);
        return TypedResults.Ok(new Paged<RelationshipResponse>(row.Items, paging.Page, paging.PageSize, row.Total)).Audited(row.Items.Select(r => r.Key));
    }
}
