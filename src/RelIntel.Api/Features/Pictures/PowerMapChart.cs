using RelIntel.Api.Features.Insights;

namespace RelIntel.Api.Features.Pictures;

/// <summary>
/// Someone on the customer's reporting lines: a buying-center member (whose own lines this supplies) or a manager
/// who is not a member but connects members, drawn faded.
/// </summary>
public sealed record HierarchyPerson(string Id, string Name, string? Title, string? ManagerId, IReadOnlyList<string> DottedManagerIds);

/// <summary>The power map answer as a <see cref="Chart"/>: the same members, lines, status and gaps, nothing more.</summary>
public static class PowerMapChart
{
    public const string Kind = "Power map";

    /// <summary>
    /// Maps a power map into a chart. <paramref name="hierarchy"/> gives members' reporting lines and the connecting
    /// managers; a line is drawn only where both ends are on the chart, and a person keeps one solid manager (the power
    /// map's own lines first). The caller has already applied the charter: whoever is in <paramref name="map"/> and
    /// <paramref name="hierarchy"/> may be shown.
    /// </summary>
    public static Chart From(PowerMapResponse map, string accountName, DateTimeOffset dataAsOf, IReadOnlyList<HierarchyPerson> hierarchy)
    {
        var staleIds = map.Gaps.Where(g => g.Code == GapCode.StaleCoverage && g.PersonId is not null)
            .Select(g => g.PersonId!).ToHashSet(StringComparer.Ordinal);
        var cards = map.Members.Select(member => MemberCard(member, staleIds.Contains(member.Person.Id))).ToList();
        var onChart = cards.Select(c => c.PersonId).ToHashSet(StringComparer.Ordinal);
        foreach (var person in hierarchy.Where(p => !onChart.Contains(p.Id)).DistinctBy(p => p.Id))
        {
            cards.Add(ChartCard.Connector(person.Id, person.Name, person.Title));
            onChart.Add(person.Id);
        }

        var reportingLines = map.Lines.Where(l => l.Type == "reports-to")
            .Select(l => new HierarchyEdge(l.ToId, l.FromId, l.Kind == "dotted" ? ReportingLineKind.Dotted : ReportingLineKind.Solid))
            .Concat(hierarchy.SelectMany(LinesOf));
        var solidManagerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<HierarchyEdge>();
        foreach (var edge in reportingLines.Distinct())
        {
            if (edge.ManagerId == edge.ReportId || !onChart.Contains(edge.ManagerId) || !onChart.Contains(edge.ReportId)) continue;
            if (edge.Kind == ReportingLineKind.Solid && !solidManagerOf.TryAdd(edge.ReportId, edge.ManagerId)) continue;
            edges.Add(edge);
        }

        var conflictsOnRoutes = map.Members.SelectMany(m => m.BestPath?.Risks ?? [])
            .Select(r => Pair(r.PersonId, r.OtherPersonId)).ToHashSet();
        var informal = new List<InformalEdge>();
        var rapportSeen = new HashSet<(string, string, InformalKind)>();
        foreach (var line in map.Lines)
        {
            if (line.Type == "influences")
            {
                informal.Add(new InformalEdge(line.FromId, line.ToId, InformalKind.Influence, line.Strength));
                continue;
            }
            if (line.Type != "rapport") continue;
            var kind = line.Sentiment switch
            {
                "sympathy" => InformalKind.Sympathy,
                "antipathy" => InformalKind.Antipathy,
                _ => InformalKind.Rivalry,
            };
            var pair = Pair(line.FromId, line.ToId);
            // Rapport is symmetric: one line per pair, however it is stored.
            if (!rapportSeen.Add((pair.Item1, pair.Item2, kind))) continue;
            informal.Add(new InformalEdge(pair.Item1, pair.Item2, kind,
                BlocksRoutes: kind != InformalKind.Sympathy && conflictsOnRoutes.Contains(pair)));
        }

        var header = new ChartHeader(Kind, map.Opportunity.Name, accountName, dataAsOf,
            new ChartStatusLine(map.Status switch
            {
                PowerMapStatus.Green => ChartStatus.Green,
                PowerMapStatus.Amber => ChartStatus.Amber,
                _ => ChartStatus.Red,
            }, map.StatusReason),
            map.Gaps.Select(g => g.Message).ToList());
        return new Chart(header, cards, edges, informal);
    }

    private static ChartCard MemberCard(PowerMapMember member, bool stale)
    {
        var path = member.BestPath;
        var coverage = path is null
            ? new CardCoverage(0, null)
            : new CardCoverage(member.Coverage, path.Hops[0].From.Name, path.Hops.Any(h => h.Type == HopType.Introduction));
        return new ChartCard(member.Person.Id, member.Person.Name, member.Person.Title, member.Roles, member.Attitude, member.Influence,
            member.Coach, member.FavorsCompetitorId, coverage, Uncovered: path is null, Stale: stale, Faded: false);
    }

    private static IEnumerable<HierarchyEdge> LinesOf(HierarchyPerson person)
    {
        if (person.ManagerId is { } manager) yield return new HierarchyEdge(manager, person.Id, ReportingLineKind.Solid);
        foreach (var dotted in person.DottedManagerIds) yield return new HierarchyEdge(dotted, person.Id, ReportingLineKind.Dotted);
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
