using RelIntel.Neo4j;
using System.Globalization;
using RelIntel.Api.Features.Opportunities;
using RelIntel.Api.Features.People;

namespace RelIntel.Api.Features.Insights;

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

    public static IReadOnlyList<PlanEntry> Build(IReadOnlyList<Target> targets, IReadOnlyDictionary<string, TeamRole> team, int loadCap,
        double usableRouteShare)
    {
        var preferences = targets.Select(target => target.Candidates
                .OrderBy(route => route.Path.Score >= target.Candidates.Max(r => r.Path.Score) * usableRouteShare ? 0 : 1)
                .ThenBy(route => team.ContainsKey(route.Start.Id) ? 0 : 1)
                .ThenBy(route => SeniorityMatches(route.StartSeniority, target.Seniority) ? 0 : 1)
                .ThenByDescending(route => route.Path.Score)
                .ThenBy(route => route.Start.Id, StringComparer.Ordinal)
                .ToList())
            .ToList();

        var assigned = new Route?[targets.Count];
        var load = new Dictionary<string, int>();
        for (var i = 0; i < targets.Count; i++)
        {
            var choice = preferences[i].FirstOrDefault(route => load.GetValueOrDefault(route.Start.Id) < loadCap);
            if (choice is null && !TryFreeRoom(i, [], preferences, assigned, load, loadCap)) continue;
            choice ??= preferences[i].First(route => load.GetValueOrDefault(route.Start.Id) < loadCap);
            Assign(i, choice, assigned, load);
        }

        return targets.Select((target, i) => (target, route: assigned[i]))
            .Where(pair => pair.route is not null)
            .Select(pair => new PlanEntry(pair.route!.Start, new(pair.target.Recommendation.Person.Id, pair.target.Recommendation.Person.Name),
                pair.route.Path.Score, pair.route.Via, Reason(pair.route, pair.target, team)))
            .ToList();
    }

    /// <summary>Moves earlier assignments along so that one of target <paramref name="i"/>'s candidates gets room.</summary>
    private static bool TryFreeRoom(int i, HashSet<string> visited, List<List<Route>> preferences, Route?[] assigned,
        Dictionary<string, int> load, int loadCap)
    {
        foreach (var candidate in preferences[i])
        {
            if (!visited.Add(candidate.Start.Id)) continue;
            for (var other = 0; other < assigned.Length; other++)
            {
                if (assigned[other]?.Start.Id != candidate.Start.Id) continue;
                var alternative = preferences[other].FirstOrDefault(route => route.Start.Id != candidate.Start.Id
                                                                             && load.GetValueOrDefault(route.Start.Id) < loadCap);
                if (alternative is null && TryFreeRoom(other, visited, preferences, assigned, load, loadCap))
                    alternative = preferences[other].FirstOrDefault(route => route.Start.Id != candidate.Start.Id
                                                                             && load.GetValueOrDefault(route.Start.Id) < loadCap);
                if (alternative is null) continue;
                load[candidate.Start.Id]--;
                Assign(other, alternative, assigned, load);
                return true;
            }
        }
        return false;
    }

    private static void Assign(int i, Route route, Route?[] assigned, Dictionary<string, int> load)
    {
        assigned[i] = route;
        load[route.Start.Id] = load.GetValueOrDefault(route.Start.Id) + 1;
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

    private static string Reason(Route route, Target target, IReadOnlyDictionary<string, TeamRole> team)
    {
        var parts = new List<string>
        {
            team.TryGetValue(route.Start.Id, out var role)
                ? $"on the pursuit team ({EnumWords.Word(role)})"
                : "not on the pursuit team, but has a better route",
        };
        if (SeniorityMatches(route.StartSeniority, target.Seniority))
            parts.Add($"seniority matches ({EnumWords.Word(route.StartSeniority!.Value)} to {EnumWords.Word(target.Seniority!.Value)})");
        var via = route.Path.Hops.Count == 1
            ? "directly"
            : "via " + string.Join(", ", route.Path.Hops.Skip(1).Select(h => h.From.Name));
        parts.Add($"route score {route.Path.Score.ToString("0.######", CultureInfo.InvariantCulture)} {via}");
        parts.Add($"target priority {target.Recommendation.Priority.ToString("0.######", CultureInfo.InvariantCulture)}");
        return string.Join("; ", parts) + ".";
    }
}
