using RelIntel.Api.Charter;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// One way one of ours reaches a person, as <c>accounts.reaches</c> answers it: its <paramref name="Score"/> as a one-hop
/// route (<c>charter.routeTrust</c>), and strength and staleness only when <paramref name="Seen"/>.
/// </summary>
public sealed record ReachRow(PersonRef OurPerson, bool Seen, double Score, double? Strength, bool? Stale);

/// <summary>How our side reaches a person directly, scored as a one-hop warm path would be (<c>cypher/insights/warm-paths.cypher</c>).</summary>
public static class Reaches
{
    public static Reach Score(PersonRef their, ReachRow row) => row.Seen
        ? new Reach(row.Score, new RelationshipSeen(row.OurPerson, their, row.Strength ?? 0, row.Stale == true), null)
        : new Reach(row.Score, null, new IntroductionRoute(row.OurPerson, their));

    /// <summary>
    /// Every way in, best first: the highest score; on a tie a relationship before an introduction, a fresh one before a
    /// stale one, then by our person's id.
    /// </summary>
    public static IReadOnlyList<Reach> Ranked(PersonRef their, IEnumerable<ReachRow> rows) =>
        rows.Select(row => Score(their, row))
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Relationship is null ? 1 : 0)
            .ThenBy(r => r.Relationship?.Stale == true ? 1 : 0)
            .ThenBy(r => r.HeldBy.Id, StringComparer.Ordinal)
            .ToList();
}
