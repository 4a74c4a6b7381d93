namespace RelIntel.Api.Domain.Pursuit;

/// <summary>One person of an account as its facts are computed from them (<c>cypher/accounts/facts-edges.cypher</c>):
/// <paramref name="Department"/> as coverage groups it (null: none), <paramref name="StoredHeadId"/> the division head the
/// last refresh stored on them.</summary>
public sealed record ChartPerson(
    string Id,
    string? ManagerId,
    bool Reachable,
    string? Seniority,
    IReadOnlyList<string> DottedManagerIds,
    IReadOnlyList<(string ToId, double Strength)> Influences,
    string? Department = null,
    string? StoredHeadId = null);

/// <summary>One person's influence in their organization, factor by factor (see <see cref="InfluenceFactors"/>).</summary>
public sealed record RankedPerson(string Id, double Influence, int Level, double LevelScore, long Below, double SpanScore,
    double NetworkRank, double NetworkScore);

/// <summary>What the facts of one account say: every reachable person's influence, best first, and the scales used.</summary>
public sealed record ComputedFacts(int People, int Deepest, long Widest, IReadOnlyList<RankedPerson> Ranked);

/// <summary>The trusts and weights facts are computed with; facts computed with others are recomputed.</summary>
public sealed record FactsSettings(InfluencerWeights Weights, double SolidTrust, double DottedTrust)
{
    public string Key => FormattableString.Invariant(
        $"{Weights.Level}/{Weights.Span}/{Weights.Network}/{SolidTrust}/{DottedTrust}/{AccountFactsCalculator.Damping}/{Format}");

    /// <summary>What facts hold: facts saved in an earlier format (before coverage's head counts) are recomputed.</summary>
    public const string Format = "coverage-1";
}

/// <summary>
/// Computes an account's derived facts from its chart, in memory (Community edition has no graph algorithms library, and
/// even 300,000 people and their lines fit in a few arrays): each person's level below the top of the solid chain, the
/// reachable people below them on solid lines, and a PageRank-like standing in the network of formal and informal lines.
/// Only people who may be reached are ranked, counted below anyone or pass on standing.
/// </summary>
public static class AccountFactsCalculator
{
    /// <summary>The share of standing a person passes along their lines (PageRank's damping); the rest is spread evenly.</summary>
    public const double Damping = 0.85;

    private const int MaxIterations = 200;
    private const double Tolerance = 1e-12;

    /// <summary>The facts of an account's chart; <see cref="ComputedFacts.Ranked"/> holds the <paramref name="keep"/> best
    /// (everyone when null): a large account builds the ranked entries of only those it keeps.</summary>
    public static ComputedFacts Compute(IReadOnlyList<ChartPerson> people, FactsSettings settings, int? keep = null)
    {
        // In id order, so that the same chart always gives the same facts (where a cycle is cut, how sums round).
        people = people.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>(people.Count, StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++) index[people[i].Id] = i;
        var manager = people.Select(p => p.ManagerId is { } m && index.TryGetValue(m, out var at) ? at : -1).ToArray();
        var level = Levels(manager);
        var below = Below(manager, level, people);
        var rank = NetworkRanks(people, index, settings);

        var reachable = Enumerable.Range(0, people.Count).Where(i => people[i].Reachable).ToArray();
        var deepest = reachable.Length == 0 ? 0 : reachable.Max(i => level[i]);
        var widest = reachable.Length == 0 ? 0 : reachable.Max(i => below[i]);
        var highest = reachable.Length == 0 ? 0 : reachable.Max(i => rank[i]);
        var weights = settings.Weights;
        double LevelScore(int i) => 1.0 - (double)level[i] / (deepest + 1);
        double SpanScore(int i) => widest == 0 ? 0 : Math.Log(1 + below[i]) / Math.Log(1 + widest);
        double NetworkScore(int i) => highest == 0 ? 0 : rank[i] / highest;
        var influence = new double[people.Count];
        foreach (var i in reachable)
            influence[i] = weights.Level * LevelScore(i) + weights.Span * SpanScore(i) + weights.Network * NetworkScore(i);
        // Best first, ties by id: positions are sorted, and only the kept ones become entries.
        Array.Sort(reachable, (a, b) => influence[a] != influence[b]
            ? influence[b].CompareTo(influence[a])
            : string.CompareOrdinal(people[a].Id, people[b].Id));
        var ranked = reachable.Take(keep ?? reachable.Length)
            .Select(i => new RankedPerson(people[i].Id, influence[i], level[i], LevelScore(i), below[i], SpanScore(i), rank[i], NetworkScore(i)))
            .ToList();
        return new ComputedFacts(reachable.Length, deepest, widest, ranked);
    }

