using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Changes;

/// <summary>What changed among an organization's people: the account team's news feed.</summary>
public static class ChangesEndpoints
{
    private static readonly CypherQuery List = Cypher.Load("changes/list");

    public static RouteHandlerBuilder MapChanges(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/organizations/{id}/changes", ListAsync)
            .WithTags("People")
            .WithName("listPeopleChanges")
            .WithSummary("What changed among an organization's people")
            .WithDescription("Newest first: joins, departures (an org-chart replace left them out), moves in and out, new " +
                             "titles and new solid managers, each with its date and the people involved, and `possible-move` " +
                             "suggestions (a joiner with the name of someone who left another organization within a year; " +
                             "never merged by itself: send `samePersonAs` if it is them). since: an ISO 8601 time (changes at " +
                             "or after it). Changes about do-not-contact people are listed for admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record PageRow(bool OrganizationExists, long Total, List<ChangeResponse> Items);

    private static async Task<Results<Ok<Paged<ChangeResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, Viewer viewer, IGraph graph, CancellationToken cancellationToken, DateTimeOffset? since = null, int? page = null,
        int? pageSize = null)
    {
        var validation = new Validation().Id("id", id);
        var paging = Paging.From(page, pageSize, validation);
        if (validation.Problem() is { } problem) return problem;

        var row = (await graph.ReadAsync(List, new
        {
            organizationId = id, since, skip = paging.Skip, limit = paging.PageSize, viewer = viewer.Parameter,
        }, cancellationToken)).SingleOrDefault<PageRow>()!;
        if (!row.OrganizationExists) return Problems.NotFound("Organization", "id", id);
        return TypedResults.Ok(new Paged<ChangeResponse>(row.Items, paging.Page, paging.PageSize, row.Total));
    }
}
