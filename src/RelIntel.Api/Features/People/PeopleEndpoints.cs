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
    private static readonly CypherQuery ScrubCopies = Cypher.Load("people/scrub-copies");

    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people").WithTags("People");
        group.MapPut("/{id}", PutAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertPerson")
            .WithSummary("Create or replace a person")
            .WithDescription("Idempotent upsert keyed by the CRM id; 201 when new. Moving a person to another organization " +
                             "drops their reporting lines. Moving between our side and a customer is refused (409) while " +
                             "they have relationships.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetAsync).WithName("getPerson").WithSummary("Get one person")
            .WithDescription("A do-not-contact person is found by admins only (404 for other keys).").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("erasePerson")
            .WithSummary("Erase a person")
            .WithDescription("Removes the person completely: the node, every reporting line, influence, rapport, relationship, " +
                             "buying-center and team membership, and interaction participation; relationships they owned pass to " +
                             "their own person. Copies of their name, email and id elsewhere (audit entries, API keys acting as " +
                             "them — revoked —, stored bulk answers, deal notes) become [erased]; the audit keeps the fact of each read.")
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

    private sealed record PageRow(bool OrganizationExists, long Total, List<PersonResponse?> Items);

    private sealed record EraseRow(bool Found, string? Name, string? Email);

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
        string id, Viewer viewer, IGraph graph, CancellationToken cancellationToken)
    {
        if (new Validation().Id("id", id).Problem() is { } problem) return problem;
        var row = (await graph.RunAsync(Get, new { id, seesDoNotContact = viewer.SeesDoNotContact }, cancellationToken))
            .SingleOrDefault<PersonRow>();
        return row is null ? Problems.NotFound("Person", "id", id) : TypedResults.Ok(row.Person);
    }

    private static async Task<Results<Ok<Paged<PersonResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, Viewer viewer, IGraph graph, CancellationToken cancellationToken, int? page = null, int? pageSize = null)
    {
        var validation = new Validation().Id("id", id);
        var paging = Paging.From(page, pageSize, validation);
        if (validation.Problem() is { } problem) return problem;

        var row = (await graph.RunAsync(ListByOrganization,
            new { organizationId = id, skip = paging.Skip, limit = paging.PageSize, seesDoNotContact = viewer.SeesDoNotContact }, cancellationToken)).SingleOrDefault<PageRow>()!;
        if (!row.OrganizationExists) return Problems.NotFound("Organization", "id", id);
        return TypedResults.Ok(new Paged<PersonResponse>(row.Items.OfType<PersonResponse>().ToList(), paging.Page, paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IGraph graph, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (new Validation().Id("id", id).Problem() is { } problem) return problem;
        var found = await graph.InTransactionAsync(async tx =>
        {
            // Stored reports must not keep the person's name: those that mention them go first (Features/Reports).
            await ReportStore.ForgetPersonAsync(tx, id, cancellationToken);
            var row = (await tx.RunAsync(Erase, new { id }, cancellationToken)).SingleOrDefault<EraseRow>()!;
            if (!row.Found) return false;
            // Names shorter than 3 characters would scrub unrelated text; ids and emails are scrubbed whatever their length.
            var needles = new[] { row.Name, row.Email }.OfType<string>().Select(n => n.Trim()).Where(n => n.Length >= 3)
                .Distinct(StringComparer.Ordinal).ToList();
            await tx.RunAsync(ScrubCopies, new { id, needles, now = clock.GetUtcNow() }, cancellationToken);
            return true;
        }, cancellationToken);
        return found ? TypedResults.NoContent() : Problems.NotFound("Person", "id", id);
    }
}
