using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// A stored report as today's charter lets it be read, decided on ids alone (the stored report keeps its sentences as
/// templates naming ids: <see cref="ReportNames"/>). Pure.
/// <list type="bullet">
/// <item>People it may no longer name (marked do-not-contact since, or erased): their coverage,
/// the routes and plan entries through them, the gaps and changes about them, the lines to them and the relationships
/// to them go; a sentence naming them is withheld.</item>
/// <item>Relationships it may no longer show in detail (made private or team by their owner since):
/// the routes crossing them go with the coverage they gave, and so do the plan entries and changes that rest on them,
/// what went stale on them, their lines in the picture, and the qualification's sentences about whom they reached.</item>
/// </list>
/// </summary>
public static class ReportRedaction
{
    public const string WithheldReason = "The reason for this status named a person this report may no longer show.";

    /// <summary>What a withheld sentence says instead.</summary>
    public const string Withheld = "(withheld: it named a person or a relationship this report may no longer show)";

    /// <summary>The report as it may be read, and the members whose coverage it no longer shows (a diff must not compare them).</summary>
    public sealed record Redacted(ReportResponse Report, IReadOnlySet<string> CoverageWithheld);

    public static Redacted Without(ReportResponse report, IReadOnlyCollection<string> hidden, IReadOnlyCollection<string> withheld)
    {
        if (hidden.Count == 0 && withheld.Count == 0) return new Redacted(report, new HashSet<string>());
        var people = hidden.ToHashSet(StringComparer.Ordinal);
        var keys = withheld.ToHashSet(StringComparer.Ordinal);
        bool Crosses(IEnumerable<string> chain) => chain.Zip(chain.Skip(1)).Any(pair => keys.Contains($"{pair.First}|{pair.Second}"));
        bool RouteGone(ReportRoute? route) => route is not null
            && (route.People.Any(p => people.Contains(p.Id)) || (!route.Introduction && (route.Relationship is { } k && keys.Contains(k)
                || Crosses(route.People.Select(p => p.Id)))));
        // Members whose best route rests on what may not be shown: their coverage is not shown either.
        var touched = report.Coverage.Where(m => RouteGone(m.BestRoute)).Select(m => m.Person.Id)
            .Concat(report.Changes.NewRoutes.Concat(report.Changes.LostRoutes).Where(r => RouteGone(r.Route)).Select(r => r.Target.Id))
            .ToHashSet(StringComparer.Ordinal);
        var unsayable = people.Concat(keys.Count == 0 ? [] : touched).ToHashSet(StringComparer.Ordinal);
        bool About(Gap gap) => gap.PersonId is { } id && people.Contains(id);
        string Text(string text) => ReportNames.Names(text, unsayable) ? Withheld : text;
        bool PlanGone(IEnumerable<string> chain) => chain.Any(people.Contains) || Crosses(chain);

        var changes = report.Changes;
        var redacted = report with
        {
            StatusReason = ReportNames.Names(report.StatusReason, people) ? WithheldReason : report.StatusReason,
            Coverage = report.Coverage
                .Where(m => !people.Contains(m.Person.Id))
                .Select(m => touched.Contains(m.Person.Id) ? m with { Coverage = 0, BestRoute = null } : m)
                .ToList(),
            Gaps = report.Gaps.Where(g => !About(g)).Select(g => g with { Message = Text(g.Message) }).ToList(),
            Plan = report.Plan
                .Where(p => !PlanGone([p.OurPerson.Id, .. p.Via, p.TheirPerson.Id]) && !ReportNames.Names(p.Reason, people))
                .ToList(),
            WentStale = report.WentStale
                .Where(s => !people.Contains(s.OurPerson.Id) && !people.Contains(s.TheirPerson.Id) && !keys.Contains($"{s.OurPerson.Id}|{s.TheirPerson.Id}"))
                .ToList(),
            Changes = changes with
            {
                CoverageGained = changes.CoverageGained.Where(c => !unsayable.Contains(c.Target.Id)).ToList(),
                CoverageLost = changes.CoverageLost.Where(c => !unsayable.Contains(c.Target.Id)).ToList(),
                NewRoutes = changes.NewRoutes.Where(r => !people.Contains(r.Target.Id) && !RouteGone(r.Route)).ToList(),
                LostRoutes = changes.LostRoutes.Where(r => !people.Contains(r.Target.Id) && !RouteGone(r.Route)).ToList(),
                GapsOpened = changes.GapsOpened.Where(g => !About(g)).Select(g => g with { Message = Text(g.Message) }).ToList(),
                GapsClosed = changes.GapsClosed.Where(g => !About(g)).Select(g => g with { Message = Text(g.Message) }).ToList(),
                Targets = changes.Targets.Where(t => !people.Contains(t.Target.Id) && !ReportNames.Names(t.Reason, people)).ToList(),
                PlanEntries = changes.PlanEntries
                    .Where(p => !people.Contains(p.Target.Id) && !unsayable.Contains(p.Target.Id)
                                && !PlanGone([.. p.After is null ? Array.Empty<string>() : [p.After.Id], .. p.Via, p.Target.Id])
                                && (p.Before is null || !people.Contains(p.Before.Id)) && !ReportNames.Names(p.Reason, people))
                    .ToList(),
            },
        };
        return new Redacted(Sections(redacted, people, keys, Text), keys.Count == 0 ? new HashSet<string>() : touched);
    }

