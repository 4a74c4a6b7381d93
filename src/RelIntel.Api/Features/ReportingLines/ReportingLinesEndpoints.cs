using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.ReportingLines;

public enum LineKind
{
    Solid,
    Dotted,
}

/// <summary>A formal line: <c>solid</c> to the direct manager, <c>dotted</c> to a matrix manager.</summary>
public sealed record ReportingLineRequest(string? PersonId, string? ManagerId, LineKind? Kind) : IHasExample<ReportingLineRequest>, IValidatable
{
    public Validation Validate()
    {
        var validation = new Validation().Id("personId", PersonId).Id("managerId", ManagerId).Required("kind", Kind);
        if (PersonId is not null && PersonId == ManagerId) validation.Add("managerId", "A person cannot report to themselves.");
        return validation;
    }

    public static ReportingLineRequest Example => new("p-dana", "p-ceo", LineKind.Solid);
}

public sealed record ReportingLineResponse(string PersonId, string ManagerId, LineKind Kind);

/// <summary>Formal reporting lines inside one organization.</summary>
public static class ReportingLinesEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("reporting-lines/upsert");
    private static readonly CypherQuery Delete = Cypher.Load("reporting-lines/delete");

    public static RouteGroupBuilder MapReportingLines(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/reporting-lines").WithTags("Org chart").RequireAuthorization(Policies.CrmWriter);
        group.MapPut("/", PutAsync)
            .WithName("upsertReportingLine")
            .WithSummary("Draw a reporting line")
            .WithDescription(MergePatch.PutOnlySemantics + " Both people in the same organization, no self-lines. One solid manager per person: a new solid " +
                             "line replaces the old one. A solid line that would close a cycle is refused (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/", DeleteAsync).WithName("deleteReportingLine").WithSummary("Remove a reporting line").ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Created<ReportingLineResponse>, Ok<ReportingLineResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        ReportingLineRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = (await graph.WriteAsync(Upsert, new { request.PersonId, request.ManagerId, request.Kind, now = clock.GetUtcNow() },
            cancellationToken)).SingleOrDefault<PairOutcome>()!;
        var line = new ReportingLineResponse(request.PersonId!, request.ManagerId!, request.Kind!.Value);
        return row.Outcome switch
        {
            "person-not-found" => Problems.NotFound("Person", "personId", request.PersonId!),
            "manager-not-found" => Problems.NotFound("Person", "managerId", request.ManagerId!),
            "different-organizations" => Problems.Unprocessable("Different organizations",
                "Reporting lines join two people of the same organization.", "managerId"),
            "cycle" => Problems.Conflict("Reporting cycle",
                $"'{request.ManagerId}' already reports, through solid lines, to '{request.PersonId}'.", "managerId"),
            _ => row.Created ? TypedResults.Created("/api/reporting-lines", line) : TypedResults.Ok(line),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        IGraph graph, CancellationToken cancellationToken, [RequiredId] string? personId = null, [RequiredId] string? managerId = null)
    {
        var found = (await graph.WriteAsync(Delete, new { personId, managerId }, cancellationToken)).Scalar<bool>("found");
        return found ? TypedResults.NoContent()
            : Problems.NotFound("Reporting line", "personId", $"{personId} → {managerId}");
    }
}
