using System.Globalization;
using RelIntel.Api.Charter;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

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
        AccountCoverageResponse? account = null, ReportPicture? picture = null, IReadOnlySet<string>? previousWithheld = null,
        ReportPeopleChanges? peopleChanges = null)
    {
        var rank = recommendations.Targets.Select((t, i) => (t.Person.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var targets = recommendations.Targets.ToDictionary(t => t.Person.Id);
        var members = powerMap.Members
            .OrderBy(m => rank.GetValueOrDefault(m.Person.Id, int.MaxValue))
            .ThenBy(m => m.Person.Name, StringComparer.Ordinal).ThenBy(m => m.Person.Id, StringComparer.Ordinal)
            .Select(m => new ReportMember(m.Person, m.Roles, m.Attitude, m.Influence, m.Coach, targets.GetValueOrDefault(m.Person.Id)?.Priority ?? 0,
                m.Coverage, m.BestPath is null ? null : ReportRoute.From(m.BestPath), m.FavorsCompetitorId)
            {
                PriorityFactors = targets.GetValueOrDefault(m.Person.Id)?.PriorityFactors,
            })
            .ToList();
        var gaps = recommendations.Gaps;
        var opportunity = powerMap.Opportunity;
        var changes = ReportChanges.None;
        if (previous is not null)
        {
            var diff = Diff(previous, powerMap.Status, members, gaps, coverageChangeThreshold, previousWithheld);
            changes = diff with
            {
                Stage = previous.Stage == opportunity.Stage ? null : new StageMove(previous.Stage, opportunity.Stage),
                Targets = TargetChanges(previous, opportunity.Stage, members),
                PlanEntries = PlanChanges(previous, opportunity.Stage, members, recommendations.Plan, diff),
            };
        }
        return new ReportResponse(origin.Id, opportunity.Id, opportunity.Name, opportunity.OrganizationId, opportunity.Stage,
            origin.GeneratedAt, origin.ScheduleId, origin.Slot, powerMap.Status, powerMap.StatusReason, members, gaps,
            recommendations.Plan, wentStale, changes, [], ReportResponse.Note, recommendations.Qualification,
            account is null ? null : ReportAccount.From(account), picture, peopleChanges);
    }

    /// <summary>
    /// What changed since <paramref name="previous"/>: coverage moved by more than the threshold, best routes compared by
    /// the people they pass through, gaps by code and person, and the status. Members whose coverage the previous report
    /// may no longer show (<paramref name="withheld"/>: it rested on a relationship made private since) are not compared:
    /// their coverage then is not there to say.
    /// </summary>
    public static ReportChanges Diff(ReportResponse previous, PowerMapStatus status, IReadOnlyList<ReportMember> members,
        IReadOnlyList<Gap> gaps, double threshold, IReadOnlySet<string>? withheld = null)
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
        foreach (var id in targets.Where(id => withheld?.Contains(id) != true))
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
    /// Members whose priority moved (beyond rounding), or who joined or left the buying center, each with why: the stage's
    /// role weights, their roles, attitude or influence.
    /// </summary>
    public static IReadOnlyList<TargetChange> TargetChanges(ReportResponse previous, OpportunityStage stage, IReadOnlyList<ReportMember> members)
    {
        var before = previous.Coverage.ToDictionary(m => m.Person.Id);
        var after = members.Select(m => m.Person.Id).ToHashSet();
        var changes = new List<TargetChange>();
        foreach (var now in members)
        {
            var person = new PersonRef(now.Person.Id, now.Person.Name);
            if (!before.TryGetValue(now.Person.Id, out var old))
            {
                changes.Add(new TargetChange(person, null, now.Priority,
                    $"{now.Person.Name} joined the buying center as {Words(now.Roles)} ({now.Attitude.Word()}, influence {now.Influence}): " +
                    $"priority {Number(now.Priority)}{Weighing(now.PriorityFactors)}."));
                continue;
            }
            var why = Why(previous.Stage, stage, old, now);
            var moved = Math.Abs(old.Priority - now.Priority) > 1e-9;
            if (!moved && why.All(w => w.StartsWith("the stage", StringComparison.Ordinal))) continue;
            if (why.Count == 0) why.Add("the weights in force changed");
            changes.Add(new TargetChange(person, old.Priority, now.Priority,
                $"{now.Person.Name}'s priority {Number(old.Priority)} → {Number(now.Priority)}: {string.Join("; ", why)}."));
        }
        foreach (var old in previous.Coverage.Where(m => !after.Contains(m.Person.Id)))
            changes.Add(new TargetChange(new PersonRef(old.Person.Id, old.Person.Name), old.Priority, null,
                $"{old.Person.Name} left the buying center (priority was {Number(old.Priority)})."));
        return changes;
    }

    /// <summary>What moved a member's priority; the stage alone counts only where it changed their role's weight.</summary>
    private static List<string> Why(OpportunityStage stageBefore, OpportunityStage stage, ReportMember old, ReportMember now)
    {
        var why = new List<string>();
        if (stageBefore != stage)
        {
            var (was, @is) = (old.PriorityFactors, now.PriorityFactors);
            if (was is null || @is is null) why.Add($"the stage moved {stageBefore.Word()} → {stage.Word()}");
            else if (was.WeightiestRole != @is.WeightiestRole || Math.Abs(was.RoleWeight - @is.RoleWeight) > 1e-9)
                why.Add($"the stage moved {stageBefore.Word()} → {stage.Word()}: " + (was.WeightiestRole == @is.WeightiestRole
                    ? $"{@is.WeightiestRole.Word()} weighs {Number(was.RoleWeight)} → {Number(@is.RoleWeight)}"
                    : $"{was.WeightiestRole.Word()} weighed {Number(was.RoleWeight)}, now {@is.WeightiestRole.Word()} weighs {Number(@is.RoleWeight)}"));
        }
        if (!old.Roles.Order().SequenceEqual(now.Roles.Order())) why.Add($"roles {Words(old.Roles)} → {Words(now.Roles)}");
        if (old.Attitude != now.Attitude) why.Add($"attitude {old.Attitude.Word()} → {now.Attitude.Word()}");
        if (old.Influence != now.Influence) why.Add($"influence {old.Influence} → {now.Influence}");
        return why;
    }

    /// <summary>
    /// The plan's entries compared by target: newly engaged, engaged by another of ours, or no longer engaged, each with
    /// why (the stage, the target's own change, their best route, or other targets taking the places under the load cap)
    /// and the new entry's own reason.
    /// </summary>
    public static IReadOnlyList<PlanChange> PlanChanges(ReportResponse previous, OpportunityStage stage, IReadOnlyList<ReportMember> members,
        IReadOnlyList<PlanEntry> plan, ReportChanges diff)
    {
        var before = previous.Plan.ToDictionary(p => p.TheirPerson.Id);
        var after = plan.ToDictionary(p => p.TheirPerson.Id);
        var targetChanges = TargetChanges(previous, stage, members).ToDictionary(t => t.Target.Id);
        var rerouted = diff.NewRoutes.Select(r => r.Target.Id).Concat(diff.LostRoutes.Select(r => r.Target.Id)).ToHashSet();
        var inCenter = members.ToDictionary(m => m.Person.Id);
        var wasInCenter = previous.Coverage.ToDictionary(m => m.Person.Id);
        string Why(string targetId)
        {
            var why = new List<string>();
            if (targetChanges.TryGetValue(targetId, out var change)) why.Add(change.Reason.TrimEnd('.'));
            else if (previous.Stage != stage) why.Add($"the stage moved {previous.Stage.Word()} → {stage.Word()}");
            if (rerouted.Contains(targetId) && inCenter.TryGetValue(targetId, out var now) && wasInCenter.TryGetValue(targetId, out var was))
                why.Add((was.BestRoute, now.BestRoute) switch
                {
                    (null, not null) => "we have a route to them now",
                    (not null, null) => "we have no route to them any more",
                    _ => "the best route to them changed",
                });
            if (why.Count == 0) why.Add("other members' changes moved the plan's choices under the load cap");
            return string.Join("; ", why);
        }

        var changes = new List<PlanChange>();
        foreach (var id in plan.Select(p => p.TheirPerson.Id).Concat(previous.Plan.Select(p => p.TheirPerson.Id).Where(id => !after.ContainsKey(id))))
        {
            var was = before.GetValueOrDefault(id);
            var now = after.GetValueOrDefault(id);
            if (was?.OurPerson.Id == now?.OurPerson.Id) continue;
            var target = (now ?? was)!.TheirPerson;
            var reason = (was, now) switch
            {
                (null, { } n) => $"{n.OurPerson.Name} now engages {target.Name} ({Why(id)}): {n.Reason}",
                ({ } w, null) => $"{w.OurPerson.Name} no longer engages {target.Name}: " +
                                 (!inCenter.TryGetValue(id, out var member) ? "they left the buying center"
                                     : member.BestRoute is null ? Why(id)
                                     : $"{Why(id)}; nobody of ours with a route has room") + ".",
                _ => $"{target.Name} moves from {was!.OurPerson.Name} to {now!.OurPerson.Name} ({Why(id)}): {now.Reason}",
            };
            changes.Add(new PlanChange(target, was?.OurPerson, now?.OurPerson, now?.Via ?? [], reason));
        }
        return changes;
    }

    private static string Weighing(PriorityFactors? factors) =>
        factors is null ? "" : $" ({factors.WeightiestRole.Word()} weighs {Number(factors.RoleWeight)} at {factors.Stage.Word()})";

    private static string Words(IEnumerable<BuyingRole> roles) => string.Join(", ", roles.Select(r => r.Word()));

    private static string Number(double value) => WarmPaths.Round(value).ToString("0.######", CultureInfo.InvariantCulture);

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
        foreach (var t in report.Changes.Targets) ids.Add(t.Target.Id);
        foreach (var p in report.Changes.PlanEntries)
        {
            ids.Add(p.Target.Id);
            if (p.Before is not null) ids.Add(p.Before.Id);
            if (p.After is not null) ids.Add(p.After.Id);
            ids.UnionWith(p.Via);
        }
        foreach (var r in report.Changes.NewRoutes.Concat(report.Changes.LostRoutes))
        {
            ids.Add(r.Target.Id);
            Route(r.Route);
        }
        foreach (var c in report.PeopleChanges?.Items ?? [])
        {
            ids.Add(c.Person.Id);
            if (c.NewManager is not null) ids.Add(c.NewManager.Id);
        }
        ids.UnionWith(ReportSections.MentionedIds(report));
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The relationships a report may show in detail: those it shows (<paramref name="shown"/>) and the lines of its
    /// picture, either way round. Stored are those of them its audience sees in detail at the report's moment; a later
    /// read withholds each it no longer sees so.
    /// </summary>
    public static IReadOnlyList<string> DetailCandidates(ReportResponse report, IReadOnlyList<string> shown) =>
        shown.Concat((report.Picture?.Lines ?? []).SelectMany(l => new[] { $"{l.FromId}|{l.ToId}", $"{l.ToId}|{l.FromId}" }))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

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
