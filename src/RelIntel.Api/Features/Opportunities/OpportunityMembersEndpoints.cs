using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.Opportunities;

/// <summary>Who takes part in one opportunity: their buying center and our pursuit team.</summary>
public static class OpportunityMembersEndpoints
{
    private static readonly CypherQuery GetOpportunity = Cypher.Load("opportunities/get");
    private static readonly CypherQuery UpsertBuyingCenterMember = Cypher.Load("opportunities/upsert-buying-center-member");
    private static readonly CypherQuery DeleteBuyingCenterMember = Cypher.Load("opportunities/delete-buying-center-member");
    private static readonly CypherQuery UpsertTeamMember = Cypher.Load("opportunities/upsert-team-member");
    private static readonly CypherQuery DeleteTeamMember = Cypher.Load("opportunities/delete-team-member");

    internal static void MapBuyingCenter(this RouteGroupBuilder opportunities)
    {
        opportunities.MapPut("/{id}/buying-center/{personId}", PutBuyingCenterAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertBuyingCenterMember")
            .WithSummary("Put a person into an opportunity's buying center")
            .WithDescription(MergePatch.PutSemantics + " roles: 1–6 distinct of approver, decider, gatekeeper, influencer, buyer, user. attitude: champion, " +
                             "supporter, neutral, skeptic, opponent. influence 1–5 (default 3); coach (default false); " +
                             "favorsCompetitorId an organization of kind competitor. The person works at the opportunity's " +
                             "organization (else 422), or at a partner when one of their roles is influencer. 201 when new, " +
                             "200 when replaced.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        opportunities.MapPatch("/{id}/buying-center/{personId}", PatchBuyingCenterAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("patchBuyingCenterMember")
            .WithSummary("Change some fields of a buying-center member")
            .WithDescription(MergePatch.Semantics + " roles, when sent, is the whole list. 404 when the person is not in the " +
                             "opportunity's buying center. Otherwise as the PUT.")
            .Accepts<BuyingCenterRequest>(MergePatch.ContentType)
            .Produces<BuyingCenterMemberResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        opportunities.MapDelete("/{id}/buying-center/{personId}", DeleteBuyingCenterAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("removeBuyingCenterMember")
            .WithSummary("Take a person out of an opportunity's buying center")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static void MapTeam(this RouteGroupBuilder opportunities)
    {
        opportunities.MapPut("/{id}/team/{personId}", PutTeamAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("upsertTeamMember")
            .WithSummary("Put one of our people on an opportunity's pursuit team")
            .WithDescription(MergePatch.PutOnlySemantics + " role: account-executive, solution-engineer, executive-sponsor, customer-success or other. Only " +
                             "people of our own organization (kind own; else 422). 201 when new, 200 when replaced.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        opportunities.MapDelete("/{id}/team/{personId}", DeleteTeamAsync).RequireAuthorization(Policies.CrmWriter)
            .WithName("removeTeamMember")
            .WithSummary("Take a person off an opportunity's pursuit team")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private sealed record BuyingCenterRow(string Outcome, bool Created, BuyingCenterMemberResponse? Member);

    private sealed record TeamRow(string Outcome, bool Created, TeamMemberResponse? Member);

    private sealed record DeleteRow(string Outcome);

    private static async Task<Results<Created<BuyingCenterMemberResponse>, Ok<BuyingCenterMemberResponse>, ValidationProblem, ProblemHttpResult>>
        PutBuyingCenterAsync(string id, string personId, BuyingCenterRequest request, ViewerGraph graph,
            CancellationToken cancellationToken) =>
        await UpsertBuyingCenterAsync(id, personId, request, graph, cancellationToken);

    private sealed record OpportunityRow(OpportunityResponse Opportunity);

    /// <summary>
    /// The stored membership as a PUT body, the patch applied onto it, then exactly what the PUT does. The group checked
    /// the ids; the patched body is checked here, as the group checks a PUT's body.
    /// </summary>
    private static async Task<Results<Created<BuyingCenterMemberResponse>, Ok<BuyingCenterMemberResponse>, ValidationProblem, ProblemHttpResult>>
        PatchBuyingCenterAsync(string id, string personId, HttpRequest http, ViewerGraph graph, IOptions<JsonOptions> json,
            CancellationToken cancellationToken)
    {
        return await MergePatch.PatchAsync<BuyingCenterRequest, BuyingCenterMemberResponse>(http, json.Value.SerializerOptions, async () =>
        {
            var row = (await graph.ReadAsync(GetOpportunity, new { id }, cancellationToken)).SingleOrDefault<OpportunityRow>();
            if (row is null) return Problems.NotFound("Opportunity", "id", id);
            // Do-not-contact members are shown to admins only, so to others they are not there to patch either.
            if (row.Opportunity.BuyingCenter.FirstOrDefault(m => m.PersonId == personId) is not { } stored)
                return Problems.NotFound("Buying-center member", "personId", personId);
            return new BuyingCenterRequest(stored.Roles, stored.Attitude, stored.Influence, stored.Coach, stored.FavorsCompetitorId);
        }, request => UpsertBuyingCenterAsync(id, personId, request, graph, cancellationToken), cancellationToken);
    }

    private static async Task<Results<Created<BuyingCenterMemberResponse>, Ok<BuyingCenterMemberResponse>, ValidationProblem, ProblemHttpResult>>
        UpsertBuyingCenterAsync(string id, string personId, BuyingCenterRequest request, ViewerGraph graph,
            CancellationToken cancellationToken)
    {
        // Only this deal's account's answers can change (the answer cache keeps the others).
        using var scope = WriteScope.OfOpportunities([id]);
        var row = (await graph.WriteAsync(UpsertBuyingCenterMember, new
        {
            opportunityId = id,
            personId,
            // One order whatever order they came in, so a re-send in another order changes nothing.
            roles = request.Roles!.Order().ToList(),
            attitude = request.Attitude,
            influence = request.Influence ?? BuyingCenterRequest.DefaultInfluence,
            coach = request.Coach ?? false,
            favorsCompetitorId = request.FavorsCompetitorId,
        }, cancellationToken)).SingleOrDefault<BuyingCenterRow>()!;

        return row.Outcome switch
        {
            "opportunity-not-found" => Problems.NotFound("Opportunity", "id", id),
            "person-not-found" => Problems.NotFound("Person", "personId", personId),
            "person-not-at-organization" => Problems.Unprocessable("Not at the opportunity's organization",
                $"Person '{personId}' does not work at the opportunity's organization; only a partner's person may join, " +
                "as an influencer.", "personId"),
            "competitor-not-found" => Problems.NotFound("Organization", "favorsCompetitorId", request.FavorsCompetitorId!),
            "not-a-competitor" => Problems.Unprocessable("Not a competitor",
                $"Organization '{request.FavorsCompetitorId}' is not of kind competitor.", "favorsCompetitorId"),
            _ when row.Created => TypedResults.Created(
                $"/api/opportunities/{Uri.EscapeDataString(id)}/buying-center/{Uri.EscapeDataString(personId)}", row.Member!),
            _ => TypedResults.Ok(row.Member!),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteBuyingCenterAsync(
        string id, string personId, ViewerGraph graph, CancellationToken cancellationToken)
    {
        // Only this deal's account's answers can change (the answer cache keeps the others).
        using var scope = WriteScope.OfOpportunities([id]);
        var row = (await graph.WriteAsync(DeleteBuyingCenterMember, new { opportunityId = id, personId }, cancellationToken))
            .SingleOrDefault<DeleteRow>()!;
        return row.Outcome switch
        {
            "opportunity-not-found" => Problems.NotFound("Opportunity", "id", id),
            "member-not-found" => Problems.NotFound("Buying-center member", "personId", personId),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Results<Created<TeamMemberResponse>, Ok<TeamMemberResponse>, ValidationProblem, ProblemHttpResult>>
        PutTeamAsync(string id, string personId, TeamRequest request, ViewerGraph graph, CancellationToken cancellationToken)
    {
        // Only this deal's account's answers can change (the answer cache keeps the others).
        using var scope = WriteScope.OfOpportunities([id]);
        var row = (await graph.WriteAsync(UpsertTeamMember, new { opportunityId = id, personId, role = request.Role },
            cancellationToken)).SingleOrDefault<TeamRow>()!;

        return row.Outcome switch
        {
            "opportunity-not-found" => Problems.NotFound("Opportunity", "id", id),
            "person-not-found" => Problems.NotFound("Person", "personId", personId),
            "person-not-ours" => Problems.Unprocessable("Not one of our people",
                $"Person '{personId}' does not work at our own organization; the pursuit team is ours.", "personId"),
            _ when row.Created => TypedResults.Created(
                $"/api/opportunities/{Uri.EscapeDataString(id)}/team/{Uri.EscapeDataString(personId)}", row.Member!),
            _ => TypedResults.Ok(row.Member!),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteTeamAsync(
        string id, string personId, ViewerGraph graph, CancellationToken cancellationToken)
    {
        // Only this deal's account's answers can change (the answer cache keeps the others).
        using var scope = WriteScope.OfOpportunities([id]);
        var row = (await graph.WriteAsync(DeleteTeamMember, new { opportunityId = id, personId }, cancellationToken))
            .SingleOrDefault<DeleteRow>()!;
        return row.Outcome switch
        {
            "opportunity-not-found" => Problems.NotFound("Opportunity", "id", id),
            "member-not-found" => Problems.NotFound("Team member", "personId", personId),
            _ => TypedResults.NoContent(),
        };
    }
}
