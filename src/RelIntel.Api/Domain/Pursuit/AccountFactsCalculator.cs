namespace RelIntel.Api.Domain.Pursuit;

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
    public static ComputedFacts Compute(AccountChart chart, FactsSettings settings, int? keep = null)
    {
        var ids = chart.Ids;
        // Levels cuts solid cycles in its own copy, which the count below then follows.
        var manager = (int[])chart.Manager.Clone();
        var level = Levels(manager);
        var below = Below(manager, level, chart.Reachable);
        var rank = NetworkRanks(chart, settings);

        var reachable = Enumerable.Range(0, chart.Count).Where(i => chart.Reachable[i]).ToArray();
        var deepest = reachable.Length == 0 ? 0 : reachable.Max(i => level[i]);
        var widest = reachable.Length == 0 ? 0 : reachable.Max(i => below[i]);
        var highest = reachable.Length == 0 ? 0 : reachable.Max(i => rank[i]);
        var weights = settings.Weights;
        double LevelScore(int i) => 1.0 - (double)level[i] / (deepest + 1);
        double SpanScore(int i) => widest == 0 ? 0 : Math.Log(1 + below[i]) / Math.Log(1 + widest);
        double NetworkScore(int i) => highest == 0 ? 0 : rank[i] / highest;
        var influence = new double[chart.Count];
        foreach (var i in reachable)
            influence[i] = weights.Level * LevelScore(i) + weights.Span * SpanScore(i) + weights.Network * NetworkScore(i);
        // Best first, ties by id: positions are sorted, and only the kept ones become entries.
        Array.Sort(reachable, (a, b) => influence[a] != influence[b]
            ? influence[b].CompareTo(influence[a])
            : string.CompareOrdinal(ids[a], ids[b]));
        var ranked = reachable.Take(keep ?? reachable.Length)
            .Select(i => new RankedPerson(ids[i], influence[i], level[i], LevelScore(i), below[i], SpanScore(i), rank[i], NetworkScore(i)))
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
    private static long[] Below(int[] manager, int[] level, bool[] reachable)
    {
        var below = new long[manager.Length];
        foreach (var i in DeepestFirst(level))
            if (manager[i] >= 0) below[manager[i]] += below[i] + (reachable[i] ? 1 : 0);
        return below;
    }

    /// <summary>Positions by level, deepest first, in position order within a level (a counting sort: levels are few).</summary>
    private static int[] DeepestFirst(int[] level)
    {
        var deepest = level.Length == 0 ? 0 : level.Max();
        var next = new int[deepest + 2];
        foreach (var l in level) next[deepest - l + 1]++;
        for (var k = 1; k < next.Length; k++) next[k] += next[k - 1];
        var ordered = new int[level.Length];
        for (var i = 0; i < level.Length; i++) ordered[next[deepest - level[i]]++] = i;
        return ordered;
    }

    /// <summary>
    /// PageRank over the reachable people: each passes <see cref="Damping"/> of their standing along their lines, in
    /// proportion to each line's trust (solid and dotted: the customer side's edge trusts; influence: its strength); the
    /// rest, and all of the standing of someone with no line out, is spread evenly. The ranks sum to 1.
    /// </summary>
    private static double[] NetworkRanks(AccountChart chart, FactsSettings settings)
    {
        var n = chart.Count;
        var reachable = chart.Reachable;
        var count = reachable.Count(r => r);
        var rank = new double[n];
        if (count == 0) return rank;
        var lines = Lines.Of(chart, settings);
        var outWeight = new double[n];
        for (var i = 0; i < n; i++)
            for (var k = lines.First[i]; k < lines.First[i + 1]; k++) outWeight[i] += lines.Weight[k];
        for (var i = 0; i < n; i++) rank[i] = reachable[i] ? 1.0 / count : 0;
        var next = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var dangling = 0.0;
            for (var i = 0; i < n; i++) if (reachable[i] && outWeight[i] == 0) dangling += rank[i];
            var spread = (1 - Damping) / count + Damping * dangling / count;
            for (var i = 0; i < n; i++) next[i] = reachable[i] ? spread : 0;
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
    /// that order), in three flat arrays: person i's lines are at <c>First[i]</c> up to <c>First[i + 1]</c>.
    /// </summary>
    private sealed record Lines(int[] First, int[] To, double[] Weight)
    {
        public static Lines Of(AccountChart chart, FactsSettings settings)
        {
            var n = chart.Count;
            var reachable = chart.Reachable;
            var first = new int[n + 1];
            for (var pass = 0; pass < 2; pass++)
            {
                var to = pass == 0 ? null : new int[first[n]];
                var weight = pass == 0 ? null : new double[first[n]];
                var at = 0;
                for (var i = 0; i < n; i++)
                {
                    first[i] = at;
                    if (!reachable[i]) continue;
                    void Add(int target, double w)
                    {
                        if (target < 0 || !(w > 0) || !reachable[target] || target == i) return;
                        if (to is not null)
                        {
                            to[at] = target;
                            weight![at] = w;
                        }
                        at++;
                    }
                    Add(chart.Manager[i], settings.SolidTrust);
                    for (var k = chart.Dotted.First[i]; k < chart.Dotted.First[i + 1]; k++) Add(chart.Dotted.To[k], settings.DottedTrust);
                    for (var k = chart.Influences.First[i]; k < chart.Influences.First[i + 1]; k++)
                        Add(chart.Influences.To[k], chart.Influences.Strength[k]);
                }
                first[n] = at;
                if (to is not null) return new Lines(first, to, weight!);
            }
            throw new InvalidOperationException("Unreachable: the second pass returns.");
        }
    }
}
