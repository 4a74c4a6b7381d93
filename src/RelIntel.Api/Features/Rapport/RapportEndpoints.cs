using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Rapport;

public enum Sentiment
{
    Sympathy,
    Antipathy,
    Rivalry,
}

/// <summary>Rapport between two people. Symmetric: one stored fact whichever way it is sent.</summary>
public sealed record RapportRequest(string? PersonId, string? OtherId, Sentiment? Sentiment) : IHasExample<RapportRequest>, IValidatable
{
    public Validation Validate()
    {
        var validation = new Validation().Id("personId", PersonId).Id("otherId", OtherId).Required("sentiment", Sentiment);
        if (PersonId is not null && PersonId == OtherId) validation.Add("otherId", "Rapport is between two different people.");
        return validation;
    }

    public static RapportRequest Example => new("p-cfo", "p-cto", Rapport.Sentiment.Rivalry);
}

public sealed record RapportResponse(string PersonId, string OtherId, Sentiment Sentiment);

/// <summary>Sympathy, antipathy and rivalry among people.</summary>
public static class RapportEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("rapport/upsert");
    private static readonly CypherQuery Delete = Cypher.Load("rapport/delete");

    public static RouteGroupBuilder MapRapport(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/rapport").WithTags("Org chart").RequireAuthorization(Policies.CrmWriter);
        group.MapPut("/", PutAsync)
            .WithName("upsertRapport")
            .WithSummary("Record rapport between two people")
            .WithDescription(MergePatch.PutOnlySemantics + " Symmetric: sending (a, b) or (b, a) stores one fact; a later sentiment replaces the earlier.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/", DeleteAsync).WithName("deleteRapport").WithSummary("Remove rapport between two people").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Created<RapportResponse>, Ok<RapportResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        RapportRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (lowId, highId) = Ordered(request.PersonId!, request.OtherId!);
        var row = (await graph.WriteAsync(Upsert, new { lowId, highId, request.Sentiment, now = clock.GetUtcNow() },
            cancellationToken)).SingleOrDefault<PairOutcome>()!;
        var fact = new RapportResponse(request.PersonId!, request.OtherId!, request.Sentiment!.Value);
        return row.Outcome switch
        {
            "low-not-found" => Problems.NotFound("Person", lowId == request.PersonId ? "personId" : "otherId", lowId),
            "high-not-found" => Problems.NotFound("Person", highId == request.PersonId ? "personId" : "otherId", highId),
            _ => row.Created ? TypedResults.Created("/api/rapport", fact) : TypedResults.Ok(fact),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        IGraph graph, CancellationToken cancellationToken, [RequiredId] string? personId = null, [RequiredId] string? otherId = null)
    {
        var (lowId, highId) = Ordered(personId!, otherId!);
        var found = (await graph.WriteAsync(Delete, new { lowId, highId }, cancellationToken)).Scalar<bool>("found");
        return found ? TypedResults.NoContent() : Problems.NotFound("Rapport", "personId", $"{personId} ~ {otherId}");
    }

    private static (string Low, string High) Ordered(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
