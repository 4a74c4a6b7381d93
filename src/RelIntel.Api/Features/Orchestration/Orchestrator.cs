using System.Globalization;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Features.Orchestration;

/// <summary>
/// The orchestration of one opportunity, as the viewer may see it: the buying center and the routes to it are read once,
/// then weighed at each stage (<see cref="StagePriority"/>), so every stage's plan uses the same routes and only the
/// stage's role weights, its focus and the load our people carry differ.
/// </summary>
public sealed class Orchestrator(IGraph graph, OpportunityInsights insights, IOptions<InsightOptions> options)
{
    private static readonly CypherQuery Context = Cypher.Load("orchestration/context");

    public const int DefaultAhead = 1;

    /// <summary>From prospecting, every later stage up to closed-won.</summary>
    public const int MaxAhead = 4;

    /// <summary>"The few conversations to have now."</summary>
    public const int MaxNextConversations = 5;

    /// <summary>How many other open opportunities a load entry names (it counts them all).</summary>
    private const int ListedOpportunities = 10;

    /// <summary>The buying process, in order. Closed-lost is no step of it: a lost deal has only its own stage.</summary>
    private static readonly OpportunityStage[] Process =
    [
        OpportunityStage.Prospecting, OpportunityStage.Qualification, OpportunityStage.Proposal, OpportunityStage.Negotiation,
        OpportunityStage.ClosedWon,
    ];

    private sealed record LoadRow(string PersonId, int OpenDeals, List<string> OpportunityIds);

    private sealed record ContextRow(List<LoadRow> Load, List<NextConversations.StaleRelationship> Stale);

    /// <summary>The current stage and the next <paramref name="ahead"/> of the buying process (fewer near its end).</summary>
    public static IReadOnlyList<OpportunityStage> StagesFrom(OpportunityStage current, int ahead)
    {
        var at = Array.IndexOf(Process, current);
        return at < 0 ? [current] : Process[at..Math.Min(Process.Length, at + ahead + 1)];
    }

    /// <summary>The orchestration, or null when the opportunity does not exist.</summary>
    public async Task<Audited<OrchestrationResponse>?> OrchestrateAsync(string opportunityId, int ahead, Viewer viewer,
        CancellationToken cancellationToken)
    {
        if (await insights.FactsAsync(opportunityId, viewer, cancellationToken) is not { } facts) return null;
        var tunables = options.Value;
        var candidates = facts.Members.SelectMany(m => m.Routes.BestPerStart).Select(r => r.Start)
            .DistinctBy(p => p.Id).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var context = (await graph.For(viewer).ReadAsync(Context, new
        {
            opportunityId,
            personIds = candidates.Select(p => p.Id).ToList(),
            listed = ListedOpportunities,
        }, cancellationToken)).SingleOrDefault<ContextRow>() ?? new ContextRow([], []);

        var loads = context.Load.ToDictionary(l => l.PersonId);
        var otherDeals = new EngagementPlan.OtherDeals(loads.ToDictionary(l => l.Key, l => l.Value.OpenDeals), tunables.OpenDealsLoadCap);
        var plans = StagesFrom(facts.Opportunity.Stage, ahead)
            .Select((stage, i) => StagePlanner.Plan(facts, stage, current: i == 0, otherDeals, tunables))
            .ToList();
        var transitions = plans.Zip(plans.Skip(1), (from, to) => StagePlanner.Transition(from, to, tunables)).ToList();
        var conversations = NextConversations.Rank(plans, context.Stale, tunables, MaxNextConversations);

        var load = candidates.Select(person =>
        {
            var elsewhere = loads.GetValueOrDefault(person.Id);
            var room = EngagementPlan.Room(person.Id, tunables.LoadCap, otherDeals);
            var onTeam = facts.Team.ContainsKey(person.Id);
            return new OurLoad(person, onTeam, elsewhere?.OpenDeals ?? 0, elsewhere?.OpportunityIds ?? [], room,
                LoadExplanation(person, elsewhere?.OpenDeals ?? 0, room, tunables));
        }).ToList();

        var answer = new OrchestrationResponse(facts.Opportunity, plans.Select(p => p.Answer).ToList(), transitions,
            conversations.Select(c => c.Answer).ToList(), load, ScoreNote);
        var shown = WarmPaths.RelationshipsIn(plans.SelectMany(p => p.Routes).Concat(conversations.Select(c => c.Route)).OfType<WarmPath>())
            .Concat(conversations.Where(c => c.Answer.Kind == NextConversationKind.StaleRelationship)
                .Select(c => new RelationshipKey(c.Answer.OurPerson.Id, c.Answer.TheirPerson.Id)))
            .ToHashSet();
        return new Audited<OrchestrationResponse>(answer, shown);
    }

    private static string LoadExplanation(PersonRef person, int elsewhere, int room, InsightOptions options)
    {
        var cap = options.OpenDealsLoadCap.ToString(CultureInfo.InvariantCulture);
        return elsewhere == 0
            ? $"{person.Name} is on no other open deal's pursuit team: a stage plan here may give them up to {room} (the load cap)."
            : $"{person.Name} is on the pursuit team of {elsewhere} other open deal{(elsewhere == 1 ? "" : "s")}, each one engagement of " +
              $"the {cap} across open deals: a stage plan here may give them {room} (the lower of the load cap " +
              $"{options.LoadCap.ToString(CultureInfo.InvariantCulture)} and {cap} − {elsewhere}).";
    }

    public const string ScoreNote =
        "Each stage weighs the buying center with that stage's role weights: priority = role weight at the stage × influence/5 × " +
        "attitude weight (priorityFactors.stage says which stage). A stage's plan engages the members whose weightiest role " +
        "weighs at least the focus weight, in priority order, within the load cap here and across open deals. Urgency of a " +
        "next conversation = reason weight × the priority of the member it is about. Route scores rank routes in [0, 1]. " +
        "These numbers rank; they are not probabilities.";
}
