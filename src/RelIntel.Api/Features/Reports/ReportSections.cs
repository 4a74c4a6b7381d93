using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// A report's sections beyond the deal's own coverage: the qualification, the account section (the account's
/// coverage, in counts) and what the inline power map picture needs: whom they name (for erasure and the
/// do-not-contact redaction) and the picture they draw.
/// Pure.
/// </summary>
public static class ReportSections
{
    /// <summary>
    /// Every person id the sections name: the picture's people, and who of ours holds an account group's best reach.
    /// </summary>
    public static IEnumerable<string> MentionedIds(ReportResponse report)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (report.Picture is { } picture)
        {
            foreach (var line in picture.Lines)
            {
                ids.Add(line.FromId);
                ids.Add(line.ToId);
            }
            foreach (var person in picture.Hierarchy)
            {
                ids.Add(person.Id);
                if (person.ManagerId is { } manager) ids.Add(manager);
                ids.UnionWith(person.DottedManagerIds);
            }
        }
        if (report.Account is { } account)
            foreach (var group in account.Departments.Concat(account.Divisions))
                if (group.BestHeldBy is { } held) ids.Add(held.Id);
        // The qualification names buying-center members only, whom the report's coverage already mentions.
        return ids;
    }

    /// <summary>
    /// The report's power map as a picture, as of the report: its members with their coverage and best route, the
    /// lines among them and the managers who connect them. Null for a report stored before reports kept the picture.
    /// </summary>
    public static Chart? PowerMap(ReportResponse report)
    {
        if (report.Picture is not { } picture) return null;
        var staleIds = PowerMapChart.StaleIds(report.Gaps);
        var members = report.Coverage.Select(m => new PictureMember(
            new PowerMapMember(m.Person, m.Roles, m.Attitude, m.Influence, m.Coach, m.FavorsCompetitorId, m.Coverage, BestPath: null),
            m.BestRoute?.People.FirstOrDefault()?.Name, m.BestRoute?.Introduction == true, staleIds.Contains(m.Person.Id))).ToList();
        var heading = new PictureHeading(report.OpportunityName, picture.AccountName, report.GeneratedAt, report.Status, report.StatusReason,
            report.Gaps.Select(g => g.Message).ToList());
        return PowerMapChart.Build(heading, members, picture.Lines, ConflictsOnRoutes(report, picture), picture.Hierarchy);
    }

    /// <summary>
    /// The antipathy and rivalry pairs among the members that touch the customer side of a best route: the routes go
    /// around them (as the warm paths' risks say).
    /// </summary>
    private static IEnumerable<(string, string)> ConflictsOnRoutes(ReportResponse report, ReportPicture picture)
    {
        var theirSide = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in report.Coverage.Select(m => m.BestRoute).OfType<ReportRoute>())
        {
            var their = route.Relationship?.Split('|') is [_, var id] ? id : null;
            var start = route.People.ToList().FindIndex(p => p.Id == their);
            if (start >= 0) theirSide.UnionWith(route.People.Skip(start).Select(p => p.Id));
        }
        return picture.Lines
            .Where(l => l.Type == "rapport" && l.Sentiment is "antipathy" or "rivalry" && (theirSide.Contains(l.FromId) || theirSide.Contains(l.ToId)))
            .Select(l => (l.FromId, l.ToId));
    }
}
