using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using RelIntel.Neo4j;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;
using static RelIntel.Api.Features.Reports.ReportRendering;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// The report's qualification, account section and power map picture in Markdown and HTML, the same facts as the JSON
/// in the same words. Every value from a caller is escaped; the picture is the SVG of <see cref="ChartSvg"/>, which
/// escapes its own text and holds no script.
/// </summary>
public static partial class ReportSectionsRendering
{
    private static string H(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>Where the live power map picture is (GET with <c>Accept: image/svg+xml</c>).</summary>
    public static string PowerMapUrl(ReportResponse r) => $"/api/opportunities/{Uri.EscapeDataString(r.OpportunityId)}/power-map";

    public const string PictureStyle = "figure.power-map-picture{margin:.5rem 0;overflow-x:auto}figure.power-map-picture svg{max-width:100%;height:auto}" +
                                       "tr.readiness-no-go td,.readiness-no-go{color:#c62828}.readiness-go{color:#2e7d32}";

    // ---------- Markdown ----------

    public static void PictureLinkMarkdown(StringBuilder b, ReportResponse r) =>
        b.Append("Picture: [the power map as SVG](<").Append(PowerMapUrl(r)).Append(">) (GET it with `Accept: image/svg+xml`; it shows the ")
            .Append("buying center now, not as of this report).\n\n");

    public static void QualificationMarkdown(StringBuilder b, ReportResponse r)
    {
        if (r.Qualification is not { } q) return;
        b.Append("## Qualification: ").Append(q.Readiness.Word()).Append(" (readiness ").Append(Score(q.Score)).Append(")\n\n");
        b.Append("| element | declared | note | what the graph shows | evidence | score |\n| --- | --- | --- | --- | --- | --- |\n");
        foreach (var (name, element) in Elements(q))
            b.Append("| ").Append(name).Append(" | ").Append(element.Declared.Word()).Append(" | ").Append(Md(element.Note)).Append(" | ")
                .Append(Md(string.Join(" ", element.Evidence.Select(c => (c.Passed ? "✓ " : "✗ ") + c.Detail)))).Append(" | ")
                .Append(Score(element.EvidenceValue)).Append(" | ").Append(Score(element.Score)).Append(" |\n");
        b.Append('\n');
        foreach (var reason in q.Reasons) b.Append("- ").Append(Md(reason)).Append('\n');
        b.Append("\n_").Append(Md(q.Explanation)).Append("_\n\n");
    }

    public static void AccountMarkdown(StringBuilder b, ReportResponse r)
    {
        if (r.Account is not { } a) return;
        b.Append("## Account coverage: ").Append(Md(a.OrganizationName)).Append(" (score ").Append(Score(a.Score.Value)).Append(")\n\n");
        b.Append(a.Known.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(a.People.ToString(CultureInfo.InvariantCulture))
            .Append(" people reached directly; ").Append(a.SeniorWithRoute.ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(a.SeniorPeople.ToString(CultureInfo.InvariantCulture)).Append(" senior people with a warm path. ")
            .Append(Md(a.Score.Explanation)).Append("\n\n");
        GroupsMarkdown(b, "department", a.Departments);
        if (a.Divisions.Count > 0) GroupsMarkdown(b, "division", a.Divisions);
    }

    private static void GroupsMarkdown(StringBuilder b, string what, IReadOnlyList<ReportAccountGroup> groups)
    {
        b.Append("| ").Append(string.Join(" | ", GroupColumns(what))).Append(" |\n|").Append(string.Concat(GroupColumns(what).Select(_ => " --- |")))
            .Append('\n');
        foreach (var g in groups) b.Append("| ").Append(string.Join(" | ", GroupCells(g).Select(c => Md(c.Text)))).Append(" |\n");
        b.Append('\n');
    }

    // ---------- HTML ----------

    /// <summary>The report's power map drawn inline, as of the report (nothing for a report stored before reports kept the picture).</summary>
    public static void PictureHtml(StringBuilder b, ReportResponse r)
    {
        if (ReportSections.PowerMap(r) is not { } chart) return;
        b.Append("<figure class=\"power-map-picture\">").Append(ChartSvg.Render(chart, idPrefix: PictureId(r.Id)))
            .Append("<figcaption>The power map as of this report; the live one is at <code>").Append(H(PowerMapUrl(r)))
            .Append("</code> (Accept: image/svg+xml).</figcaption></figure>\n");
    }

    public static void QualificationHtml(StringBuilder b, ReportResponse r, string heading)
    {
        if (r.Qualification is not { } q) return;
        var verdict = q.Readiness.Word();
        b.Append('<').Append(heading).Append(">Qualification: <span class=\"readiness-").Append(verdict).Append("\">").Append(verdict)
            .Append("</span> (readiness ").Append(Score(q.Score)).Append(")</").Append(heading).Append(">\n");
        b.Append("<table class=\"qualification\">\n<thead><tr><th>element</th><th>declared</th><th>note</th><th>what the graph shows</th>")
            .Append("<th>evidence</th><th>score</th></tr></thead>\n<tbody>\n");
        foreach (var (name, element) in Elements(q))
        {
            b.Append("<tr><td>").Append(name).Append("</td><td>").Append(element.Declared.Word()).Append("</td><td>").Append(H(element.Note))
                .Append("</td><td><ul>");
            foreach (var check in element.Evidence)
                b.Append("<li>").Append(check.Passed ? "✓ " : "✗ ").Append(H(check.Detail)).Append("</li>");
            b.Append("</ul></td><td class=\"num\">").Append(Score(element.EvidenceValue)).Append("</td><td class=\"num\">")
                .Append(Score(element.Score)).Append("</td></tr>\n");
        }
        b.Append("</tbody>\n</table>\n<ul class=\"reasons\">\n");
        foreach (var reason in q.Reasons) b.Append("<li>").Append(H(reason)).Append("</li>\n");
        b.Append("</ul>\n<p class=\"note\">").Append(H(q.Explanation)).Append("</p>\n");
    }

    public static void AccountHtml(StringBuilder b, ReportResponse r, string heading)
    {
        if (r.Account is not { } a) return;
        b.Append('<').Append(heading).Append(">Account coverage: ").Append(H(a.OrganizationName)).Append(" (score ").Append(Score(a.Score.Value))
            .Append(")</").Append(heading).Append(">\n<p>").Append(a.Known.ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(a.People.ToString(CultureInfo.InvariantCulture)).Append(" people reached directly; ")
            .Append(a.SeniorWithRoute.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(a.SeniorPeople.ToString(CultureInfo.InvariantCulture))
            .Append(" senior people with a warm path. ").Append(H(a.Score.Explanation)).Append("</p>\n");
        GroupsHtml(b, "department", a.Departments);
        if (a.Divisions.Count > 0) GroupsHtml(b, "division", a.Divisions);
    }

    private static void GroupsHtml(StringBuilder b, string what, IReadOnlyList<ReportAccountGroup> groups)
    {
        b.Append("<table class=\"account\">\n<thead><tr>").Append(string.Concat(GroupColumns(what).Select(c => $"<th>{H(c)}</th>")))
            .Append("</tr></thead>\n<tbody>\n");
        foreach (var g in groups)
            b.Append("<tr>").Append(string.Concat(GroupCells(g).Select(c => $"<td{(c.Number ? " class=\"num\"" : "")}>{H(c.Text)}</td>"))).Append("</tr>\n");
        b.Append("</tbody>\n</table>\n");
    }

    // ---------- both ----------

    private static string[] GroupColumns(string what) =>
        [what, "people", "known", "by introduction only", "best", "held by", "of ours", "single-threaded", "senior without a route", "stale"];

    /// <summary>A coverage group's row, the same in both renderings (numbers right-aligned in HTML).</summary>
    private static IEnumerable<(string Text, bool Number)> GroupCells(ReportAccountGroup g) =>
    [
        (g.Name, false),
        (Count(g.People), true),
        (Count(g.Known), true),
        (Count(g.KnownByIntroductionOnly), true),
        (g.BestScore is { } best ? Score(best) : "—", true),
        (g.BestHeldBy?.Name ?? "", false),
        (Count(g.OurPeople), true),
        (g.SingleThreaded ? "yes" : "", false),
        (Count(g.SeniorWithoutRoute), true),
        (Count(g.StaleCoverage), true),
    ];

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<(string Name, QualificationElement Element)> Elements(QualificationBlock q) =>
        [("budget", q.Budget), ("authority", q.Authority), ("need", q.Need), ("timing", q.Timing)];

    /// <summary>An id prefix for the SVG's own ids that is unique per report on one page (SVG ids: a letter, then letters, digits, '-', '_').</summary>
    private static string PictureId(string reportId)
    {
        var safe = UnsafeIdCharacters().Replace(reportId, "_");
        return ("pm-" + safe)[..Math.Min(64, safe.Length + 3)];
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex UnsafeIdCharacters();
}
