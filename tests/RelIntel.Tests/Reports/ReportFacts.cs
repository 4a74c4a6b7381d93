using System.Globalization;
using System.Text.RegularExpressions;
using RelIntel.Api.Features.Reports;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Reports;

/// <summary>The facts a report states, as text every rendering must contain: names, words and scores to two decimals.</summary>
public static partial class ReportFacts
{
    private static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static IEnumerable<string> Of(ReportResponse r)
    {
        yield return r.Id;
        yield return r.OpportunityName;
        yield return r.Status.Word();
        foreach (var m in r.Coverage)
        {
            yield return m.Person.Name;
            yield return m.Attitude.Word();
            yield return Score(m.Coverage);
            foreach (var role in m.Roles) yield return role.Word();
            if (m.BestRoute is { } route) yield return string.Join(" → ", route.People.Select(p => p.Name));
        }
        foreach (var g in r.Gaps)
        {
            yield return g.Code.Word();
            yield return g.Message;
        }
        foreach (var p in r.Plan)
        {
            yield return p.OurPerson.Name;
            yield return p.TheirPerson.Name;
            yield return Score(p.Score);
            yield return p.Reason;
        }
        foreach (var s in r.WentStale)
        {
            yield return $"{s.OurPerson.Name} → {s.TheirPerson.Name}";
        }
        var c = r.Changes;
        if (c.PreviousReportId is not null) yield return c.PreviousReportId;
        if (c.Status is { } st) yield return $"{st.Before.Word()} → {st.After.Word()}";
        if (c.Stage is { } sm) yield return $"stage: {sm.Before.Word()} → {sm.After.Word()}";
        foreach (var t in c.Targets) yield return t.Reason;
        foreach (var p in c.PlanEntries) yield return p.Reason;
        foreach (var g in c.CoverageGained.Concat(c.CoverageLost))
            yield return $"{g.Target.Name} {(g.Before is { } b ? Score(b) : "—")} → {(g.After is { } a ? Score(a) : "—")}";
        foreach (var route in c.NewRoutes.Concat(c.LostRoutes))
            yield return $"{route.Target.Name} via {string.Join(" → ", route.Route.People.Select(p => p.Name))}";
        foreach (var g in c.GapsOpened.Concat(c.GapsClosed)) yield return g.Code.Word();
        foreach (var d in r.Deliveries)
        {
            yield return d.Outcome.Word();
            if (d.StatusCode is { } code) yield return code.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var fact in SectionFacts(r)) yield return fact;
    }

    /// <summary>The qualification's verdict, reasons and checks, and the account section's groups and score.</summary>
    private static IEnumerable<string> SectionFacts(ReportResponse r)
    {
        if (r.Qualification is { } q)
        {
            yield return q.Readiness.Word();
            yield return Score(q.Score);
            foreach (var reason in q.Reasons) yield return reason;
            foreach (var check in new[] { q.Budget, q.Authority, q.Need, q.Timing }.SelectMany(e => e.Evidence)) yield return check.Detail;
        }
        if (r.Account is { } a)
        {
            yield return a.OrganizationName;
            yield return Score(a.Score.Value);
            yield return a.Score.Explanation;
            foreach (var g in a.Departments.Concat(a.Divisions))
            {
                yield return g.Name;
                if (g.BestHeldBy is { } holder) yield return holder.Name;
            }
        }
    }

    [GeneratedRegex(@"\\([\\`*_{}\[\]<>()#+!|&~])")]
    private static partial Regex MarkdownEscape();

    public static string UnescapeMarkdown(string markdown) => MarkdownEscape().Replace(markdown, "$1");
}
