using RelIntel.Api.Charter;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>One way one of ours reaches a person, as <c>accounts.reaches</c> answers it (strength and staleness only when <c>seen</c>).</summary>
public sealed record ReachRow(PersonRef OurPerson, bool Seen, double? Strength, bool? Stale);

/// <summary>How our side reaches a person directly, scored as a one-hop warm path would be (<c>cypher/insights/warm-paths.cypher</c>).</summary>
public static class Reaches
{
    public static Reach Score(PersonRef their, ReachRow row, InsightOptions options)
    {
        if (!row.Seen) return new Reach(options.EdgeTrust.Introduction, null, new IntroductionRoute(row.OurPerson, their));
        var strength = row.Strength ?? 0;
        var stale = row.Stale == true;
        return new Reach(WarmPaths.Round(strength * (stale ? options.StaleFactor : 1)), new RelationshipSeen(row.OurPerson, their, strength, stale), null);
    }

    /// <summary>
    /// Every way in, best first: the highest score; on a tie a relationship before an introduction, a fresh one before a
    /// stale one, then by our person's id.
    /// </summary>
    public static IReadOnlyList<Reach> Ranked(PersonRef their, IEnumerable<ReachRow> rows, InsightOptions options) =>
        rows.Select(row => Score(their, row, options))
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Relationship is null ? 1 : 0)
            .ThenBy(r => r.Relationship?.Stale == true ? 1 : 0)
            .ThenBy(r => r.HeldBy.Id, StringComparer.Ordinal)
            .ToList();
}