    /// <summary>
    /// The qualification, account and picture sections without what may not be shown: the hidden people leave the
    /// picture with their lines, withheld relationships leave it as lines, and a qualification sentence naming someone
    /// who may not be named (or whose reach rests on a withheld relationship) is withheld. The account section holds
    /// counts; only who of ours holds a group's best reach may go.
    /// </summary>
    private static ReportResponse Sections(ReportResponse report, HashSet<string> people, HashSet<string> keys, Func<string, string> text)
    {
        bool LineGone(PowerMapLine l) => people.Contains(l.FromId) || people.Contains(l.ToId)
            || keys.Contains($"{l.FromId}|{l.ToId}") || keys.Contains($"{l.ToId}|{l.FromId}");
        ReportAccountGroup Group(ReportAccountGroup g) => g.BestHeldBy is { } held && people.Contains(held.Id) ? g with { BestHeldBy = null } : g;
        return report with
        {
            // A change about someone who may not be named goes; a new manager who may not be named is left unsaid.
            PeopleChanges = report.PeopleChanges is { } changes
                ? changes with
                {
                    Items = changes.Items.Where(c => !people.Contains(c.Person.Id))
                        .Select(c => c.NewManager is { } m && people.Contains(m.Id) ? c with { NewManager = null } : c).ToList(),
                }
                : null,
            Picture = report.Picture is { } picture
                ? picture with
                {
                    Lines = picture.Lines.Where(l => !LineGone(l)).ToList(),
                    Hierarchy = picture.Hierarchy.Where(p => !people.Contains(p.Id))
                        .Select(p => p with
                        {
                            ManagerId = p.ManagerId is { } manager && people.Contains(manager) ? null : p.ManagerId,
                            DottedManagerIds = p.DottedManagerIds.Where(d => !people.Contains(d)).ToList(),
                        })
                        .ToList(),
                }
                : null,
            Qualification = report.Qualification is { } q
                ? q.WithText(text)
                : null,
            // The account's score weighs the strengths of the relationships into it: with one withheld, it is not shown.
            Account = keys.Count > 0 ? null
                : report.Account is { } a
                ? a with { Departments = a.Departments.Select(Group).ToList(), Divisions = a.Divisions.Select(Group).ToList() }
                : null,
        };
    }

    /// <summary>The relationships a report shows (<c>ourPersonId|theirPersonId</c>), less those it may no longer show.</summary>
    public static IReadOnlyList<string> ShownWithout(IReadOnlyList<string> shown, IReadOnlyCollection<string> hiddenIds,
        IReadOnlyCollection<string> withheld) =>
        hiddenIds.Count == 0 && withheld.Count == 0 ? shown
            : shown.Where(key => !withheld.Contains(key) && !key.Split('|').Any(hiddenIds.Contains)).ToList();
}
