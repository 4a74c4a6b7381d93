namespace RelIntel.Api.Domain.Pursuit;

/// <summary>One department or division of an account as its facts count it: its reachable people, and those by seniority.</summary>
/// <param name="Kind"><c>department</c> or <c>division</c>.</param>
/// <param name="Key">The department's name ("" for people without one) or the id of the VP heading the division.</param>
/// <param name="Counts">People, then executives, VPs, directors, managers, individual contributors and people of no seniority.</param>
public sealed record CoverageGroupCount(string Kind, string Key, long[] Counts);

/// <summary>A person whose stored division head must change (<c>Person.divisionHeadId</c>; null: none).</summary>
public sealed record DivisionHeadChange(string Id, string? HeadId);

/// <summary>The chart-derived part of account coverage: each group's head counts, the senior people, and each person's
/// division head (<c>Heads</c>, by position in <c>Chart</c>; null: none).</summary>
public sealed record CoverageFactsComputed(IReadOnlyList<CoverageGroupCount> Groups, IReadOnlyList<string> SeniorIds, AccountChart Chart,
    string?[] Heads)
{
    /// <summary>The people whose stored division head differs, as they are enumerated: an account's first refresh changes
    /// every person's, so they are not held as a list.</summary>
    public IEnumerable<DivisionHeadChange> HeadChanges => Enumerable.Range(0, Chart.Count)
        .Where(p => !string.Equals(Heads[p], Chart.StoredHeadId[p], StringComparison.Ordinal))
        .Select(p => new DivisionHeadChange(Chart.Ids[p], Heads[p]));
}

/// <summary>
/// What account coverage (<c>cypher/accounts/coverage.cypher</c>) needs of an account's chart, computed with its other
/// derived facts so that a coverage call reads only the people our side reaches and the senior people: each reachable
/// person's division head, per department and per division the reachable people by seniority, and the reachable senior
/// people. The division head is the one <c>cypher/accounts/coverage-walk.cypher</c> walks to: the nearest reachable VP at
/// or above the person along solid lines (at most 50 steps up), passing anyone who is not a reachable VP, except a
/// reachable person with no seniority, whom the walk does not pass (see <see cref="Blocks"/>). A person has at
/// most one solid manager and lines stay inside one organization, so the walk up is the person's own chain.
/// </summary>
public static class CoverageFactsCalculator
{
    /// <summary>The seniorities coverage counts people by, in the answer's order ("" is none).</summary>
    public static readonly string[] Seniorities = ["executive", "vp", "director", "manager", "individual", ""];

    /// <summary>How far up the solid chain a division head is looked for (the walk's bound).</summary>
    public const int MaxSteps = 50;

    public static CoverageFactsComputed Compute(AccountChart chart)
    {
        var groups = new Dictionary<(string Kind, string Key), long[]>();
        var seniorIds = new List<string>();
        var heads = new string?[chart.Count];
        for (var p = 0; p < chart.Count; p++)
        {
            var head = heads[p] = chart.Reachable[p] ? HeadOf(chart, p) : null;
            if (!chart.Reachable[p]) continue;
            Count(groups, ("department", chart.Department[p] ?? ""), chart.Seniority[p]);
            if (head is not null) Count(groups, ("division", head), chart.Seniority[p]);
            if (SeniorLevels.Contains(chart.Seniority[p])) seniorIds.Add(chart.Ids[p]);
        }
        var counted = groups.OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Key, StringComparer.Ordinal)
            .Select(g => new CoverageGroupCount(g.Key.Kind, g.Key.Key, g.Value)).ToList();
        return new CoverageFactsComputed(counted, seniorIds, chart, heads);
    }

    private static bool IsHead(AccountChart chart, int p) => chart.Reachable[p] && chart.Seniority[p] == "vp";

    /// <summary>
    /// Whether the walk down from a head stops at this person (who is then in no division below it): the walk passes
    /// people for whom <c>NOT (seniority = 'vp' AND reachable)</c> holds, and in Cypher that is null, not true, for a
    /// reachable person with no seniority. So such a person, and everyone below them up to the next VP, is in no division.
    /// </summary>
    private static bool Blocks(AccountChart chart, int p) => chart.Reachable[p] && chart.Seniority[p] is null or "vp";

    /// <summary>The person's division head: themselves when a reachable VP, else the first reachable VP up their chain.</summary>
    private static string? HeadOf(AccountChart chart, int person)
    {
        if (IsHead(chart, person)) return chart.Ids[person];
        var at = person;
        for (var steps = 1; steps <= MaxSteps; steps++)
        {
            if (Blocks(chart, at) || chart.Manager[at] is var manager && manager < 0) return null;
            if (IsHead(chart, manager)) return chart.Ids[manager];
            at = manager;
        }
        return null;
    }

    private static void Count(Dictionary<(string, string), long[]> groups, (string, string) key, string? seniority)
    {
        if (!groups.TryGetValue(key, out var counts)) groups[key] = counts = new long[1 + Seniorities.Length];
        counts[0]++;
        var at = Array.IndexOf(Seniorities, seniority ?? "");
        if (at >= 0) counts[1 + at]++;
    }
}
