using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>A buying-center member (one who may be reached) and the routes of ours to them.</summary>
public sealed record PursuitMember(PersonSummary Person, Seniority? Seniority, IReadOnlyList<BuyingRole> Roles, Attitude Attitude, int Influence,
    bool Coach, string? FavorsCompetitorId, TargetRoutes Routes);

/// <summary>An opportunity's buying center with the routes to each member, and its pursuit team (person id → role).</summary>
public sealed record PursuitFacts(OpportunitySummary Opportunity, IReadOnlyList<PursuitMember> Members, IReadOnlyDictionary<string, TeamRole> Team);

/// <summary>Recommendations and power maps for one opportunity, as the given viewer may see them.</summary>
public sealed class OpportunityInsights(IGraph graph, IOptions<InsightOptions> options, IOptions<QualificationOptions> qualification)
{
    private static readonly CypherQuery Opportunity = Cypher.Load("insights/opportunity");

    public const int DefaultPathsPerTarget = 3;
    public const int MaxPathsPerTarget = 10;

    private sealed record MemberRow(PersonSummary Person, Seniority? Seniority, List<BuyingRole> Roles, Attitude Attitude, int Influence,
        bool Coach, string? FavorsCompetitorId);

    private sealed record TeamRow(string PersonId, TeamRole Role);

    private sealed record OpportunityRow(OpportunitySummary Opportunity, List<MemberRow> Members, List<TeamRow> Team, List<PowerMapLine> Lines,
        DeclaredBant Declared, List<DepartedMember> Departed);

    /// <summary>Everything both answers are built from.</summary>
    private sealed record Analysis(
        OpportunitySummary Opportunity,
        IReadOnlyList<(MemberRow Member, TargetRecommendation Target, TargetRoutes Routes)> Targets,
        IReadOnlyList<EngagementPlan.Assigned> Plan,
        IReadOnlyList<Gap> Gaps,
        IReadOnlyList<PowerMapLine> Lines,
        QualificationBlock Qualification)
    {
        /// <summary>Every relationship the recommendations show: the targets' paths and the plan's routes.</summary>
        public IReadOnlyCollection<RelationshipKey> RecommendationsShow =>
            WarmPaths.RelationshipsIn(Targets.SelectMany(t => t.Target.Paths).Concat(Plan.Select(p => p.Route.Path)));

        /// <summary>The relationships the engagement plan's routes cross.</summary>
        public IReadOnlyCollection<RelationshipKey> PlanShows => WarmPaths.RelationshipsIn(Plan.Select(p => p.Route.Path));

        /// <summary>Every relationship the power map shows: each member's best path.</summary>
        public IReadOnlyCollection<RelationshipKey> PowerMapShows =>
            WarmPaths.RelationshipsIn(Targets.Select(t => t.Target.Paths.FirstOrDefault()).OfType<WarmPath>());
    }

    /// <summary>The recommendations, or null when the opportunity does not exist.</summary>
    public async Task<Audited<RecommendationsResponse>?> RecommendAsync(string opportunityId, Viewer viewer, int pathsPerTarget,
        CancellationToken cancellationToken) =>
        await AnalyzeAsync(opportunityId, viewer, pathsPerTarget, cancellationToken) is { } analysis
            ? new Audited<RecommendationsResponse>(Recommendations(analysis), analysis.RecommendationsShow)
            : null;

    /// <summary>The power map, or null when the opportunity does not exist.</summary>
    public async Task<Audited<PowerMapResponse>?> PowerMapAsync(string opportunityId, Viewer viewer, CancellationToken cancellationToken) =>
        await AnalyzeAsync(opportunityId, viewer, 1, cancellationToken) is { } analysis
            ? new Audited<PowerMapResponse>(PowerMap(analysis), analysis.PowerMapShows)
            : null;

    /// <summary>
    /// Both answers from one analysis (one pass over the graph), or null when the opportunity does not exist. The power
    /// map's best paths are the first of the recommendations' paths, so they do not depend on <paramref name="pathsPerTarget"/>.
    /// </summary>
    public async Task<(RecommendationsResponse Recommendations, PowerMapResponse PowerMap, IReadOnlyCollection<RelationshipKey> PlanShows)?>
        RecommendWithPowerMapAsync(string opportunityId, Viewer viewer, int pathsPerTarget, CancellationToken cancellationToken) =>
        await AnalyzeAsync(opportunityId, viewer, pathsPerTarget, cancellationToken) is { } analysis
            ? (Recommendations(analysis), PowerMap(analysis), analysis.PlanShows)
            : null;

