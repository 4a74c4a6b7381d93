using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.People;

/// <summary>People on both sides, keyed by CRM id, and the people of one organization.</summary>
public static class PeopleEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("people/upsert");
    private static readonly CypherQuery Get = Cypher.Load("people/get");
    private static readonly CypherQuery ListByOrganization = Cypher.Load("people/list-by-organization");
    private static readonly CypherQuery Erase = Cypher.Load("people/erase");

    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people").WithTags("People");
        group.MapPut("/{id}", PutAsync)
            .WithSummary("Create or replace a person")
            .WithDescription("Idempotent upsert keyed by the CRM id; 201 when new. Moving a person to another organization " +
                             "drops their reporting lines. Moving between our side and a customer is refused (409) while " +
                             "they have relationships.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetAsync).WithSummary("Get one person").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync)
            .WithSummary("Erase a person")
            .WithDescription("Removes the person completely: the node, every reporting line, influence, rapport, relationship, " +
                             "buying-center and team membership, and interaction participation.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/organizations/{id}/people", ListAsync)
            .WithTags("People")
            .WithSummary("List an organization's people")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record UpsertRow(string Outcome, bool Created, PersonResponse? Person);

    private sealed record PersonRow(PersonResponse Person);

    private sealed record PageRow(bool OrganizationExists, long Total, List<PersonResponse?> Items);

    private sealed record EraseRow(bool Found);

    private static async Task<Results<Created<PersonResponse>, Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, PersonRequest request, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Validate().Id("id", id).Problem() is { } problem) return problem;

        var row = (await graph.RunAsync(Upsert, new
        {
            id,
            name = request.Name!.Trim(),
            organizationId = request.OrganizationId,
            title = request.Title?.Trim(),
            email = request.Email?.Trim(),
            department = request.Department?.Trim(),
            seniority = request.Seniority,
            doNotContact = request.DoNotContact ?? false,
            now = clock.GetUtcNow(),
        }, cancellationToken)).SingleOrDefault<UpsertRow>()!;

        return row.Outcome switch
        {
            "organization-not-found" => Problems.NotFound("Organization", "organizationId", request.OrganizationId!),
            "side-change-with-relationships" => Problems.Conflict("Person has relationships",
                $"Person '{id}' has relationships, which only go from our people to theirs; delete them before moving the person " +
                "between our organization and another.", "organizationId"),
            _ when row.Created => TypedResults.Created($"/api/people/{Uri.EscapeDataString(id)}", row.Person!),
            _ => TypedResults.Ok(row.Person!),
        };
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, IGraph graph, CancellationToken cancellationToken)
    {
        if (new Validation().Id("id", id).Problem() is { } problem) return problem;
        var row = (await graph.RunAsync(Get, new { id }, cancellationToken)).SingleOrDefault<PersonRow>();
        return row is null ? Problems.NotFound("Person", "id", id) : TypedResults.Ok(row.Person);
    }

    private static async Task<Results<Ok<Paged<PersonResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, IGraph graph, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var validation = new Validation().Id("id", id);
        var paging = Paging.From(page, pageSize, validation);
        if (validation.Problem() is { } problem) return problem;

        var row = (await graph.RunAsync(ListByOrganization,
            new { organizationId = id, skip = paging.Skip, limit = paging.PageSize }, cancellationToken)).SingleOrDefault<PageRow>()!;
        if (!row.OrganizationExists) return Problems.NotFound("Organization", "id", id);
        return TypedResults.Ok(new Paged<PersonResponse>(row.Items.OfType<PersonResponse>().ToList(), paging.Page, paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IGraph graph, CancellationToken cancellationToken)
    {
        if (new Validation().Id("id", id).Problem() is { } problem) return problem;
        var row = (await graph.InTransactionAsync(async tx =>
        {
            // Stored reports must not keep the person's name: those that mention them go first (Features/Reports).
            await ReportStore.ForgetPersonAsync(tx, id, cancellationToken);
            return await tx.RunAsync(Erase, new { id }, cancellationToken);
        }, cancellationToken)).SingleOrDefault<EraseRow>()!;
        return row.Found ? TypedResults.NoContent() : Problems.NotFound("Person", "id", id);
    }
}
