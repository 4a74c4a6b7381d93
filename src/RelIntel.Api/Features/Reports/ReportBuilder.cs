using RelIntel.Api.Features.Accounts;
using RelIntel.Api.Features.Insights;
using RelIntel.Api.Charter;

namespace RelIntel.Api.Features.Reports;

/// <summary>Puts a report together from the answers and diffs it against the previous one. Pure: no graph, no clock.</summary>
public static class ReportBuilder
{
    /// <summary>Where a report comes from: generated on request, or for one slot of a schedule.</summary>
    public sealed record Origin(string Id, DateTimeOffset GeneratedAt, string? ScheduleId = null, DateTimeOffset? Slot = null);

    /// <remarks>
    /// <paramref name="account"/> (the account's coverage, as the report's audience sees it) and <paramref name="picture"/>
    /// (what the power map picture needs) become the report's account section and inline picture.
    /// </remarks>
    public static ReportResponse Build(Origin origin, RecommendationsResponse recommendations, PowerMapResponse powerMap,
        IReadOnlyList<StaleRelationship> wentStale, ReportResponse? previous, double coverageChangeThreshold,
        AccountCoverageResponse? account = null, ReportPicture? picture = null)
    {
        var rank = recommendations.Targets.Select((t, i) => (t.Person.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var priority = recommendations.Targets.ToDictionary(t => t.Person.Id, t => t.Priority);
        var members = powerMap.Members
            .OrderBy(m => rank.GetValueOrDefault(m.Person.Id, int.MaxValue))
            .ThenBy(m => m.Person.Name, StringComparer.Ordinal).ThenBy(m => m.Person.Id, StringComparer.Ordinal)
            .Select(m => new ReportMember(m.Person, m.Roles, m.Attitude, m.Influence, m.Coach, priority.GetValueOrDefault(m.Person.Id),
                m.Coverage, m.BestPath is null ? null : ReportRoute.From(m.BestPath), m.FavorsCompetitorId))
            .ToList();
        var gaps = recommendations.Gaps;
        var changes = previous is null
            ? ReportChanges.None
            : Diff(previous, powerMap.Status, members, gaps, coverageChangeThreshold);
        var opportunity = powerMap.Opportunity;
        return new ReportResponse(origin.Id, opportunity.Id, opportunity.Name, opportunity.OrganizationId, opportunity.Stage,
            origin.GeneratedAt, origin.ScheduleId, origin.Slot, powerMap.Status, powerMap.StatusReason, members, gaps,
            recommendations.Plan, wentStale, changes, [], ReportResponse.Note, recommendations.Qualification,
            account is null ? null : ReportAccount.From(account), picture);
    }

    /// <summary>
    /// What changed since <paramref name="previous"/>: coverage moved by more than the threshold, best routes compared by
    /// the people they pass through, gaps by code and person, and the status.
    /// </summary>
    public static ReportChanges Diff(ReportResponse previous, PowerMapStatus status, IReadOnlyList<ReportMember> members,
        IReadOnlyList<Gap> gaps, double threshold)
    {
        var before = previous.Coverage.ToDictionary(m => m.Person.Id);
        var after = members.ToDictionary(m => m.Person.Id);
        var targets = members.Select(m => m.Person.Id)
            .Concat(previous.Coverage.Select(m => m.Person.Id).Where(id => !after.ContainsKey(id)))
            .ToList();

        var gained = new List<CoverageChange>();
        var lost = new List<CoverageChange>();
        var newRoutes = new List<RouteChange>();
        var lostRoutes = new List<RouteChange>();
        foreach (var id in targets)
        {
            var old = before.GetValueOrDefault(id);
            var now = after.GetValueOrDefault(id);
            var person = new PersonRef(id, (now ?? old)!.Person.Name);
            var delta = (now?.Coverage ?? 0) - (old?.Coverage ?? 0);
            if (delta > threshold) gained.Add(new CoverageChange(person, old?.Coverage, now?.Coverage));
            else if (-delta > threshold) lost.Add(new CoverageChange(person, old?.Coverage, now?.Coverage));

            var oldRoute = old?.BestRoute;
            var newRoute = now?.BestRoute;
            if (newRoute is not null && newRoute.Key != oldRoute?.Key) newRoutes.Add(new RouteChange(person, newRoute));
            if (oldRoute is not null && oldRoute.Key != newRoute?.Key) lostRoutes.Add(new RouteChange(person, oldRoute));
        }

        static (GapCode, string?) Key(Gap g) => (g.Code, g.PersonId);
        var oldGaps = previous.Gaps.Select(Key).ToHashSet();
        var newGaps = gaps.Select(Key).ToHashSet();
        return new ReportChanges(
            previous.Id,
            previous.GeneratedAt,
            previous.Status == status ? null : new StatusChange(previous.Status, status),
            gained,
            lost,
            newRoutes,
            lostRoutes,
            gaps.Where(g => !oldGaps.Contains(Key(g))).ToList(),
            previous.Gaps.Where(g => !newGaps.Contains(Key(g))).ToList());
    }

    /// <summary>
    /// Every id a report mentions (people, their routes, the plan, the changes): stored beside the payload so erasing a
    /// person finds every report that names them.
    /// </summary>
    public static IReadOnlyList<string> MentionedIds(ReportResponse report)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Route(ReportRoute? route)
        {
            if (route is null) return;
            foreach (var p in route.People) ids.Add(p.Id);
        }
        foreach (var m in report.Coverage)
        {
            ids.Add(m.Person.Id);
            Route(m.BestRoute);
        }
        foreach (var g in report.Gaps.Concat(report.Changes.GapsOpened).Concat(report.Changes.GapsClosed))
            if (g.PersonId is not null) ids.Add(g.PersonId);
        foreach (var p in report.Plan)
        {
            ids.Add(p.OurPerson.Id);
            ids.Add(p.TheirPerson.Id);
            ids.UnionWith(p.Via);
        }
        foreach (var s in report.WentStale)
        {
            ids.Add(s.OurPerson.Id);
            ids.Add(s.TheirPerson.Id);
        }
        foreach (var c in report.Changes.CoverageGained.Concat(report.Changes.CoverageLost)) ids.Add(c.Target.Id);
        foreach (var r in report.Changes.NewRoutes.Concat(report.Changes.LostRoutes))
        {
            ids.Add(r.Target.Id);
            Route(r.Route);
        }
        ids.UnionWith(ReportSections.MentionedIds(report));
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The relationships a report shows, in detail or as introductions (<c>ourPersonId|theirPersonId</c>): those its
    /// routes cross, its plan's routes (<paramref name="planRoutes"/>, which the entries do not spell out) and those that
    /// went stale. Stored beside the payload, so every read of the report is audited with them.
    /// </summary>
    public static IReadOnlyList<string> ShownRelationships(ReportResponse report, IEnumerable<RelationshipKey> planRoutes)
    {
        var routes = report.Coverage.Select(m => m.BestRoute)
            .Concat(report.Changes.NewRoutes.Select(r => r.Route))
            .Concat(report.Changes.LostRoutes.Select(r => r.Route))
            .Select(r => r?.Relationship)
            .OfType<string>();
        return routes
            .Concat(planRoutes.Select(k => k.ToString()))
            .Concat(report.WentStale.Select(s => new RelationshipKey(s.OurPerson.Id, s.TheirPerson.Id).ToString()))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