    private static RecommendationsResponse Recommendations(Analysis analysis) =>
        new(analysis.Opportunity.Id, analysis.Targets.Select(t => t.Target).ToList(), analysis.Plan.Select(p => p.Entry).ToList(),
            analysis.Gaps, WarmPaths.ScoreNote + " " + StagePriority.Note, analysis.Qualification);

    private PowerMapResponse PowerMap(Analysis analysis)
    {
        var members = analysis.Targets.Select(t => new PowerMapMember(t.Target.Person, t.Target.Roles, t.Target.Attitude,
            t.Member.Influence, t.Member.Coach, t.Member.FavorsCompetitorId, t.Target.Coverage, t.Target.Paths.FirstOrDefault())
        {
            Priority = t.Target.Priority,
            PriorityFactors = t.Target.PriorityFactors,
        }).ToList();
        var (status, reason) = Status(members, options.Value.KeyInfluence);
        return new PowerMapResponse(analysis.Opportunity, status, reason, members, analysis.Lines, analysis.Gaps, analysis.Qualification);
    }

    /// <summary>
    /// The buying center with the routes to each member and the pursuit team, or null when the opportunity does not exist:
    /// what the orchestration weighs at stages of its own (one pass over the graph, as for the other answers).
    /// </summary>
    public async Task<PursuitFacts?> FactsAsync(string opportunityId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (await ReadAsync(opportunityId, viewer, 1, cancellationToken) is not var (row, routes)) return null;
        var members = row.Members.Select(m => new PursuitMember(m.Person, m.Seniority, m.Roles, m.Attitude, m.Influence, m.Coach,
            m.FavorsCompetitorId, routes.GetValueOrDefault(m.Person.Id) ?? TargetRoutes.None)).ToList();
        return new PursuitFacts(row.Opportunity, members, row.Team.ToDictionary(t => t.PersonId, t => t.Role));
    }

