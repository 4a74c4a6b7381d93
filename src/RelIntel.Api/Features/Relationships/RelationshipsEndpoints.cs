using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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
            .WithSummary("Declare that one of our people knows one of theirs")
            .WithDescription("Idempotent upsert of the pair; 201 when new. Fields left out keep what is stored (a declared " +
                             "strength stays until its owner changes it); a new relationship is owned by our person, has the " +
                             "charter's default visibility and source manual. The owner must be one of our people.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/", DeleteAsync).WithSummary("Remove a relationship").ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/people/{id}/relationships", ListAsync)
            .WithTags("Relationships")
            .WithSummary("List a person's relationships with their strength")
            .WithDescription("For one of our people, whom they know; for a customer person, who of ours knows them. " +
                             "Learned strength is decayed to now; each item shows the factors.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record PageRow(bool PersonExists, long Total, List<RelationshipRow?> Items);

    private static async Task<Results<Created<RelationshipResponse>, Ok<RelationshipResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        RelationshipRequest request, IGraph graph, IOptions<CharterOptions> charter, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Validate().Problem() is { } problem) return problem;

        var now = clock.GetUtcNow();
        var row = (await graph.RunAsync(Upsert, RelationshipWrites.Parameters([RelationshipWrites.Row(0, request)], charter.Value, now),
            cancellationToken)).SingleOrDefault<RelationshipWrites.UpsertRow>()!;
        if (RelationshipWrites.Refusal(row.Outcome, request) is { } refusal) return refusal;
        var response = Strength.Evaluate(row.Relationship!, charter.Value, now);
        return row.Created
            ? TypedResults.Created($"/api/people/{Uri.EscapeDataString(request.OurPersonId!)}/relationships", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        IGraph graph, CancellationToken cancellationToken, string? ourPersonId = null, string? theirPersonId = null)
    {
        if (new Validation().Id("ourPersonId", ourPersonId).Id("theirPersonId", theirPersonId).Problem() is { } problem) return problem;
        var found = (await graph.RunAsync(Delete, new { ourPersonId, theirPersonId }, cancellationToken)).Scalar<bool>("found");
        return found ? TypedResults.NoContent()
            : Problems.NotFound("Relationship", "theirPersonId", $"{ourPersonId} → {theirPersonId}");
    }

    private static async Task<Results<Ok<Paged<RelationshipResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, IGraph graph, IOptions<CharterOptions> charter, TimeProvider clock, CancellationToken cancellationToken,
        int? page = null, int? pageSize = null)
    {
        var validation = new Validation().Id("id", id);
        var paging = Paging.From(page, pageSize, validation);
        if (validation.Problem() is { } problem) return problem;

        var row = (await graph.RunAsync(ListByPerson, new { id, skip = paging.Skip, limit = paging.PageSize }, cancellationToken))
            .SingleOrDefault<PageRow>()!;
        if (!row.PersonExists) return Problems.NotFound("Person", "id", id);
        var now = clock.GetUtcNow();
        var items = row.Items.OfType<RelationshipRow>().Select(r => Strength.Evaluate(r, charter.Value, now)).ToList();
        return TypedResults.Ok(new Paged<RelationshipResponse>(items, paging.Page, paging.PageSize, row.Total));
    }
}
