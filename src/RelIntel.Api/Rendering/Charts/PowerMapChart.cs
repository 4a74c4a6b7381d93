using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;


namespace RelIntel.Api.Rendering.Charts;

/// <summary>
/// Someone on the customer's reporting lines: a buying-center member (whose own lines this supplies) or a manager
/// who is not a member but connects members, drawn faded.
/// </summary>
public sealed record HierarchyPerson(string Id, string Name, string? Title, string? ManagerId, IReadOnlyList<string> DottedManagerIds);

/// <summary>
/// A buying-center member as the power map picture draws them, whichever answer they come from (the power map, or a
/// stored report, whose members have no <c>bestPath</c>): <paramref name="HeldBy"/> names who of ours starts the best
/// route (null without one), <paramref name="ByIntroduction"/> when that route is an introduction, <paramref name="Stale"/>
/// when it crosses a stale relationship.
/// </summary>
public sealed record PictureMember(PowerMapMember Member, string? HeldBy, bool ByIntroduction, bool Stale);

/// <summary>What a power map picture shows besides its members: title, status and gaps.</summary>
public sealed record PictureHeading(string OpportunityName, string AccountName, DateTimeOffset DataAsOf, PowerMapStatus Status,
    string StatusReason, IReadOnlyList<string> Gaps);

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
        var staleIds = StaleIds(map.Gaps);
        var members = map.Members.Select(member =>
        {
            var path = member.BestPath;
            return new PictureMember(member, path?.Hops[0].From.Name, path?.Hops.Any(h => h.Type == HopType.Introduction) == true,
                staleIds.Contains(member.Person.Id));
        }).ToList();
        var conflictsOnRoutes = map.Members.SelectMany(m => m.BestPath?.Risks ?? []).Select(r => (r.PersonId, r.OtherPersonId));
        var heading = new PictureHeading(map.Opportunity.Name, accountName, dataAsOf, map.Status, map.StatusReason,
            map.Gaps.Select(g => g.Message).ToList());
        return Build(heading, members, map.Lines, conflictsOnRoutes, hierarchy);
    }

    /// <summary>The members that the gaps say are covered only across a stale relationship.</summary>
    public static IReadOnlySet<string> StaleIds(IEnumerable<Gap> gaps) =>
        gaps.Where(g => g.Code == GapCode.StaleCoverage && g.PersonId is not null).Select(g => g.PersonId!).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The chart of <paramref name="members"/>, the <paramref name="lines"/> among them and the reporting lines of
    /// <paramref name="hierarchy"/>; <paramref name="conflictsOnRoutes"/> are the antipathy and rivalry pairs our best
    /// routes go around.
    /// </summary>
    public static Chart Build(PictureHeading heading, IReadOnlyList<PictureMember> members, IReadOnlyList<PowerMapLine> lines,
        IEnumerable<(string, string)> conflictsOnRoutes, IReadOnlyList<HierarchyPerson> hierarchy)
    {
        var cards = members.Select(MemberCard).ToList();
        var onChart = cards.Select(c => c.PersonId).ToHashSet(StringComparer.Ordinal);
        foreach (var person in hierarchy.Where(p => !onChart.Contains(p.Id)).DistinctBy(p => p.Id))
        {
            cards.Add(ChartCard.Connector(person.Id, person.Name, person.Title));
            onChart.Add(person.Id);
        }

        var edges = ChartLines.Reporting(lines, hierarchy, onChart);
        var informal = ChartLines.Informal(lines, conflictsOnRoutes);

        var header = new ChartHeader(Kind, heading.OpportunityName, heading.AccountName, heading.DataAsOf,
            new ChartStatusLine(heading.Status switch
            {
                PowerMapStatus.Green => ChartStatus.Green,
                PowerMapStatus.Amber => ChartStatus.Amber,
                _ => ChartStatus.Red,
            }, heading.StatusReason),
            heading.Gaps);
        return new Chart(header, cards, edges, informal);
    }

    private static ChartCard MemberCard(PictureMember picture)
    {
        var member = picture.Member;
        var coverage = picture.HeldBy is null ? new CardCoverage(0, null) : new CardCoverage(member.Coverage, picture.HeldBy, picture.ByIntroduction);
        return new ChartCard(member.Person.Id, member.Person.Name, member.Person.Title, member.Roles, member.Attitude, member.Influence,
            member.Coach, member.FavorsCompetitorId, coverage, Uncovered: picture.HeldBy is null, Stale: picture.Stale, Faded: false);
    }
}

/// <summary>The lines of a picture from the answers' lines, for every kind of chart.</summary>
public static class ChartLines
{
    /// <summary>
    /// Reporting lines among the people on the chart: the answer's own <c>reports-to</c> lines first, then each
    /// person's solid and dotted managers. A line is drawn only where both ends are on the chart, and a person keeps one
    /// solid manager (the first given).
    /// </summary>
    public static IReadOnlyList<HierarchyEdge> Reporting(IEnumerable<PowerMapLine> lines, IEnumerable<HierarchyPerson> people,
        IReadOnlySet<string> onChart)
    {
        var reportingLines = lines.Where(l => l.Type == "reports-to")
            .Select(l => new HierarchyEdge(l.ToId, l.FromId, l.Kind == "dotted" ? ReportingLineKind.Dotted : ReportingLineKind.Solid))
            .Concat(people.SelectMany(LinesOf));
        var solidManagerOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<HierarchyEdge>();
        foreach (var edge in reportingLines.Distinct())
        {
            if (edge.ManagerId == edge.ReportId || !onChart.Contains(edge.ManagerId) || !onChart.Contains(edge.ReportId)) continue;
            if (edge.Kind == ReportingLineKind.Solid && !solidManagerOf.TryAdd(edge.ReportId, edge.ManagerId)) continue;
            edges.Add(edge);
        }
        return edges;
    }

    /// <summary>
    /// Influence (directed, with its strength) and rapport (one line per pair and kind, however it is stored);
    /// antipathy and rivalry between a pair in <paramref name="conflictsOnRoutes"/> are marked as blocking routes.
    /// </summary>
    public static IReadOnlyList<InformalEdge> Informal(IEnumerable<PowerMapLine> lines, IEnumerable<(string, string)> conflictsOnRoutes)
    {
        var blocked = conflictsOnRoutes.Select(c => Pair(c.Item1, c.Item2)).ToHashSet();
        var informal = new List<InformalEdge>();
        var rapportSeen = new HashSet<(string, string, InformalKind)>();
        foreach (var line in lines)
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
            if (!rapportSeen.Add((pair.Item1, pair.Item2, kind))) continue;
            informal.Add(new InformalEdge(pair.Item1, pair.Item2, kind,
                BlocksRoutes: kind != InformalKind.Sympathy && blocked.Contains(pair)));
        }
        return informal;
    }

    private static IEnumerable<HierarchyEdge> LinesOf(HierarchyPerson person)
    {
        if (person.ManagerId is { } manager) yield return new HierarchyEdge(manager, person.Id, ReportingLineKind.Solid);
        foreach (var dotted in person.DottedManagerIds) yield return new HierarchyEdge(dotted, person.Id, ReportingLineKind.Dotted);
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);
}
