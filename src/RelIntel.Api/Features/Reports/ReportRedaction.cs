using RelIntel.Api.Domain.Pursuit;


namespace RelIntel.Api.Features.Reports;

/// <summary>
/// A stored report as the charter lets it be read now: without the people it may no longer name (marked do-not-contact
/// after it was made; <c>reports.hidden</c> decides who). Their coverage, the routes and plan entries through them, the
/// gaps and changes about them and the relationships to them go; a status reason naming them is withheld. Pure.
/// </summary>
public static class ReportRedaction
{
    public const string WithheldReason = "The reason for this status named a person this report may no longer show.";

    public static ReportResponse Without(ReportResponse report, IReadOnlyCollection<string> hiddenIds)
    {
        if (hiddenIds.Count == 0) return report;
        var hidden = hiddenIds.ToHashSet(StringComparer.Ordinal);
        bool Names(ReportRoute? route) => route is not null && route.People.Any(p => hidden.Contains(p.Id));
        bool About(Gap gap) => gap.PersonId is { } id && hidden.Contains(id);

        var hiddenNames = report.Coverage.Where(m => hidden.Contains(m.Person.Id)).Select(m => m.Person.Name)
            .Concat(report.Coverage.SelectMany(m => m.BestRoute?.People ?? []).Where(p => hidden.Contains(p.Id)).Select(p => p.Name))
            .Where(n => n.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        var changes = report.Changes;
        var redacted = report with
        {
            StatusReason = hiddenNames.Any(n => report.StatusReason.Contains(n, StringComparison.Ordinal)) ? WithheldReason : report.StatusReason,
            Coverage = report.Coverage
                .Where(m => !hidden.Contains(m.Person.Id))
                .Select(m => Names(m.BestRoute) ? m with { Coverage = 0, BestRoute = null } : m)
                .ToList(),
            Gaps = report.Gaps.Where(g => !About(g)).ToList(),
            Plan = report.Plan
                .Where(p => !hidden.Contains(p.OurPerson.Id) && !hidden.Contains(p.TheirPerson.Id) && !p.Via.Any(hidden.Contains))
                .ToList(),
            WentStale = report.WentStale.Where(s => !hidden.Contains(s.OurPerson.Id) && !hidden.Contains(s.TheirPerson.Id)).ToList(),
            Changes = changes with
            {
                CoverageGained = changes.CoverageGained.Where(c => !hidden.Contains(c.Target.Id)).ToList(),
                CoverageLost = changes.CoverageLost.Where(c => !hidden.Contains(c.Target.Id)).ToList(),
                NewRoutes = changes.NewRoutes.Where(r => !hidden.Contains(r.Target.Id) && !Names(r.Route)).ToList(),
                LostRoutes = changes.LostRoutes.Where(r => !hidden.Contains(r.Target.Id) && !Names(r.Route)).ToList(),
                GapsOpened = changes.GapsOpened.Where(g => !About(g)).ToList(),
                GapsClosed = changes.GapsClosed.Where(g => !About(g)).ToList(),
                Targets = changes.Targets.Where(t => !hidden.Contains(t.Target.Id)).ToList(),
                PlanEntries = changes.PlanEntries
                    .Where(p => !hidden.Contains(p.Target.Id) && !p.Via.Any(hidden.Contains)
                                && (p.Before is null || !hidden.Contains(p.Before.Id)) && (p.After is null || !hidden.Contains(p.After.Id)))
                    .ToList(),
            },
        };
        return ReportSections.Without(redacted, hidden, hiddenNames);
    }

    /// <summary>The relationships a report shows (<c>ourPersonId|theirPersonId</c>), less those of people it may no longer name.</summary>
    public static IReadOnlyList<string> ShownWithout(IReadOnlyList<string> shown, IReadOnlyCollection<string> hiddenIds) =>
        hiddenIds.Count == 0 ? shown : shown.Where(key => !key.Split('|').Any(hiddenIds.Contains)).ToList();
}
