using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Features.Orchestration;

/// <summary>The engagement plan as it follows the buying process: one plan per stage, the handovers between them, the next conversations.</summary>
public static class OrchestrationEndpoints
{
    public static RouteGroupBuilder MapOrchestration(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Insights");
        group.MapGet("/opportunities/{id}/orchestration", OrchestrationAsync)
            .WithName("getOrchestration")
            .WithSummary("Who of ours engages whom of theirs at this stage and the next ones, and the conversations to have now")
            .WithDescription("For the opportunity's stage and the next `ahead` stages of the buying process (0–4, default 1; " +
                             "prospecting, qualification, proposal, negotiation, closed-won): the buying center weighed with that " +
                             "stage's role weights, a plan over the members in the stage's focus (who of ours engages whom, through " +
                             "whom, the pursuit team first, seniority matched, within the load cap here and across all of a " +
                             "person's open deals), what changes from one stage to the next (who starts, who hands over to whom, " +
                             "who is kept warm), the few conversations to have now with the gap each closes, and what our people " +
                             "carry on other open deals. Every entry is explained; scores rank, they are not probabilities.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<AuditedResult<Ok<OrchestrationResponse>>, ValidationProblem, ProblemHttpResult>> OrchestrationAsync(
        string id, [Between(0, Orchestrator.MaxAhead)] int? ahead, Viewer viewer, Orchestrator orchestrator, CancellationToken cancellationToken)
    {
        var audited = await orchestrator.OrchestrateAsync(id, ahead ?? Orchestrator.DefaultAhead, viewer, cancellationToken);
        if (audited is null) return Problems.NotFound("Opportunity", "id", id);
        return TypedResults.Ok(audited.Answer).Audited(audited.Shown);
    }
}