    private async Task<(OpportunityRow Row, IReadOnlyDictionary<string, TargetRoutes> Routes)?> ReadAsync(string opportunityId, Viewer viewer,
        int pathsPerTarget, CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(Opportunity, new { id = opportunityId }, cancellationToken)).SingleOrDefault<OpportunityRow>();
        if (row is null) return null;
        var routes = await WarmPaths.FindAsync(graph, row.Members.Select(m => m.Person.Id).ToList(), fromId: null, WarmPaths.MaxHops,
            pathsPerTarget, viewer, options.Value, cancellationToken);
        return (row, routes);
    }

    private async Task<Analysis?> AnalyzeAsync(string opportunityId, Viewer viewer, int pathsPerTarget, CancellationToken cancellationToken)
    {
        if (await ReadAsync(opportunityId, viewer, pathsPerTarget, cancellationToken) is not var (row, routes)) return null;
        var tunables = options.Value;

        var targets = row.Members
            .Select(member =>
            {
                var found = routes.GetValueOrDefault(member.Person.Id) ?? TargetRoutes.None;
                var (priority, factors) = StagePriority.Of(member.Roles, member.Attitude, member.Influence, row.Opportunity.Stage, tunables);
                var coverage = found.Best.Count > 0 ? found.Best[0].Path.Score : 0;
                var target = new TargetRecommendation(member.Person, member.Roles, member.Attitude, member.Coach, priority, factors, coverage,
                    found.Best.Select(r => r.Path).ToList());
                return (Member: member, Target: target, Routes: found);
            })
            .OrderByDescending(t => t.Target.Priority)
            .ThenBy(t => t.Member.Person.Name, StringComparer.Ordinal)
            .ThenBy(t => t.Member.Person.Id, StringComparer.Ordinal)
            .ToList();

        var team = row.Team.ToDictionary(t => t.PersonId, t => t.Role);
        var plan = EngagementPlan.Build(
            targets.Where(t => t.Routes.BestPerStart.Count > 0)
                .Select(t => new EngagementPlan.Target(t.Target, t.Member.Seniority, t.Routes.BestPerStart)).ToList(),
            team, tunables.LoadCap, tunables.PlanUsableRouteShare);

        var qualified = Qualifier.Assess(row.Declared,
            targets.Select(t => new QualifyingMember(t.Member.Person, t.Member.Roles, t.Member.Attitude, t.Member.Coach, t.Target.Coverage)).ToList(),
            viewer.Now, qualification.Value);
        var gaps = Gaps(targets, tunables).Concat(row.Departed.Select(DepartedMember.Gap))
            .OrderBy(g => g.Code).ThenBy(g => g.PersonId, StringComparer.Ordinal).ToList();
        return new Analysis(row.Opportunity, targets, plan, gaps, row.Lines, qualified);
    }

    private static bool IsSupportive(Attitude attitude, bool coach) => coach || attitude is Attitude.Champion or Attitude.Supporter;

    private static (PowerMapStatus, string) Status(IReadOnlyList<PowerMapMember> members, int keyInfluence)
    {
        bool IsSupportiveDecisionMaker(PowerMapMember m) =>
            IsSupportive(m.Attitude, m.Coach) && m.Roles.Any(r => r is BuyingRole.Decider or BuyingRole.Approver);

        if (members.FirstOrDefault(m => IsSupportiveDecisionMaker(m) && m.Coverage > 0) is { } covered)
            return (PowerMapStatus.Green, $"{covered.Person.Name} is a supportive {KeyRole(covered)} and we have a route to them.");
        if (members.FirstOrDefault(IsSupportiveDecisionMaker) is { } uncovered)
            return (PowerMapStatus.Amber, $"{uncovered.Person.Name} is a supportive {KeyRole(uncovered)}, but we have no route to them yet.");
        if (members.FirstOrDefault(m => IsSupportive(m.Attitude, m.Coach) && m.Influence >= keyInfluence) is { } influential)
            return (PowerMapStatus.Amber, $"{influential.Person.Name} is supportive and influential, but no Decider or Approver is supportive.");
        return (PowerMapStatus.Red, "No key player (Decider, Approver or influential member) is supportive.");
    }

    private static string KeyRole(PowerMapMember member) =>
        member.Roles.Contains(BuyingRole.Decider) ? "Decider" : "Approver";

    private static List<Gap> Gaps(IReadOnlyList<(MemberRow Member, TargetRecommendation Target, TargetRoutes Routes)> targets,
        InsightOptions options)
    {
        var gaps = new List<Gap>();
        if (!targets.Any(t => t.Target.Roles.Contains(BuyingRole.Decider)))
            gaps.Add(new Gap(GapCode.NoDecider, "No Decider is known in the buying center: find out who owns the budget."));
        if (!targets.Any(t => t.Target.Roles.Contains(BuyingRole.Approver)))
            gaps.Add(new Gap(GapCode.NoApprover, "No Approver is known in the buying center: find out who signs off."));
        if (!targets.Any(t => t.Target.Coach))
            gaps.Add(new Gap(GapCode.NoCoach, "Nobody in the buying center is a coach who guides us."));

        var startsCarrying = targets.SelectMany(t => t.Routes.BestPerStart).Select(r => r.Start.Id).Distinct().ToList();
        if (startsCarrying.Count == 1)
        {
            var only = targets.SelectMany(t => t.Routes.BestPerStart).First().Start;
            gaps.Add(new Gap(GapCode.SingleThreaded, $"Only {only.Name} of ours has a route into the buying center: one departure or " +
                                                     "bad day and we lose every contact.", only.Id));
        }

        foreach (var (member, target, routes) in targets)
        {
            if (routes.Best.Count == 0)
                gaps.Add(new Gap(GapCode.UncoveredTarget, $"None of ours has a route to {member.Person.Name}.", member.Person.Id));
            if (routes.Best.Count == 0 && member.Attitude == Attitude.Opponent && member.Influence >= options.KeyInfluence)
                gaps.Add(new Gap(GapCode.InfluentialOpponentUncovered,
                    $"{member.Person.Name} opposes us with influence {member.Influence} of 5, and none of ours has a route to them.",
                    member.Person.Id));
            if (routes.Best.Count > 0 && routes.Best[0].CrossesStaleRelationship)
                gaps.Add(new Gap(GapCode.StaleCoverage,
                    $"The best route to {member.Person.Name} crosses a relationship that has not been refreshed: coverage {target.Coverage} counts it at a discount.",
                    member.Person.Id));
            if (member.FavorsCompetitorId is { } competitor)
                gaps.Add(new Gap(GapCode.CompetitorSupporter, $"{member.Person.Name} favors competitor '{competitor}'.", member.Person.Id));
        }

        return gaps.OrderBy(g => g.Code).ThenBy(g => g.PersonId, StringComparer.Ordinal).ToList();
    }
}
