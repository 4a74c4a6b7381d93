using System.Globalization;
using System.Text.RegularExpressions;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;
using RelIntel.Api.Rendering.Reports;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Reports as Markdown and as a standalone HTML page: the same facts as the JSON, in the same words and with scores to
/// two decimals. Each section is built once as a <see cref="Document"/> (<see cref="Of"/>) and written by
/// <see cref="MarkdownWriter"/> and <see cref="HtmlWriter"/>, which escape every value.
/// </summary>
public static partial class ReportRendering
{
    public static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Score(double? value) => value is { } v ? Score(v) : "—";

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Word<T>(T value) where T : struct, Enum => value.Word();

    public static string Roles(IEnumerable<BuyingRole> roles) => string.Join(", ", roles.Select(Word));

    public static string RouteText(ReportRoute route) => string.Join(" → ", route.People.Select(p => p.Name));

    public static string Markdown(IReadOnlyList<ReportResponse> reports) => MarkdownWriter.Write(reports.Select(Of).ToList());

    public static string Markdown(ReportResponse r) => MarkdownWriter.Write(Of(r));

    public static string Html(IReadOnlyList<ReportResponse> reports, string title) =>
        HtmlWriter.Page(title, Style, reports.Select(Of).ToList(), titleLevel: 2);

    public static string Html(ReportResponse r) => HtmlWriter.Page($"Influence-path report: {r.OpportunityName}", Style, [Of(r)], titleLevel: 1);

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
        figure.power-map-picture{margin:.5rem 0;overflow-x:auto}figure.power-map-picture svg{max-width:100%;height:auto}
        tr.readiness-no-go td,.readiness-no-go{color:#c62828}.readiness-go{color:#2e7d32}

        """;

    /// <summary>The report as one document: every section once, for both writers.</summary>
    public static Document Of(ReportResponse r)
    {
        var blocks = new List<Block>();
        Head(blocks, r);
        Qualification(blocks, r);
        PowerMap(blocks, r);
        Routes(blocks, r);
        Changes(blocks, r);
        PeopleChanges(blocks, r);
        Section(blocks, "Gaps", r.Gaps.Select(g => new Line(GapRuns(g))).ToList(), "gaps", "None.");
        Plan(blocks, r);
        Section(blocks, "Relationships gone stale", r.WentStale.Select(s => Line.Of(
            $"{s.OurPerson.Name} → {s.TheirPerson.Name}: stale since {Time(s.StaleSince)}, last interaction " +
            (s.LastInteractionAt is { } at ? Time(at) : "none"))).ToList(), "stale", "None.");
        Account(blocks, r);
        Deliveries(blocks, r);
        blocks.Add(new Paragraph(Line.Of(r.ScoreNote), Note: true));
        return new Document(r.Id, blocks);
    }

    private static void Head(List<Block> blocks, ReportResponse r)
    {
        blocks.Add(new Heading(0, Line.Of($"Influence-path report: {r.OpportunityName}")));
        var meta = new List<Line>
        {
            Line.Of("report: ", new Run(r.Id, Look.Code)),
            Line.Of("opportunity: ", new Run(r.OpportunityId, Look.Code), " at ", new Run(r.OrganizationId, Look.Code), $", stage {Word(r.Stage)}"),
            Line.Of($"generated: {Time(r.GeneratedAt)}"),
        };
        if (r.ScheduleId is not null)
            meta.Add(Line.Of("schedule: ", new Run(r.ScheduleId, Look.Code), $", slot {(r.Slot is { } s ? Time(s) : "—")}"));
        blocks.Add(new Bullets("meta", meta));
        blocks.Add(new Heading(1, Line.Of("Status: ", new Run(Word(r.Status), Class: $"status status-{Word(r.Status)}"))));
        blocks.Add(new Paragraph(Line.Of(r.StatusReason)));
    }

    /// <summary>A titled list, or what to say when it is empty.</summary>
    private static void Section(List<Block> blocks, string title, IReadOnlyList<Line> items, string cls, string none)
    {
        blocks.Add(new Heading(1, Line.Of(title)));
        blocks.Add(items.Count == 0 ? new Paragraph(Line.Of(none)) : new Bullets(cls, items));
    }

    private static void Qualification(List<Block> blocks, ReportResponse r)
    {
        if (r.Qualification is not { } q) return;
        var verdict = q.Readiness.Word();
        blocks.Add(new Heading(1, Line.Of("Qualification: ", new Run(verdict, Class: $"readiness-{verdict}"), $" (readiness {Score(q.Score)})")));
        blocks.Add(new Table("qualification", ["element", "declared", "note", "what the graph shows", "evidence", "score"],
            Elements(q).Select(e => new Row([
                e.Name, e.Element.Declared.Word(), e.Element.Note ?? "",
                new Cell([], Items: e.Element.Evidence.Select(c => (c.Passed ? "✓ " : "✗ ") + c.Detail).ToList()),
                Cell.Num(Score(e.Element.EvidenceValue)), Cell.Num(Score(e.Element.Score)),
            ])).ToList()));
        blocks.Add(new Bullets("reasons", q.Reasons.Select(reason => Line.Of(reason)).ToList()));
        blocks.Add(new Paragraph(Line.Of(q.Explanation), Note: true));
    }

    private static void PowerMap(List<Block> blocks, ReportResponse r)
    {
        blocks.Add(new Heading(1, Line.Of("Power map")));
        var url = $"/api/opportunities/{Uri.EscapeDataString(r.OpportunityId)}/power-map";
        blocks.Add(new Figure("power-map-picture",
            ReportSections.PowerMap(r) is { } chart ? ChartSvg.Render(chart, idPrefix: PictureId(r.Id)) : null,
            Line.Of("The power map as of this report; the live one is at ", new Run(url, Look.Code), " (Accept: image/svg+xml)."),
            Line.Of("Picture: ", new Run("the power map as SVG", Href: url), " (GET it with ", new Run("Accept: image/svg+xml", Look.Code),
                "; it shows the buying center now, not as of this report).")));
        if (r.Coverage.Count == 0)
        {
            blocks.Add(new Paragraph(Line.Of("No one is in the buying center yet.")));
            return;
        }
        blocks.Add(new Table("power-map", ["person", "title", "roles", "attitude", "influence", "coach", "priority", "coverage", "best route"],
            r.Coverage.Select(m => new Row([
                new Cell([m.Person.Name, " ", new Run(m.Person.Id, Look.Code)]), m.Person.Title ?? "", Roles(m.Roles), Word(m.Attitude),
                Cell.Num(m.Influence.ToString(CultureInfo.InvariantCulture)), m.Coach ? "coach" : "", Cell.Num(Score(m.Priority)),
                Cell.Num(Score(m.Coverage)), m.BestRoute is null ? "no route" : RouteText(m.BestRoute),
            ], $"attitude-{Word(m.Attitude)}")).ToList()));
    }

    private static void Routes(List<Block> blocks, ReportResponse r) =>
        Section(blocks, "Routes", r.Coverage.Where(m => m.BestRoute is not null).Select(m => Line.Of(
            new Run(m.Person.Name, Look.Strong), $": {RouteText(m.BestRoute!)} ({Score(m.BestRoute!.Score)}). {m.BestRoute.Explanation}")).ToList(),
            "routes", "No warm path reaches the buying center.");

    private static void Changes(List<Block> blocks, ReportResponse r)
    {
        var c = r.Changes;
        blocks.Add(new Heading(1, Line.Of("Changes since the previous report")));
        if (c.PreviousReportId is null)
        {
            blocks.Add(new Paragraph(Line.Of("This is the first report for this opportunity.")));
            return;
        }
        blocks.Add(new Paragraph(Line.Of("Previous report: ", new Run(c.PreviousReportId, Look.Code), $" of {Time(c.PreviousGeneratedAt!.Value)}.")));
        var items = new List<Line>();
        void Item(string cls, params Run[] runs) => items.Add(new Line(runs, cls));
        if (c.Status is { } st) Item("status", $"status: {Word(st.Before)} → {Word(st.After)}");
        if (c.Stage is { } sm) Item("status", $"stage: {Word(sm.Before)} → {Word(sm.After)}");
        foreach (var t in c.Targets) Item("priority", $"priority: {t.Reason}");
        foreach (var p in c.PlanEntries) Item("plan", $"plan: {p.Reason}");
        foreach (var g in c.CoverageGained) Item("gained", $"coverage gained: {g.Target.Name} {Score(g.Before)} → {Score(g.After)}");
        foreach (var l in c.CoverageLost) Item("lost", $"coverage lost: {l.Target.Name} {Score(l.Before)} → {Score(l.After)}");
        foreach (var n in c.NewRoutes) Item("gained", $"new route: {RouteChangeText(n)}");
        foreach (var l in c.LostRoutes) Item("lost", $"lost route: {RouteChangeText(l)}");
        foreach (var g in c.GapsOpened) Item("lost", ["gap opened: ", .. GapRuns(g)]);
        foreach (var g in c.GapsClosed) Item("gained", ["gap closed: ", .. GapRuns(g)]);
        if (items.Count == 0) Item("none", "Nothing changed.");
        blocks.Add(new Bullets("changes", items));
    }

    /// <summary>The account's people changes, oldest first; absent for a report stored before reports kept them.</summary>
    private static void PeopleChanges(List<Block> blocks, ReportResponse r)
    {
        if (r.PeopleChanges is not { } people) return;
        Section(blocks, $"People changes since {Time(people.Since)}", people.Items.Select(c => new Line(
            [$"{Time(c.At)}: ", new Run(c.Person.Name, Look.Strong), " ", new Run(c.Person.Id, Look.Code), $" {PeopleChangeText(c)}"],
            c.Kind)).ToList(), "people-changes", "None.");
    }

    private static string PeopleChangeText(ReportPeopleChange c) => c.Kind switch
    {
        "joined" => "joined",
        "left" => "left",
        "moved-in" => $"moved in from {c.OtherOrganizationId ?? "another organization"}",
        "moved-out" => $"moved out to {c.OtherOrganizationId ?? "another organization"}",
        "manager-changed" => c.NewManager is { } m ? $"has a new manager: {m.Name}" : "has a new manager",
        "title-changed" => $"has a new title: {c.PreviousTitle ?? "none"} → {c.Title ?? "none"}",
        _ => c.Kind,
    };

    private static string RouteChangeText(RouteChange c) => $"{c.Target.Name} via {RouteText(c.Route)} ({Score(c.Route.Score)})";

    private static Run[] GapRuns(Gap g) =>
        g.PersonId is null
            ? [new Run(Word(g.Code), Look.Code), $": {g.Message}"]
            : [new Run(Word(g.Code), Look.Code), " (", new Run(g.PersonId, Look.Code), $"): {g.Message}"];

    private static void Plan(List<Block> blocks, ReportResponse r)
    {
        blocks.Add(new Heading(1, Line.Of("Engagement plan")));
        blocks.Add(r.Plan.Count == 0
            ? new Paragraph(Line.Of("No one of ours has a route to a target yet."))
            : new Table("plan", ["ours", "theirs", "score", "via", "why"], r.Plan.Select(p => new Row([
                p.OurPerson.Name, p.TheirPerson.Name, Cell.Num(Score(p.Score)), string.Join(", ", p.Via), p.Reason,
            ])).ToList()));
    }

    private static void Account(List<Block> blocks, ReportResponse r)
    {
        if (r.Account is not { } a) return;
        blocks.Add(new Heading(1, Line.Of($"Account coverage: {a.OrganizationName} (score {Score(a.Score.Value)})")));
        blocks.Add(new Paragraph(Line.Of($"{Count(a.Known)} of {Count(a.People)} people reached directly; {Count(a.SeniorWithRoute)} of " +
                                         $"{Count(a.SeniorPeople)} senior people with a warm path. {a.Score.Explanation}")));
        blocks.Add(Groups("department", a.Departments));
        if (a.Divisions.Count > 0) blocks.Add(Groups("division", a.Divisions));
    }

    private static Table Groups(string what, IReadOnlyList<ReportAccountGroup> groups) =>
        new("account", [what, "people", "known", "by introduction only", "best", "held by", "of ours", "single-threaded", "senior without a route", "stale"],
            groups.Select(g => new Row([
                g.Name, Cell.Num(Count(g.People)), Cell.Num(Count(g.Known)), Cell.Num(Count(g.KnownByIntroductionOnly)),
                Cell.Num(g.BestScore is { } best ? Score(best) : "—"), g.BestHeldBy?.Name ?? "", Cell.Num(Count(g.OurPeople)),
                g.SingleThreaded ? "yes" : "", Cell.Num(Count(g.SeniorWithoutRoute)), Cell.Num(Count(g.StaleCoverage)),
            ])).ToList());

    private static void Deliveries(List<Block> blocks, ReportResponse r)
    {
        if (r.Deliveries.Count == 0) return;
        blocks.Add(new Heading(1, Line.Of("Webhook deliveries")));
        blocks.Add(new Table("deliveries", ["attempt", "at", "status", "error", "outcome"], r.Deliveries.Select(d => new Row([
            Cell.Num(Count(d.Attempt)), Time(d.At), Cell.Num(d.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? ""), d.Error ?? "", Word(d.Outcome),
        ])).ToList()));
    }

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
