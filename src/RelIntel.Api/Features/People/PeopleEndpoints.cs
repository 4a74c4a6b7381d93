using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.People;

/// <summary>People on both sides, keyed by CRM id, and the people of one organization.</summary>
public static class PeopleEndpoints
{
    private static readonly CypherQuery Check = Cypher.Load("people/upsert-check");
    private static readonly CypherQuery Rekey = Cypher.Load("people/rekey");
    private static readonly CypherQuery Employ = Cypher.Load("people/employ");
    private static readonly CypherQuery RecordTitleChanges = Cypher.Load("people/record-title-changes");
    private static readonly CypherQuery Upsert = Cypher.Load("people/upsert");
    private static readonly CypherQuery Get = Cypher.Load("people/get");
    private static readonly CypherQuery ListByOrganization = Cypher.Load("people/list-by-organization");

    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/people").WithTags("People");
        group.MapPut("/{id}", PutAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertPerson")
            .WithSummary("Create or replace a person")
            .WithDescription(MergePatch.PutSemantics + " Idempotent upsert keyed by the CRM id; 201 when new. Another organizationId is a move (a job " +
                             "change): the employment history gains the new job (from `joinedAt`, default now, never in the " +
                             "future), the reporting lines and pursuit-team places of the old one end, our relationships, " +
                             "buying-center memberships (the old deals learn that the member left) and do-not-contact mark stay. " +
                             "A new id with `samePersonAs: <id of someone who left>` is that person under a new CRM record: " +
                             "they move with their history (422 when that person has not left or was on the other side, or the " +
                             "new id is taken). Moving between our side and a customer is refused (409) while they have " +
                             "relationships. doNotContact left out keeps what is stored; only people of other organizations " +
                             "than ours may be do-not-contact (422).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}", PatchAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("patchPerson")
            .WithSummary("Change some fields of a person")
            .WithDescription(MergePatch.Semantics + " Otherwise as the PUT: another organizationId is a move, and the same " +
                             "404, 409 and 422 apply.")
            .Accepts<PersonRequest>(MergePatch.ContentType)
            .Produces<PersonResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
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
                             "Erasure removes their whole employment history and changes too. An org-chart replace never erases: " +
                             "the people it leaves out leave (they keep their history).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/organizations/{id}/people", ListAsync)
            .WithTags("People")
            .WithName("listPeopleOfOrganization")
            .WithSummary("List an organization's people")
            .WithDescription("By name. Do-not-contact people are listed (and counted) for admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record CheckRow(string Outcome, bool Created);

    private sealed record UpsertRow(PersonResponse Person);

    private sealed record PersonRow(PersonResponse Person);

    private sealed record PageRow(bool OrganizationExists, long Total, List<PersonResponse> Items);

    private static async Task<Results<Created<PersonResponse>, Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, PersonRequest request, ViewerGraph graph, CancellationToken cancellationToken) =>
        await UpsertAsync(id, request, graph, cancellationToken);

    /// <summary>
    /// The stored person as a PUT body, the patch applied onto it, then exactly what the PUT does. The group checked the
    /// id; the patched body is checked here, as the group checks a PUT's body.
    /// </summary>
    private static async Task<Results<Created<PersonResponse>, Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string id, HttpRequest http, ViewerGraph graph, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        return await MergePatch.PatchAsync<PersonRequest, PersonResponse>(http, json.Value.SerializerOptions, async () =>
        {
            var row = (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<PersonRow>();
            if (row is null) return Problems.NotFound("Person", "id", id);
            var stored = row.Person;
            return new PersonRequest(stored.Name, stored.OrganizationId, stored.Title, stored.Email, stored.Department,
                stored.Seniority, stored.DoNotContact);
        }, request => UpsertAsync(id, request, graph, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<PersonResponse>, Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> UpsertAsync(
        string id, PersonRequest request, ViewerGraph graph, CancellationToken cancellationToken)
    {
        var viewer = graph.Viewer;
        // A join or move dated in the future is refused: the history records what happened.
        if (request.JoinedAt > viewer.Now) return Problems.Invalid("joinedAt", "Must not be in the future.");
        var since = request.JoinedAt ?? viewer.Now;
        var person = new
        {
            id,
            name = request.Name!.Trim(),
            organizationId = request.OrganizationId,
            title = request.Title?.Trim(),
            email = request.Email?.Trim(),
            department = request.Department?.Trim(),
            seniority = request.Seniority,
            doNotContact = request.DoNotContact,
            samePersonAs = request.SamePersonAs,
            since,
            now = viewer.Now,
        };

        // Checked and written in one transaction, so a refused request writes nothing.
        var (outcome, written) = await graph.ExecuteWriteAsync(async tx =>
        {
            var check = (await tx.RunAsync(Check, person, cancellationToken)).SingleOrDefault<CheckRow>()!;
            if (check.Outcome != "ok") return (check, (PersonResponse?)null);
            if (request.SamePersonAs is not null) await tx.RunAsync(Rekey, person, cancellationToken);
            await tx.RunAsync(RecordTitleChanges, new
            {
                organizationId = request.OrganizationId, rows = new[] { new { id, title = person.title } }, now = since,
            }, cancellationToken);
            await tx.RunAsync(Employ, new { organizationId = request.OrganizationId, ids = new[] { id }, now = viewer.Now, since,
                recordJoins = true }, cancellationToken);
            var row = (await tx.RunAsync(Upsert, person, cancellationToken)).SingleOrDefault<UpsertRow>()!;
            return (check, row.Person);
        }, cancellationToken);

        return outcome.Outcome switch
        {
            "organization-not-found" => Problems.NotFound("Organization", "organizationId", request.OrganizationId!),
            "same-person-not-found" => Problems.NotFound("Person", "samePersonAs", request.SamePersonAs!),
            "same-person-id-taken" => Problems.Unprocessable("Person exists",
                $"Person '{id}' exists already; samePersonAs only links a new record to someone who left.", "samePersonAs"),
            "same-person-not-left" => Problems.Unprocessable("Person has not left",
                $"Person '{request.SamePersonAs}' still works at an organization: only someone who left can turn up under a new record.",
                "samePersonAs"),
            "same-person-other-side" => Problems.Unprocessable("Person was on the other side",
                $"Person '{request.SamePersonAs}' left the other side (ours or theirs) than organization '{request.OrganizationId}'.",
                "samePersonAs"),
            "joined-before-previous-job" => Problems.Unprocessable("Joined before the current job began",
                $"Person '{id}' started their current job after {since:O}.", "joinedAt"),
            "ours-do-not-contact" => Problems.Unprocessable("One of our people",
                $"Organization '{request.OrganizationId}' is our own: do-not-contact is for people of other organizations.", "doNotContact"),
            "side-change-with-relationships" => Problems.Conflict("Person has relationships",
                $"Person '{id}' has relationships, which only go from our people to theirs; delete them before moving the person " +
                "between our organization and another.", "organizationId"),
            _ when outcome.Created => TypedResults.Created($"/api/people/{Uri.EscapeDataString(id)}", written!),
            _ => TypedResults.Ok(written!),
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
