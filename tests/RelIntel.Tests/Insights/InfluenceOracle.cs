namespace RelIntel.Tests.Insights;

/// <summary>One person of a chart as a test builds it: their solid manager, dotted managers and whether they may be reached.</summary>
public sealed record OraclePerson(string Id, string? ManagerId, IReadOnlyList<string> Dotted, bool Reachable);

/// <summary>An influence line "from's view weighs with to".</summary>
public sealed record OracleLine(string FromId, string ToId, double Strength);

/// <summary>What the oracle expects for one ranked person.</summary>
public sealed record OracleRank(string Id, double Influence, int Level, long Below, double NetworkRank, double NetworkScore);

/// <summary>
/// The influence ranking worked out the slow, obvious way, independently of the service: levels by walking each chain up,
/// people below by walking each subtree down, and the network standing by the textbook PageRank formula over the
/// reachable people (damping 0.85; solid lines weigh 0.8, dotted 0.6, influence lines their strength; standing with no
/// line out is spread evenly), iterated to a fixed point.
/// </summary>
public static class InfluenceOracle
{
    public static List<OracleRank> Rank(IReadOnlyList<OraclePerson> people, IReadOnlyList<OracleLine> influences,
        double levelWeight = 0.35, double spanWeight = 0.35, double networkWeight = 0.3)
    {
        var byId = people.ToDictionary(p => p.Id);
        var reachable = people.Where(p => p.Reachable).ToList();
        int Level(OraclePerson p) => p.ManagerId is { } m && byId.TryGetValue(m, out var boss) ? 1 + Level(boss) : 0;
        long Below(OraclePerson p) => people.Where(r => r.ManagerId == p.Id).Sum(r => (r.Reachable ? 1 : 0) + Below(r));
        var rank = PageRank(reachable, influences);
        var deepest = reachable.Max(Level);
        var widest = reachable.Max(Below);
        var highest = rank.Values.Max();
        return reachable.Select(p =>
            {
                var levelScore = 1.0 - (double)Level(p) / (deepest + 1);
                var spanScore = widest == 0 ? 0 : Math.Log(1 + Below(p)) / Math.Log(1 + widest);
                var influence = levelWeight * levelScore + spanWeight * spanScore + networkWeight * rank[p.Id] / highest;
                return new OracleRank(p.Id, influence, Level(p), Below(p), rank[p.Id], rank[p.Id] / highest);
            })
            .OrderByDescending(r => r.Influence).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<string, double> PageRank(List<OraclePerson> reachable, IReadOnlyList<OracleLine> influences)
    {
        var ids = reachable.Select(p => p.Id).ToHashSet();
        var edges = reachable.SelectMany(p =>
                new[] { (From: p.Id, To: p.ManagerId, Weight: 0.8) }
                    .Concat(p.Dotted.Select(d => (From: p.Id, To: (string?)d, Weight: 0.6))))
            .Concat(influences.Select(i => (From: i.FromId, To: (string?)i.ToId, Weight: i.Strength)))
            .Where(e => e.To is not null && ids.Contains(e.From) && ids.Contains(e.To) && e.From != e.To)
            .ToList();
        var n = reachable.Count;
        var rank = reachable.ToDictionary(p => p.Id, _ => 1.0 / n);
        for (var round = 0; round < 1000; round++)
        {
            var next = reachable.ToDictionary(p => p.Id, p =>
            {
                var incoming = edges.Where(e => e.To == p.Id)
                    .Sum(e => rank[e.From] * e.Weight / edges.Where(o => o.From == e.From).Sum(o => o.Weight));
                var dangling = reachable.Where(q => edges.All(e => e.From != q.Id)).Sum(q => rank[q.Id]);
                return 0.15 / n + 0.85 * (incoming + dangling / n);
            });
            var moved = next.Sum(x => Math.Abs(x.Value - rank[x.Key]));
            rank = next;
            if (moved < 1e-13) break;
        }
        return rank;
    }
}