    /// <summary>
    /// Steps up the solid chain to its top (someone with no solid manager in the account). A cycle of solid lines (an
    /// import may draw one) is cut at the first of its members met, who counts as a top.
    /// </summary>
    private static int[] Levels(int[] manager)
    {
        var level = Enumerable.Repeat(-1, manager.Length).ToArray();
        var onPath = new bool[manager.Length];
        var path = new List<int>();
        for (var start = 0; start < manager.Length; start++)
        {
            while (level[start] < 0)
            {
                path.Clear();
                var at = start;
                while (at >= 0 && level[at] < 0 && !onPath[at])
                {
                    onPath[at] = true;
                    path.Add(at);
                    at = manager[at];
                }
                foreach (var person in path) onPath[person] = false;
                if (at >= 0 && level[at] < 0)
                {
                    manager[at] = -1;
                    continue;
                }
                for (var k = path.Count - 1; k >= 0; k--)
                    level[path[k]] = manager[path[k]] < 0 ? 0 : level[manager[path[k]]] + 1;
            }
        }
        return level;
    }

    /// <summary>The reachable people below each person on solid lines, counted bottom-up (deepest level first).</summary>
    private static long[] Below(int[] manager, int[] level, IReadOnlyList<ChartPerson> people)
    {
        var below = new long[manager.Length];
        foreach (var i in Enumerable.Range(0, manager.Length).OrderByDescending(i => level[i]))
            if (manager[i] >= 0) below[manager[i]] += below[i] + (people[i].Reachable ? 1 : 0);
        return below;
    }

    /// <summary>
    /// PageRank over the reachable people: each passes <see cref="Damping"/> of their standing along their lines, in
    /// proportion to each line's trust (solid and dotted: the customer side's edge trusts; influence: its strength); the
    /// rest, and all of the standing of someone with no line out, is spread evenly. The ranks sum to 1.
    /// </summary>
    private static double[] NetworkRanks(IReadOnlyList<ChartPerson> people, Dictionary<string, int> index, FactsSettings settings)
    {
        var n = people.Count;
        var count = people.Count(p => p.Reachable);
        var rank = new double[n];
        if (count == 0) return rank;
        var lines = Lines.Of(people, index, settings);
        var outWeight = new double[n];
        for (var i = 0; i < n; i++)
            for (var k = lines.First[i]; k < lines.First[i + 1]; k++) outWeight[i] += lines.Weight[k];
        for (var i = 0; i < n; i++) rank[i] = people[i].Reachable ? 1.0 / count : 0;
        var next = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var dangling = 0.0;
            for (var i = 0; i < n; i++) if (people[i].Reachable && outWeight[i] == 0) dangling += rank[i];
            var spread = (1 - Damping) / count + Damping * dangling / count;
            for (var i = 0; i < n; i++) next[i] = people[i].Reachable ? spread : 0;
            for (var i = 0; i < n; i++)
                for (var k = lines.First[i]; k < lines.First[i + 1]; k++) next[lines.To[k]] += Damping * rank[i] * lines.Weight[k] / outWeight[i];
            var change = 0.0;
            for (var i = 0; i < n; i++) change += Math.Abs(next[i] - rank[i]);
            (rank, next) = (next, rank);
            if (change < Tolerance) break;
        }
        return rank;
    }

    /// <summary>
    /// Every reachable person's lines out to other reachable people (solid manager, dotted managers, influence lines, in
    /// that order), in three flat arrays: person i's lines are at <c>First[i]</c> up to <c>First[i + 1]</c>. A list per
    /// person would cost more than the whole chart at 300,000 people.
    /// </summary>
    private sealed record Lines(int[] First, int[] To, double[] Weight)
    {
        public static Lines Of(IReadOnlyList<ChartPerson> people, Dictionary<string, int> index, FactsSettings settings)
        {
            var n = people.Count;
            var first = new int[n + 1];
            for (var pass = 0; pass < 2; pass++)
            {
                var to = pass == 0 ? null : new int[first[n]];
                var weight = pass == 0 ? null : new double[first[n]];
                var at = 0;
                for (var i = 0; i < n; i++)
                {
                    first[i] = at;
                    var person = people[i];
                    if (!person.Reachable) continue;
                    void Add(string? id, double w)
                    {
                        if (id is null || !(w > 0) || !index.TryGetValue(id, out var target) || !people[target].Reachable || target == i) return;
                        if (to is not null)
                        {
                            to[at] = target;
                            weight![at] = w;
                        }
                        at++;
                    }
                    Add(person.ManagerId, settings.SolidTrust);
                    foreach (var dotted in person.DottedManagerIds) Add(dotted, settings.DottedTrust);
                    foreach (var (toId, strength) in person.Influences) Add(toId, strength);
                }
                first[n] = at;
                if (to is not null) return new Lines(first, to, weight!);
            }
            throw new InvalidOperationException("Unreachable: the second pass returns.");
        }
    }
}
