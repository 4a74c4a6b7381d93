using System.Globalization;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// Who of ours approaches whom of theirs: one of our people per reachable target, the pursuit team first, seniority
/// matched where it can be, nobody of ours on more than the load cap.
/// </summary>
/// <remarks>
/// "Team first" applies among usable routes: those scoring at least <see cref="InsightOptions.PlanUsableRouteShare"/> of
/// the best route to the target, so a team member with a faint route does not push aside someone who knows the person well.
/// </remarks>
/// <remarks>
/// Targets are taken in priority order and each gets its most preferred candidate with room left. When every
/// candidate of a target is full, an earlier assignment moves to its next candidate if that frees one (an augmenting
/// path, as in bipartite matching), so a reachable target is only left out when no arrangement under the cap covers it.
/// </remarks>
public static class EngagementPlan
{
    public sealed record Target(TargetRecommendation Recommendation, Seniority? Seniority, IReadOnlyList<Route> Candidates);

    /// <summary>An entry of the plan and the route behind it (whose relationship the answer shows, so the audit records it).</summary>
    public sealed record Assigned(PlanEntry Entry, Route Route);

    /// <summary>
    /// What our people carry on other open deals (person id → engagements there), counted with this plan's targets against
    /// <paramref name="Cap"/>: the orchestration's load across all of a person's open deals.
    /// </summary>
    public sealed record OtherDeals(IReadOnlyDictionary<string, int> Load, int Cap)
    {
        public int Of(string personId) => Load.GetValueOrDefault(personId);
    }

    /// <summary>How many targets one of ours may take in a plan: the load cap, less what other open deals leave no room for.</summary>
    public static int Room(string personId, int loadCap, OtherDeals? otherDeals) =>
        otherDeals is null ? loadCap : Math.Max(0, Math.Min(loadCap, otherDeals.Cap - otherDeals.Of(personId)));

    public static IReadOnlyList<Assigned> Build(IReadOnlyList<Target> targets, IReadOnlyDictionary<string, TeamRole> team, int loadCap,
        double usableRouteShare, OtherDeals? otherDeals = null)
    {
        var preferences = targets.Select(target => Preferences(target, team, usableRouteShare)).ToList();

        var assignment = new Assignment(preferences, id => Room(id, loadCap, otherDeals));
        for (var i = 0; i < targets.Count; i++)
        {
            var choice = assignment.FirstWithRoom(i);
            if (choice is null && assignment.TryFreeRoom(i, [])) choice = assignment.FirstWithRoom(i);
            if (choice is not null) assignment.Assign(i, choice);
        }

        var loadHere = assignment.Assigned.OfType<Route>().GroupBy(r => r.Start.Id).ToDictionary(g => g.Key, g => g.Count());
        return targets.Select((target, i) => (target, route: assignment.Assigned[i]))
            .Where(pair => pair.route is not null)
            .Select(pair => new Assigned(new PlanEntry(pair.route!.Start,
                new(pair.target.Recommendation.Person.Id, pair.target.Recommendation.Person.Name),
                pair.route.Path.Score, pair.route.Via,
                Reason(pair.route, pair.target, team, otherDeals, loadHere.GetValueOrDefault(pair.route.Start.Id))), pair.route))
            .ToList();
    }

    /// <summary>A target's candidates, most preferred first: usable routes, the pursuit team, matching seniority, the better route.</summary>
    public static List<Route> Preferences(Target target, IReadOnlyDictionary<string, TeamRole> team, double usableRouteShare)
    {
        var usable = target.Candidates.Max(r => r.Path.Score) * usableRouteShare;
        return target.Candidates
            .OrderBy(route => route.Path.Score >= usable ? 0 : 1)
            .ThenBy(route => team.ContainsKey(route.Start.Id) ? 0 : 1)
            .ThenBy(route => SeniorityMatches(route.StartSeniority, target.Seniority) ? 0 : 1)
            .ThenByDescending(route => route.Path.Score)
            .ThenBy(route => route.Start.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Who of ours is assigned to which target, and how many targets each of ours carries.</summary>
    private sealed class Assignment(List<List<Route>> preferences, Func<string, int> room)
    {
        private readonly Dictionary<string, int> load = new();

        public Route?[] Assigned { get; } = new Route?[preferences.Count];

        /// <summary>Target <paramref name="i"/>'s most preferred candidate with room left, other than <paramref name="except"/>.</summary>
        public Route? FirstWithRoom(int i, string? except = null) =>
            preferences[i].FirstOrDefault(route => route.Start.Id != except && load.GetValueOrDefault(route.Start.Id) < room(route.Start.Id));

        public void Assign(int i, Route route)
        {
            Assigned[i] = route;
            load[route.Start.Id] = load.GetValueOrDefault(route.Start.Id) + 1;
        }

        /// <summary>Moves earlier assignments along so that one of target <paramref name="i"/>'s candidates gets room.</summary>
        public bool TryFreeRoom(int i, HashSet<string> visited)
        {
            foreach (var candidate in preferences[i])
            {
                if (!visited.Add(candidate.Start.Id)) continue;
                for (var other = 0; other < Assigned.Length; other++)
                {
                    if (Assigned[other]?.Start.Id != candidate.Start.Id) continue;
                    var alternative = FirstWithRoom(other, except: candidate.Start.Id);
                    if (alternative is null && TryFreeRoom(other, visited)) alternative = FirstWithRoom(other, except: candidate.Start.Id);
                    if (alternative is null) continue;
                    load[candidate.Start.Id]--;
                    Assign(other, alternative);
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Executives and VPs talk as executives, directors and managers as managers, the rest as individuals.</summary>
    private static int? Tier(Seniority? seniority) => seniority switch
    {
        Seniority.Executive or Seniority.Vp => 0,
        Seniority.Director or Seniority.Manager => 1,
        Seniority.Individual => 2,
        _ => null,
    };

    private static bool SeniorityMatches(Seniority? ours, Seniority? theirs) => Tier(ours) is { } tier && tier == Tier(theirs);

    private static string Reason(Route route, Target target, IReadOnlyDictionary<string, TeamRole> team, OtherDeals? otherDeals, int loadHere)
    {
        var parts = new List<string>
        {
            team.TryGetValue(route.Start.Id, out var role)
                ? $"on the pursuit team ({EnumWords.Word(role)})"
                : "not on the pursuit team, but has a better route",
        };
        if (route.MovedHere is { } movedHere) parts.Add(movedHere);
        if (SeniorityMatches(route.StartSeniority, target.Seniority))
            parts.Add($"seniority matches ({EnumWords.Word(route.StartSeniority!.Value)} to {EnumWords.Word(target.Seniority!.Value)})");
        var via = route.Path.Hops.Count == 1
            ? "directly"
            : "via " + string.Join(", ", route.Path.Hops.Skip(1).Select(h => h.From.Name));
        parts.Add($"route score {route.Path.Score.ToString("0.######", CultureInfo.InvariantCulture)} {via}");
        parts.Add($"target priority {target.Recommendation.Priority.ToString("0.######", CultureInfo.InvariantCulture)}");
        if (otherDeals is not null && otherDeals.Of(route.Start.Id) is > 0 and var elsewhere)
            parts.Add($"carries {loadHere} here and {elsewhere} on other open deals, {loadHere + elsewhere} of {otherDeals.Cap} across open deals");
        if (route.Waiting is { } waiting) parts.Add(waiting);
        return string.Join("; ", parts) + ".";
    }
}
