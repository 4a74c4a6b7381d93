using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.Opportunities;

/// <summary>Opportunities (pursuits) at other organizations, keyed by CRM id, with their buying center and team.</summary>
public static class OpportunitiesEndpoints
{
    private static readonly CypherQuery Upsert = Cypher.Load("opportunities/upsert");
    private static readonly CypherQuery Get = Cypher.Load("opportunities/get");
    private static readonly CypherQuery List = Cypher.Load("opportunities/list");
    private static readonly CypherQuery Delete = Cypher.Load("opportunities/delete");

    public static RouteGroupBuilder MapOpportunities(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/opportunities").WithTags("Opportunities");
        group.MapPut("/{id}", PutAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertOpportunity")
            .WithSummary("Create or replace an opportunity")
            .WithDescription(MergePatch.PutSemantics + " Idempotent upsert keyed by the CRM id; 201 when new, 200 when replaced. The organization must " +
                             "exist (404) and must not be our own (422). stage: prospecting, qualification, proposal, " +
                             "negotiation (open) or closed-won, closed-lost. amount ≥ 0; currency ISO 4217 (EUR); closeDate " +
                             "yyyy-MM-dd. budget, authority, need and timing (BANT) are each {status, note}, status one of " +
                             "unknown, identified, confirmed, missing; a criterion not sent is stored as not given. Moving " +
                             "the opportunity to another organization drops buying-center members who no longer work there " +
                             "(partners' influencers stay).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPatch("/{id}", PatchAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("patchOpportunity")
            .WithSummary("Change some fields of an opportunity")
            .WithDescription(MergePatch.Semantics + " A BANT criterion merges too: `{\"budget\": {\"note\": \"...\"}}` changes the " +
                             "note and keeps the status; `{\"budget\": null}` clears the criterion. Otherwise as the PUT.")
            .Accepts<OpportunityRequest>(MergePatch.ContentType)
            .Produces<OpportunityResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", GetAsync)
            .WithName("getOpportunity")
            .WithSummary("Get one opportunity with its buying center and team")
            .WithDescription("Do-not-contact members of the buying center show to admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync)
            .WithName("listOpportunities")
            .WithSummary("List opportunities")
            .WithDescription("By name; filter by organizationId (404 when unknown) and stage.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("deleteOpportunity")
            .WithSummary("Delete an opportunity")
            .WithDescription("Removes the opportunity with its buying-center and team memberships; the people stay.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapBuyingCenter();
        group.MapTeam();
        return group;
    }

    private sealed record UpsertRow(string Outcome, bool Created, OpportunityResponse? Opportunity);

    private sealed record OpportunityRow(OpportunityResponse Opportunity);

    private sealed record PageRow(bool OrganizationExists, long Total, List<OpportunityResponse> Items);

    private sealed record DeleteRow(bool Found);

    private static async Task<Results<Created<OpportunityResponse>, Ok<OpportunityResponse>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string id, OpportunityRequest request, ViewerGraph graph, CancellationToken cancellationToken) =>
        await UpsertAsync(id, request, graph, cancellationToken);

    /// <summary>
    /// The stored opportunity as a PUT body, the patch applied onto it, then exactly what the PUT does. The group checked
    /// the id; the patched body is checked here, as the group checks a PUT's body.
    /// </summary>
    private static async Task<Results<Created<OpportunityResponse>, Ok<OpportunityResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string id, HttpRequest http, ViewerGraph graph, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        return await MergePatch.PatchAsync<OpportunityRequest, OpportunityResponse>(http, json.Value.SerializerOptions, async () =>
        {
            var row = (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<OpportunityRow>();
            if (row is null) return Problems.NotFound("Opportunity", "id", id);
            var stored = row.Opportunity;
            return new OpportunityRequest(stored.Name, stored.OrganizationId, stored.Stage, stored.Amount, stored.Currency,
                stored.CloseDate, stored.Budget, stored.Authority, stored.Need, stored.Timing);
        }, request => UpsertAsync(id, request, graph, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<OpportunityResponse>, Ok<OpportunityResponse>, ValidationProblem, ProblemHttpResult>> UpsertAsync(
        string id, OpportunityRequest request, ViewerGraph graph, CancellationToken cancellationToken)
    {
        // The deal's own answers only, at the account it is at after the write (the answer cache keys them by it).
        using var scope = WriteScope.OfOpportunities([id]);
        var row = (await graph.WriteAsync(Upsert, new
        {
            id,
            name = request.Name!.Trim(),
            organizationId = request.OrganizationId,
            stage = request.Stage,
            amount = request.Amount,
            currency = request.Currency,
            closeDate = request.CloseDate,
            budget = Trimmed(request.Budget),
            authority = Trimmed(request.Authority),
            need = Trimmed(request.Need),
            timing = Trimmed(request.Timing),
            now = graph.Viewer.Now,
        }, cancellationToken)).SingleOrDefault<UpsertRow>()!;

        return row.Outcome switch
        {
            "organization-not-found" => Problems.NotFound("Organization", "organizationId", request.OrganizationId!),
            "own-organization" => Problems.Unprocessable("Our own organization",
                $"Organization '{request.OrganizationId}' is our own; opportunities are deals at other organizations.", "organizationId"),
            _ when row.Created => TypedResults.Created($"/api/opportunities/{Uri.EscapeDataString(id)}", row.Opportunity!),
            _ => TypedResults.Ok(row.Opportunity!),
        };
    }

    /// <summary>Blank notes are refused by validation; surrounding spaces are not worth storing.</summary>
    private static Bant? Trimmed(Bant? bant) => bant is null ? null : bant with { Note = bant.Note?.Trim() };

    private static async Task<Results<Ok<OpportunityResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, ViewerGraph graph, CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<OpportunityRow>();
        return row is null ? Problems.NotFound("Opportunity", "id", id) : TypedResults.Ok(row.Opportunity);
    }

    private static async Task<Results<Ok<Paged<OpportunityResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ViewerGraph graph, CancellationToken cancellationToken,
        string? organizationId = null, string? stage = null, int? page = null, int? pageSize = null)
    {
        var validation = new Validation();
        var stageFilter = validation.Word<OpportunityStage>("stage", stage);
        var paging = Paging.Of(page, pageSize);
        if (validation.Problem() is { } problem) return problem;

        var row = (await graph.ReadAsync(List,
            new { organizationId, stage = stageFilter, skip = paging.Skip, limit = paging.PageSize },
            cancellationToken)).SingleOrDefault<PageRow>()!;
        if (!row.OrganizationExists) return Problems.NotFound("Organization", "organizationId", organizationId!);
        return TypedResults.Ok(new Paged<OpportunityResponse>(row.Items, paging.Page, paging.PageSize, row.Total));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, IGraph graph, [FromServices] IEnumerable<OpportunityDeletionStep> deletionSteps, CancellationToken cancellationToken)
    {
        var row = (await graph.ExecuteWriteAsync(async tx =>
        {
            // What other capabilities keep about it goes with it (its reports, for one).
            foreach (var step in deletionSteps) await step.RunAsync(tx, id, cancellationToken);
            return await tx.RunAsync(Delete, new { id }, cancellationToken);
        }, cancellationToken)).SingleOrDefault<DeleteRow>()!;
        return row.Found ? TypedResults.NoContent() : Problems.NotFound("Opportunity", "id", id);
    }
}
