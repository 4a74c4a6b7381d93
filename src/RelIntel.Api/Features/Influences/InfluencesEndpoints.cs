using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Influences;

public enum InfluenceKind
{
    Advisor,
    Mentor,
    Expert,
    Other,
}

/// <summary>An informal line: <c>from</c>'s view weighs with <c>to</c>, with a strength in [0, 1].</summary>
public sealed record InfluenceRequest(string? FromId, string? ToId, double? Strength, InfluenceKind? Kind = null)
    : IHasExample<InfluenceRequest>, IValidatable
{
    public static InfluenceRequest Example => new("p-chief-engineer", "p-cto", 0.8, InfluenceKind.Advisor);

    public Validation Validate()
    {
        var validation = new Validation().Id("fromId", FromId).Id("toId", ToId).Required("strength", Strength).Range("strength", Strength, 0, 1);
        if (FromId is not null && FromId == ToId) validation.Add("toId", "A person cannot influence themselves.");
        return validation;
    }
}

public sealed record InfluenceResponse(string FromId, string ToId, double Strength, InfluenceKind Kind);

/// <summary>Informal influence lines: advisors, mentors, trusted experts.</summary>
public static class InfluencesEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("influences/upsert");
    private static readonly CypherQuery Delete = Cypher.Load("influences/delete");

    public static RouteGroupBuilder MapInfluences(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/influences").WithTags("Org chart").RequireAuthorization(Policies.CrmWriter);
        group.MapPut("/", PutAsync)
            .WithName("upsertInfluence")
            .WithSummary("Draw an informal influence line")
            .WithDescription(MergePatch.PutOnlySemantics + " \"from's view weighs with to\". Strength 0..1; kind defaults to other.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/", DeleteAsync).WithName("deleteInfluence").WithSummary("Remove an informal influence line").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Created<InfluenceResponse>, Ok<InfluenceResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        InfluenceRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        var kind = request.Kind ?? InfluenceKind.Other;
        var row = (await graph.WriteAsync(Upsert, new { request.FromId, request.ToId, request.Strength, kind, now = clock.GetUtcNow() },
            cancellationToken)).SingleOrDefault<PairOutcome>()!;
        var line = new InfluenceResponse(request.FromId!, request.ToId!, request.Strength!.Value, kind);
        return row.Outcome switch
        {
            "from-not-found" => Problems.NotFound("Person", "fromId", request.FromId!),
            "to-not-found" => Problems.NotFound("Person", "toId", request.ToId!),
            _ => row.Created ? TypedResults.Created("/api/influences", line) : TypedResults.Ok(line),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        IGraph graph, CancellationToken cancellationToken, [RequiredId] string? fromId = null, [RequiredId] string? toId = null)
    {
        var found = (await graph.WriteAsync(Delete, new { fromId, toId }, cancellationToken)).Scalar<bool>("found");
        return found ? TypedResults.NoContent() : Problems.NotFound("Influence line", "fromId", $"{fromId} → {toId}");
    }
}
