using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.People;

/// <summary>People on both sides, keyed by CRM id, and the people of one organization.</summary>
public static class PeopleEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("people/upsert");
    private static readonly CypherQuery Get = Cypher.Load("people/get");
    private static readonly CypherQuery ListByOrganization = Cypher.Load("people/list-by-organization");

    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people").WithTags("People");
        group.MapPut("/{id}", PutAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertPerson")
            .WithSummary("Create or replace a person")
            .WithDescription("Idempotent upsert keyed by the CRM id; 201 when new. Moving a person to another organization " +
                             "drops their reporting lines. Moving between our side and a customer is refused (409) while " +
                             "they have relationships. doNotContact left out keeps what is stored; only people of other " +
                             "organizations than ours may be do-not-contact (422).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetAsync).WithName("getPerson").WithSummary("Get one person")
            .WithDescription("A do-not-contact person is found by admins only (404 for other keys).").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("erasePerson")
            .WithSummary("Erase a person")
            .WithDescription("Removes the person completely: the node, every reporting line, influence, rapport, relationship, " +
                             "buying-center and team membership, and interaction participation; relationships they owned pass to " +
                             "their own person; API keys acting as them are revoked; stored reports naming them are deleted. " +
                             "Copies of their id, name and email elsewhere (audit entries, API keys, stored bulk answers, deal " +
                             "names and notes, reports) become [erased], whole words only; the audit keeps the fact of each read. " +
                             "An org-chart replace erases the people it leaves out the same way.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/organizations/{id}/people", ListAsync)
            .WithTags("People")
            .WithName("listPeopleOfOrganization")
            .WithSummary("List an organization's people")
            .WithDescription("By name. Do-not-contact people are listed (and counted) for admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record UpsertRow(string Outcome, bool Created, PersonResponse? Person);

    private sealed record PersonRow(PersonResponse Person);

    private sealed record PageRow(bool OrganizationExists, long Total, List<PersonResponse> Items);

    private static async Task<Results<Created<PersonResponse>, Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, PersonRequest request, ViewerGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.WriteAsync(Upsert, new
        {
            id,
            name = request.Name!.Trim(),
            organizationId = request.OrganizationId,
            title = request.Title?.Trim(),
            email = request.Email?.Trim(),
            department = request.Department?.Trim(),
            seniority = request.Seniority,
            doNotContact = request.DoNotContact,
            now = graph.Viewer.Now,
        }, cancellationToken)).SingleOrDefault<UpsertRow>()!;

        return row.Outcome switch
        {
            "organization-not-found" => Problems.NotFound("Organization", "organizationId", request.OrganizationId!),
            "ours-do-not-contact" => Problems.Unprocessable("One of our people",
                $"Organization '{request.OrganizationId}' is our own: do-not-contact is for people of other organizations.", "doNotContact"),
            "side-change-with-relationships" => Problems.Conflict("Person has relationships",
                $"Person '{id}' has relationships, which only go from our people to theirs; delete them before moving the person " +
                "between our organization and another.", "organizationId"),
            _ when row.Created => TypedResults.Created($"/api/people/{Uri.EscapeDataString(id)}", row.Person!),
            _ => TypedResults.Ok(row.Person!),
        };
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, ViewerGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(Get, new { id }, cancellationToken))
            .SingleOrDefault<PersonRow>();
        return row is null ? Problems.NotFound("Person", "id", id) : TypedResults.Ok(row.Person);
    }

    private static async Task<Results<Ok<Paged<PersonResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, ViewerGraph graph, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var paging = Paging.Of(page, pageSize);

        var row = (await graph.ReadAsync(ListByOrganization,
            new { organizationId = id, skip = paging.Skip, limit = paging.PageSize }, cancellationToken))
            .SingleOrDefault<PageRow>()!;
        if (!row.OrganizationExists) return Problems.NotFound("Organization", "id", id);
        return TypedResults.Ok(new Paged<PersonResponse>(row.Items, paging.Page, paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IGraph graph, Erasure erasure, CancellationToken cancellationToken)
    {
        var erased = await graph.ExecuteWriteAsync(tx => erasure.EraseAsync(tx, [id], cancellationToken), cancellationToken);
        return erased.Count > 0 ? TypedResults.NoContent() : Problems.NotFound("Person", "id", id);
    }
}
