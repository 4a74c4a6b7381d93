using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using RelIntel.Api.Charter;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Reports as Markdown and as a standalone HTML page: the same facts as the JSON, in the same words and with scores to
/// two decimals. Every value that came from a caller (names, titles, messages, ids) is escaped.
/// </summary>
public static class ReportRendering
{
    public static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Score(double? value) => value is { } v ? Score(v) : "—";

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Word<T>(T value) where T : struct, Enum => value.Word();

    public static string Roles(IEnumerable<BuyingRole> roles) => string.Join(", ", roles.Select(Word));

    public static string RouteText(ReportRoute route) => string.Join(" → ", route.People.Select(p => p.Name));

    // ---------- Markdown ----------

    /// <summary>Backslash-escapes what Markdown would read as markup, and keeps a value on one line.</summary>
    public static string Md(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var b = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') b.Append(' ');
            else if ("\\`*_[]<>|&~".Contains(c)) b.Append('\\').Append(c);
            else b.Append(c);
        }
        return b.ToString();
    }

    public static string Markdown(IReadOnlyList<ReportResponse> reports) =>
        string.Join("\n---\n\n", reports.Select(Markdown));

    public static string Markdown(ReportResponse r)
    {
        var b = new StringBuilder();
        b.Append("# Influence-path report: ").Append(Md(r.OpportunityName)).Append("\n\n");
        b.Append("- report: `").Append(Md(r.Id)).Append("`\n");
        b.Append("- opportunity: `").Append(Md(r.OpportunityId)).Append("` at `").Append(Md(r.OrganizationId)).Append("`, stage ")
            .Append(Word(r.Stage)).Append('\n');
        b.Append("- generated: ").Append(Time(r.GeneratedAt)).Append('\n');
        if (r.ScheduleId is not null)
            b.Append("- schedule: `").Append(Md(r.ScheduleId)).Append("`, slot ").Append(r.Slot is { } s ? Time(s) : "—").Append('\n');
        b.Append("\n## Status: ").Append(Word(r.Status)).Append("\n\n").Append(Md(r.StatusReason)).Append("\n\n");
        ReportSectionsRendering.QualificationMarkdown(b, r);

        b.Append("## Power map\n\n");
        ReportSectionsRendering.PictureLinkMarkdown(b, r);
        if (r.Coverage.Count == 0) b.Append("No one is in the buying center yet.\n\n");
        else
        {
            b.Append("| person | title | roles | attitude | influence | coach | priority | coverage | best route |\n");
            b.Append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            foreach (var m in r.Coverage)
            {
                b.Append("| ").Append(Md(m.Person.Name)).Append(" (`").Append(Md(m.Person.Id)).Append("`) | ").Append(Md(m.Person.Title))
                    .Append(" | ").Append(Roles(m.Roles)).Append(" | ").Append(Word(m.Attitude)).Append(" | ")
                    .Append(m.Influence.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(m.Coach ? "coach" : "")
                    .Append(" | ").Append(Score(m.Priority)).Append(" | ").Append(Score(m.Coverage)).Append(" | ")
                    .Append(m.BestRoute is null ? "no route" : Md(RouteText(m.BestRoute))).Append(" |\n");
            }
            b.Append('\n');
        }

        b.Append("## Routes\n\n");
        var routed = r.Coverage.Where(m => m.BestRoute is not null).ToList();
        if (routed.Count == 0) b.Append("No warm path reaches the buying center.\n");
        foreach (var m in routed)
            b.Append("- ").Append(Md(m.Person.Name)).Append(": ").Append(Md(RouteText(m.BestRoute!))).Append(" (")
                .Append(Score(m.BestRoute!.Score)).Append("). ").Append(Md(m.BestRoute.Explanation)).Append('\n');
        b.Append('\n');

        var c = r.Changes;
        b.Append("## Changes since the previous report\n\n");
        if (c.PreviousReportId is null) b.Append("This is the first report for this opportunity.\n");
        else
        {
            b.Append("Previous report: `").Append(Md(c.PreviousReportId)).Append("` of ").Append(Time(c.PreviousGeneratedAt!.Value)).Append(".\n\n");
            var any = false;
            if (c.Status is { } st)
            {
                b.Append("- status: ").Append(Word(st.Before)).Append(" → ").Append(Word(st.After)).Append('\n');
                any = true;
            }
            if (c.Stage is { } sm)
            {
                b.Append("- stage: ").Append(Word(sm.Before)).Append(" → ").Append(Word(sm.After)).Append('\n');
                any = true;
            }
            foreach (var t in c.Targets) { b.Append("- priority: ").Append(Md(t.Reason)).Append('\n'); any = true; }
            foreach (var p in c.PlanEntries) { b.Append("- plan: ").Append(Md(p.Reason)).Append('\n'); any = true; }
            foreach (var g in c.CoverageGained) { b.Append("- coverage gained: ").Append(CoverageMd(g)).Append('\n'); any = true; }
            foreach (var l in c.CoverageLost) { b.Append("- coverage lost: ").Append(CoverageMd(l)).Append('\n'); any = true; }
            foreach (var n in c.NewRoutes) { b.Append("- new route: ").Append(RouteMd(n)).Append('\n'); any = true; }
            foreach (var l in c.LostRoutes) { b.Append("- lost route: ").Append(RouteMd(l)).Append('\n'); any = true; }
            foreach (var g in c.GapsOpened) { b.Append("- gap opened: ").Append(GapMd(g)).Append('\n'); any = true; }
            foreach (var g in c.GapsClosed) { b.Append("- gap closed: ").Append(GapMd(g)).Append('\n'); any = true; }
            if (!any) b.Append("Nothing changed.\n");
        }
        b.Append('\n');

        b.Append("## Gaps\n\n");
        if (r.Gaps.Count == 0) b.Append("None.\n");
        foreach (var g in r.Gaps) b.Append("- ").Append(GapMd(g)).Append('\n');
        b.Append('\n');

        b.Append("## Engagement plan\n\n");
        if (r.Plan.Count == 0) b.Append("No one of ours has a route to a target yet.\n\n");
        else
        {
            b.Append("| ours | theirs | score | via | why |\n| --- | --- | --- | --- | --- |\n");
            foreach (var p in r.Plan)
                b.Append("| ").Append(Md(p.OurPerson.Name)).Append(" | ").Append(Md(p.TheirPerson.Name)).Append(" | ").Append(Score(p.Score))
                    .Append(" | ").Append(Md(string.Join(", ", p.Via))).Append(" | ").Append(Md(p.Reason)).Append(" |\n");
            b.Append('\n');
        }

        b.Append("## Relationships gone stale\n\n");
        if (r.WentStale.Count == 0) b.Append("None.\n");
        foreach (var s in r.WentStale)
            b.Append("- ").Append(Md(s.OurPerson.Name)).Append(" → ").Append(Md(s.TheirPerson.Name)).Append(": stale since ")
                .Append(Time(s.StaleSince)).Append(", last interaction ").Append(s.LastInteractionAt is { } at ? Time(at) : "none").Append('\n');
        b.Append('\n');
        ReportSectionsRendering.AccountMarkdown(b, r);

        if (r.Deliveries.Count > 0)
        {
            b.Append("## Webhook deliveries\n\n| attempt | at | status | error | outcome |\n| --- | --- | --- | --- | --- |\n");
            foreach (var d in r.Deliveries)
                b.Append("| ").Append(d.Attempt.ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(Time(d.At)).Append(" | ")
                    .Append(d.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "").Append(" | ").Append(Md(d.Error)).Append(" | ")
                    .Append(Word(d.Outcome)).Append(" |\n");
            b.Append('\n');
        }
        b.Append('_').Append(Md(r.ScoreNote)).Append("_\n");
        return b.ToString();
    }

    private static string CoverageMd(CoverageChange c) => $"{Md(c.Target.Name)} {Score(c.Before)} → {Score(c.After)}";

    private static string RouteMd(RouteChange c) => $"{Md(c.Target.Name)} via {Md(RouteText(c.Route))} ({Score(c.Route.Score)})";

    private static string GapMd(Gap g) => $"`{Word(g.Code)}`{(g.PersonId is null ? "" : $" (`{Md(g.PersonId)}`)")}: {Md(g.Message)}";

    // ---------- HTML ----------

    private static string H(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f2933;line-height:1.45}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d9e2ec;padding-bottom:.2rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d9e2ec;padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:#f0f4f8}.meta{color:#52606d}.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.9em}
        .status{display:inline-block;padding:.15rem .7rem;border-radius:1rem;color:#fff;font-weight:600}
        .status-red{background:#c62828}.status-amber{background:#e08e0b}.status-green{background:#2e7d32}
        tr.attitude-champion td{background:#d7f2dc}tr.attitude-supporter td{background:#ebf8ed}tr.attitude-neutral td{background:#f5f7fa}
        tr.attitude-skeptic td{background:#fff1dc}tr.attitude-opponent td{background:#fde2e2}
        .gained{color:#2e7d32}.lost{color:#c62828}.note{color:#52606d;font-size:.9em;margin-top:2rem}
        """ + ReportSectionsRendering.PictureStyle + "\n";

    public static string Html(IReadOnlyList<ReportResponse> reports, string title)
    {
        var b = new StringBuilder();
        Page(b, title, () =>
        {
            if (reports.Count == 0) b.Append("<p>No reports.</p>\n");
            foreach (var r in reports) Article(b, r, 2);
        });
        return b.ToString();
    }

    public static string Html(ReportResponse r)
    {
        var b = new StringBuilder();
        Page(b, $"Influence-path report: {r.OpportunityName}", () => Article(b, r, 1));
        return b.ToString();
    }

    private static void Page(StringBuilder b, string title, Action body)
    {
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        body();
        b.Append("</body>\n</html>\n");
    }

    private static void Article(StringBuilder b, ReportResponse r, int level)
    {
        string Hn(int offset) => $"h{Math.Min(level + offset, 6)}";
        b.Append("<article id=\"").Append(H(r.Id)).Append("\">\n");
        b.Append('<').Append(Hn(0)).Append(">Influence-path report: ").Append(H(r.OpportunityName)).Append("</").Append(Hn(0)).Append(">\n");
        b.Append("<p class=\"meta\">Report <code>").Append(H(r.Id)).Append("</code> · opportunity <code>").Append(H(r.OpportunityId))
            .Append("</code> at <code>").Append(H(r.OrganizationId)).Append("</code>, stage ").Append(Word(r.Stage))
            .Append(" · generated ").Append(Time(r.GeneratedAt));
        if (r.ScheduleId is not null)
            b.Append(" · schedule <code>").Append(H(r.ScheduleId)).Append("</code>, slot ").Append(r.Slot is { } s ? Time(s) : "—");
        b.Append("</p>\n");
        b.Append("<p>Status: <span class=\"status status-").Append(Word(r.Status)).Append("\">").Append(Word(r.Status))
            .Append("</span> ").Append(H(r.StatusReason)).Append("</p>\n");
        ReportSectionsRendering.QualificationHtml(b, r, Hn(1));

        b.Append('<').Append(Hn(1)).Append(">Power map</").Append(Hn(1)).Append(">\n");
        ReportSectionsRendering.PictureHtml(b, r);
        if (r.Coverage.Count == 0) b.Append("<p>No one is in the buying center yet.</p>\n");
        else
        {
            b.Append("<table class=\"power-map\">\n<thead><tr><th>person</th><th>title</th><th>roles</th><th>attitude</th><th>influence</th>")
                .Append("<th>coach</th><th>priority</th><th>coverage</th><th>best route</th></tr></thead>\n<tbody>\n");
            foreach (var m in r.Coverage)
                b.Append("<tr class=\"attitude-").Append(Word(m.Attitude)).Append("\"><td>").Append(H(m.Person.Name)).Append(" <code>")
                    .Append(H(m.Person.Id)).Append("</code></td><td>").Append(H(m.Person.Title)).Append("</td><td>").Append(Roles(m.Roles))
                    .Append("</td><td>").Append(Word(m.Attitude)).Append("</td><td class=\"num\">")
                    .Append(m.Influence.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(m.Coach ? "coach" : "")
                    .Append("</td><td class=\"num\">").Append(Score(m.Priority)).Append("</td><td class=\"num\">").Append(Score(m.Coverage))
                    .Append("</td><td>").Append(m.BestRoute is null ? "no route" : H(RouteText(m.BestRoute))).Append("</td></tr>\n");
            b.Append("</tbody>\n</table>\n");
        }

        b.Append('<').Append(Hn(1)).Append(">Routes</").Append(Hn(1)).Append(">\n");
        var routed = r.Coverage.Where(m => m.BestRoute is not null).ToList();
        if (routed.Count == 0) b.Append("<p>No warm path reaches the buying center.</p>\n");
        else
        {
            b.Append("<ul class=\"routes\">\n");
            foreach (var m in routed)
                b.Append("<li><strong>").Append(H(m.Person.Name)).Append("</strong>: ").Append(H(RouteText(m.BestRoute!))).Append(" (")
                    .Append(Score(m.BestRoute!.Score)).Append("). ").Append(H(m.BestRoute.Explanation)).Append("</li>\n");
            b.Append("</ul>\n");
        }

        var c = r.Changes;
        b.Append('<').Append(Hn(1)).Append(">Changes since the previous report</").Append(Hn(1)).Append(">\n");
        if (c.PreviousReportId is null) b.Append("<p>This is the first report for this opportunity.</p>\n");
        else
        {
            b.Append("<p>Previous report: <code>").Append(H(c.PreviousReportId)).Append("</code> of ").Append(Time(c.PreviousGeneratedAt!.Value))
                .Append(".</p>\n<ul class=\"changes\">\n");
            var any = false;
            void Item(string cls, string html)
            {
                b.Append("<li class=\"").Append(cls).Append("\">").Append(html).Append("</li>\n");
                any = true;
            }
            if (c.Status is { } st) Item("status", $"status: {Word(st.Before)} → {Word(st.After)}");
            if (c.Stage is { } sm) Item("status", $"stage: {Word(sm.Before)} → {Word(sm.After)}");
            foreach (var t in c.Targets) Item("priority", $"priority: {H(t.Reason)}");
            foreach (var p in c.PlanEntries) Item("plan", $"plan: {H(p.Reason)}");
            foreach (var g in c.CoverageGained) Item("gained", $"coverage gained: {CoverageHtml(g)}");
            foreach (var l in c.CoverageLost) Item("lost", $"coverage lost: {CoverageHtml(l)}");
            foreach (var n in c.NewRoutes) Item("gained", $"new route: {RouteHtml(n)}");
            foreach (var l in c.LostRoutes) Item("lost", $"lost route: {RouteHtml(l)}");
            foreach (var g in c.GapsOpened) Item("lost", $"gap opened: {GapHtml(g)}");
            foreach (var g in c.GapsClosed) Item("gained", $"gap closed: {GapHtml(g)}");
            if (!any) Item("none", "Nothing changed.");
            b.Append("</ul>\n");
        }

        b.Append('<').Append(Hn(1)).Append(">Gaps</").Append(Hn(1)).Append(">\n");
        if (r.Gaps.Count == 0) b.Append("<p>None.</p>\n");
        else
        {
            b.Append("<ul class=\"gaps\">\n");
            foreach (var g in r.Gaps) b.Append("<li>").Append(GapHtml(g)).Append("</li>\n");
            b.Append("</ul>\n");
        }

        b.Append('<').Append(Hn(1)).Append(">Engagement plan</").Append(Hn(1)).Append(">\n");
        if (r.Plan.Count == 0) b.Append("<p>No one of ours has a route to a target yet.</p>\n");
        else
        {
            b.Append("<table class=\"plan\">\n<thead><tr><th>ours</th><th>theirs</th><th>score</th><th>via</th><th>why</th></tr></thead>\n<tbody>\n");
            foreach (var p in r.Plan)
                b.Append("<tr><td>").Append(H(p.OurPerson.Name)).Append("</td><td>").Append(H(p.TheirPerson.Name)).Append("</td><td class=\"num\">")
                    .Append(Score(p.Score)).Append("</td><td>").Append(H(string.Join(", ", p.Via))).Append("</td><td>").Append(H(p.Reason))
                    .Append("</td></tr>\n");
            b.Append("</tbody>\n</table>\n");
        }

        b.Append('<').Append(Hn(1)).Append(">Relationships gone stale</").Append(Hn(1)).Append(">\n");
        if (r.WentStale.Count == 0) b.Append("<p>None.</p>\n");
        else
        {
            b.Append("<ul class=\"stale\">\n");
            foreach (var s in r.WentStale)
                b.Append("<li>").Append(H(s.OurPerson.Name)).Append(" → ").Append(H(s.TheirPerson.Name)).Append(": stale since ")
                    .Append(Time(s.StaleSince)).Append(", last interaction ").Append(s.LastInteractionAt is { } at ? Time(at) : "none").Append("</li>\n");
            b.Append("</ul>\n");
        }
        ReportSectionsRendering.AccountHtml(b, r, Hn(1));

        if (r.Deliveries.Count > 0)
        {
            b.Append('<').Append(Hn(1)).Append(">Webhook deliveries</").Append(Hn(1)).Append(">\n")
                .Append("<table class=\"deliveries\">\n<thead><tr><th>attempt</th><th>at</th><th>status</th><th>error</th><th>outcome</th></tr></thead>\n<tbody>\n");
            foreach (var d in r.Deliveries)
                b.Append("<tr><td class=\"num\">").Append(d.Attempt.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Time(d.At))
                    .Append("</td><td class=\"num\">").Append(d.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "").Append("</td><td>")
                    .Append(H(d.Error)).Append("</td><td>").Append(Word(d.Outcome)).Append("</td></tr>\n");
            b.Append("</tbody>\n</table>\n");
        }
        b.Append("<p class=\"note\">").Append(H(r.ScoreNote)).Append("</p>\n</article>\n");
    }

    private static string CoverageHtml(CoverageChange c) => $"{H(c.Target.Name)} {Score(c.Before)} → {Score(c.After)}";

    private static string RouteHtml(RouteChange c) => $"{H(c.Target.Name)} via {H(RouteText(c.Route))} ({Score(c.Route.Score)})";

    private static string GapHtml(Gap g) =>
        $"<code>{Word(g.Code)}</code>{(g.PersonId is null ? "" : $" (<code>{H(g.PersonId)}</code>)")}: {H(g.Message)}";
}
