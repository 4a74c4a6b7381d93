using System.Text.RegularExpressions;
using System.Xml.Linq;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Rendering.Charts;

/// <summary>
/// Draws a <see cref="Chart"/> as a self-contained SVG: header (title, account, time of the data, status, gaps,
/// legend) above the cards and lines. Built with XElement so every piece of text is escaped; it holds no script, no
/// event handler and no external reference (only <c>url(#…)</c> to its own markers and pattern), so it is safe to
/// answer as <c>image/svg+xml</c> and to put inline in an HTML page.
/// </summary>
public static partial class ChartSvg
{
    public const string MediaType = "image/svg+xml";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Font = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
    private const double Margin = 24;
    private const double MinWidth = 980;
    private const double Pad = 10;
    private const double LegendCell = 250;

    /// <summary>
    /// The SVG document as text (no XML declaration, so it can also go inline in HTML). <c>idPrefix</c> starts the ids
    /// inside the SVG (a letter, then letters, digits, '-', '_'): give each picture on one HTML page its own.
    /// </summary>
    public static string Render(Chart chart, LayoutSettings? settings = null, string idPrefix = "chart") =>
        Build(chart, HierarchyLayout.Compute(chart, settings), idPrefix).ToString(SaveOptions.DisableFormatting);

    /// <summary>The SVG element of a chart already laid out by <see cref="HierarchyLayout.Compute"/>.</summary>
    public static XElement Build(Chart chart, ChartLayout layout, string idPrefix = "chart")
    {
        ChartRules.Validate(chart);
        if (!SafeId().IsMatch(idPrefix)) throw new ArgumentException("The id prefix must be letters, digits, '-' or '_'.", nameof(idPrefix));
        var cardIds = chart.Cards.Select(c => c.PersonId).ToHashSet(StringComparer.Ordinal);
        if (layout.Cards.Count != cardIds.Count || layout.Cards.Any(b => !cardIds.Contains(b.PersonId)))
            throw new ArgumentException("The layout is not of this chart's cards.", nameof(layout));

        var ids = new Ids(idPrefix);
        var bounds = Bounds.Of(layout);
        foreach (var point in layout.SolidLines.SelectMany(r => r.Points)) bounds = bounds.Include(point, 2);
        foreach (var (start, control1, control2, end) in chart.Hierarchy.Where(e => e.Kind == ReportingLineKind.Dotted).Select(e => DottedCurve(e, layout)))
            bounds = bounds.Include(start, 2).Include(control1, 2).Include(control2, 2).Include(end, 2);
        var informal = InformalGeometry(chart, layout);
        foreach (var line in informal)
        {
            foreach (var point in Curve(line.Start, line.Control, line.End)) bounds = bounds.Include(point, 12);
            var half = SvgText.Width(line.Label, 11) / 2 + 20;
            bounds = bounds.Include(new LayoutPoint(line.Middle.X - half, line.Middle.Y), 12).Include(new LayoutPoint(line.Middle.X + 2 * half, line.Middle.Y), 12);
        }

        var width = Math.Max(MinWidth, bounds.Width + 2 * Margin);
        var (header, headerHeight) = Header(chart.Header, width, ids);
        var height = headerHeight + bounds.Height + Margin;
        var chartOrigin = (X: Margin + (width - 2 * Margin - bounds.Width) / 2 - bounds.MinX, Y: headerHeight - bounds.MinY);

        var cards = chart.Cards
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.PersonId, StringComparer.Ordinal)
            .Select(card => Card(card, layout.Box(card.PersonId), chart.Header.Coverage, ids));

        return new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {N(width)} {N(height)}"),
            new XAttribute("width", N(width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{ids.Title} {ids.Description}"),
            new XAttribute("font-family", Font),
            new XElement(Svg + "title", new XAttribute("id", ids.Title), Text(TitleOf(chart.Header))),
            new XElement(Svg + "desc", new XAttribute("id", ids.Description), Text(Describe(chart))),
            Definitions(ids),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#FFFFFF")),
            header,
            new XElement(Svg + "g",
                new XAttribute("class", "chart"),
                new XAttribute("transform", $"translate({N(chartOrigin.X)},{N(chartOrigin.Y)})"),
                new XElement(Svg + "g", new XAttribute("class", "hierarchy"), HierarchyLines(chart, layout)),
                new XElement(Svg + "g", new XAttribute("class", "cards"), cards),
                new XElement(Svg + "g", new XAttribute("class", "informal"), informal.Select(line => InformalLine(line, ids))),
                chart.Cards.Count == 0 ? Label(0, 20, "Nobody to show.", 14, ChartStyle.SoftInk) : null));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex SafeId();

    private sealed record Ids(string Prefix)
    {
        public string Title => $"{Prefix}-title";
        public string Description => $"{Prefix}-desc";
        public string Arrow => $"{Prefix}-arrow";
        public string Hatch => $"{Prefix}-hatch";
    }

    private static string N(double value) => SvgText.Number(value);

    private static string Text(string? text) => SvgText.Clean(text);

    private static string TitleOf(ChartHeader header) => $"{header.Kind}: {header.Title} ({header.Account})";

    private static string AsOf(DateTimeOffset time) => $"data as of {time.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private static string Describe(Chart chart)
    {
        var members = chart.Cards.Count(c => !c.Faded);
        var faded = chart.Cards.Count - members;
        var uncovered = chart.Cards.Count(c => c.Uncovered);
        var status = chart.Header.Status is { } s ? $" Status {ChartStyle.For(s.Status).Label}: {s.Reason}" : "";
        return $"{TitleOf(chart.Header)}, {AsOf(chart.Header.DataAsOf)}. {members} people shown" +
               (faded > 0 ? $" and {faded} faded to connect the reporting lines" : "") +
               $"; {uncovered} with {(chart.Header.Coverage == CoverageBasis.DirectRelationship ? "no relationship of ours" : "no route from our side")}" +
               $"; {chart.Informal.Count} informal lines.{status}";
    }

    private static XElement Definitions(Ids ids) =>
        new(Svg + "defs",
            new XElement(Svg + "marker",
                new XAttribute("id", ids.Arrow), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "9"),
                new XAttribute("refY", "5"), new XAttribute("markerWidth", "12"), new XAttribute("markerHeight", "12"),
                new XAttribute("markerUnits", "userSpaceOnUse"), new XAttribute("orient", "auto"),
                new XElement(Svg + "path", new XAttribute("d", "M0,0 L10,5 L0,10 z"), new XAttribute("fill", ChartStyle.For(InformalKind.Influence).Stroke))),
            new XElement(Svg + "pattern",
                new XAttribute("id", ids.Hatch), new XAttribute("width", "6"), new XAttribute("height", "6"),
                new XAttribute("patternUnits", "userSpaceOnUse"), new XAttribute("patternTransform", "rotate(45)"),
                new XElement(Svg + "rect", new XAttribute("width", "6"), new XAttribute("height", "6"), new XAttribute("fill", "#FFFFFF")),
                new XElement(Svg + "rect", new XAttribute("width", "3"), new XAttribute("height", "6"), new XAttribute("fill", ChartStyle.CoverageFill))));

    private static XElement Label(double x, double y, string text, double size, string fill, bool bold = false, string anchor = "start") =>
        new(Svg + "text",
            new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("font-size", N(size)), new XAttribute("fill", fill),
            bold ? new XAttribute("font-weight", "bold") : null,
            anchor == "start" ? null : new XAttribute("text-anchor", anchor),
            Text(text));

    private static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidth = 1,
        double radius = 0, string? dash = null, string? cssClass = null) =>
        new(Svg + "rect",
            cssClass is null ? null : new XAttribute("class", cssClass),
            new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(width)), new XAttribute("height", N(height)),
            radius > 0 ? new XAttribute("rx", N(radius)) : null,
            new XAttribute("fill", fill),
            stroke is null ? null : new XAttribute("stroke", stroke),
            stroke is null ? null : new XAttribute("stroke-width", N(strokeWidth)),
            dash is null ? null : new XAttribute("stroke-dasharray", dash));

    // ---- Header -----------------------------------------------------------------------------------------------------

    private static (XElement Header, double Bottom) Header(ChartHeader header, double width, Ids ids)
    {
        var inner = width - 2 * Margin;
        var parts = new List<XElement>();
        var y = Margin + 20;
        parts.Add(Label(Margin, y, SvgText.Fit($"{header.Kind}: {header.Title}", inner, 22, bold: true), 22, ChartStyle.Ink, bold: true));
        y += 24;
        parts.Add(Label(Margin, y, SvgText.Fit($"{header.Account} · {AsOf(header.DataAsOf)}", inner, 14), 14, ChartStyle.SoftInk));
        y += 16;

        if (header.Status is { } status)
        {
            var (fill, textColor, word) = ChartStyle.For(status.Status);
            var pill = new XElement(Svg + "g", new XAttribute("class", "status"), new XAttribute("data-status", word.ToLowerInvariant()),
                Rect(Margin, y, 96, 26, fill, ChartStyle.Ink, 1, 13),
                Label(Margin + 48, y + 18, word, 14, textColor, bold: true, anchor: "middle"));
            var reasonLines = SvgText.Wrap(status.Reason, inner - 110, 14);
            for (var i = 0; i < reasonLines.Count; i++)
                pill.Add(Label(Margin + 108, y + 18 + i * 18, reasonLines[i], 14, ChartStyle.Ink));
            parts.Add(pill);
            y += Math.Max(26, reasonLines.Count * 18 + 6) + 10;
        }

        var gaps = new XElement(Svg + "g", new XAttribute("class", "gaps"));
        y += 16;
        gaps.Add(Label(Margin, y, header.Gaps.Count == 0 ? "Gaps: none found" : "Gaps", 14, ChartStyle.Ink, bold: true));
        foreach (var gap in header.Gaps)
        {
            var lines = SvgText.Wrap(gap, inner - 16, 13);
            for (var i = 0; i < lines.Count; i++)
            {
                y += 17;
                gaps.Add(Label(Margin + 16, y, lines[i], 13, ChartStyle.Ink));
                if (i == 0) gaps.Add(new XElement(Svg + "circle", new XAttribute("cx", N(Margin + 6)), new XAttribute("cy", N(y - 4)),
                    new XAttribute("r", "2.5"), new XAttribute("fill", ChartStyle.Ink)));
            }
        }
        parts.Add(gaps);

        y += 28;
        var (legend, legendHeight) = Legend(ChartLegend.For(header), Margin, y, inner, ids);
        parts.Add(legend);
        y += legendHeight + 8;
        parts.Add(new XElement(Svg + "line", new XAttribute("x1", N(Margin)), new XAttribute("y1", N(y)), new XAttribute("x2", N(width - Margin)),
            new XAttribute("y2", N(y)), new XAttribute("stroke", "#BBBBBB")));
        return (new XElement(Svg + "g", new XAttribute("class", "header"), parts), y + 32);
    }

    private static (XElement Legend, double Height) Legend(IReadOnlyList<ChartLegend.Entry> entries, double x, double y, double width, Ids ids)
    {
        var columns = Math.Max(1, (int)(width / LegendCell));
        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"), Label(x, y, "Legend", 14, ChartStyle.Ink, bold: true));
        for (var i = 0; i < entries.Count; i++)
        {
            var cellX = x + i % columns * LegendCell;
            var cellY = y + 10 + i / columns * 26;
            legend.Add(new XElement(Svg + "g", new XAttribute("class", "legend-entry"),
                LegendSample(entries[i], cellX, cellY, ids),
                Label(cellX + 58, cellY + 15, SvgText.Fit(entries[i].Text, LegendCell - 62, 11.5), 11.5, ChartStyle.Ink)));
        }
        var rows = (entries.Count + columns - 1) / columns;
        return (legend, 10 + rows * 26);
    }

    private static IEnumerable<XElement> LegendSample(ChartLegend.Entry entry, double x, double y, Ids ids)
    {
        var middle = y + 11;
        switch (entry.Sample)
        {
            case ChartLegend.Sample.Attitude:
                var style = ChartStyle.For(entry.Attitude);
                yield return Rect(x, y + 2, 50, 18, style.Fill, ChartStyle.Ink, 1, 3);
                yield return Label(x + 25, y + 15, style.Symbol, 12, style.TextColor, bold: true, anchor: "middle");
                break;
            case ChartLegend.Sample.Coverage:
                yield return Rect(x, y + 6, 50, 9, "#FFFFFF", ChartStyle.SoftInk, 1);
                yield return Rect(x, y + 6, 30, 9, ChartStyle.CoverageFill);
                break;
            case ChartLegend.Sample.NoRoute:
                yield return Rect(x + 2, y + 2, 46, 18, "#FFFFFF", ChartStyle.Ink, 3, 3, "8 4");
                break;
            case ChartLegend.Sample.StaleRoute:
                yield return Rect(x, y + 6, 50, 9, "#FFFFFF", ChartStyle.SoftInk, 1);
                yield return Rect(x, y + 6, 30, 9, $"url(#{ids.Hatch})");
                break;
            case ChartLegend.Sample.Coach:
                yield return CoachBadge(x, y + 3);
                break;
            case ChartLegend.Sample.FavorsCompetitor:
                yield return Rect(x, y + 3, 50, 16, "#FFFFFF", ChartStyle.Ink, 1.5, 8);
                yield return Label(x + 25, y + 15, "favors", 10, ChartStyle.Ink, anchor: "middle");
                break;
            case ChartLegend.Sample.Caption:
                yield return Rect(x, y + 2, 50, 18, ChartStyle.CaptionFill, ChartStyle.Ink, 1, 3);
                yield return Label(x + 25, y + 15, "IT · vp", 10, ChartStyle.Ink, anchor: "middle");
                break;
            case ChartLegend.Sample.DoNotContact:
                yield return DoNotContactBadge(x, y + 3);
                break;
            case ChartLegend.Sample.Faded:
                yield return new XElement(Svg + "g", new XAttribute("opacity", "0.5"), Rect(x, y + 2, 50, 18, "#F2F2F2", "#888888", 1, 3));
                break;
            case ChartLegend.Sample.SolidLine or ChartLegend.Sample.DottedLine:
                var kind = entry.Sample == ChartLegend.Sample.SolidLine ? ReportingLineKind.Solid : ReportingLineKind.Dotted;
                yield return Stroke($"M{N(x)},{N(middle)} L{N(x + 50)},{N(middle)}", ChartStyle.For(kind), 2);
                break;
            case ChartLegend.Sample.Informal:
                var line = entry.Line!.Value;
                var path = Stroke($"M{N(x)},{N(middle)} L{N(x + 48)},{N(middle)}", ChartStyle.For(line), line == InformalKind.Influence ? 3 : 2.5);
                if (line == InformalKind.Influence) path.Add(new XAttribute("marker-end", $"url(#{ids.Arrow})"));
                yield return path;
                break;
            case ChartLegend.Sample.BlocksRoutes:
                yield return NoEntry(x + 25, middle);
                break;
        }
    }

    private static XElement Stroke(string path, LineStyle style, double width) =>
        new(Svg + "path",
            new XAttribute("d", path), new XAttribute("fill", "none"), new XAttribute("stroke", style.Stroke),
            new XAttribute("stroke-width", N(width)),
            style.DashArray is null ? null : new XAttribute("stroke-dasharray", style.DashArray),
            style.LineCap == "butt" ? null : new XAttribute("stroke-linecap", style.LineCap));

    private static XElement CoachBadge(double x, double y) =>
        new(Svg + "g", new XAttribute("class", "coach"),
            Rect(x, y, 50, 16, ChartStyle.Ink, null, 1, 8),
            Label(x + 25, y + 12, "COACH", 10, "#FFFFFF", bold: true, anchor: "middle"));

    private static XElement DoNotContactBadge(double x, double y) =>
        new(Svg + "g", new XAttribute("class", "do-not-contact"),
            Rect(x, y, 50, 16, "#FFFFFF", ChartStyle.Ink, 2, 2),
            Label(x + 25, y + 11.5, "NO CONTACT", 6.6, ChartStyle.Ink, bold: true, anchor: "middle"));

    /// <summary>A no-entry sign: routes never cross this line.</summary>
    private static XElement NoEntry(double x, double y) =>
        new(Svg + "g", new XAttribute("class", "blocks-routes"),
            new XElement(Svg + "circle", new XAttribute("cx", N(x)), new XAttribute("cy", N(y)), new XAttribute("r", "8"),
                new XAttribute("fill", "#FFFFFF"), new XAttribute("stroke", ChartStyle.Ink), new XAttribute("stroke-width", "2")),
            new XElement(Svg + "line", new XAttribute("x1", N(x - 5)), new XAttribute("y1", N(y + 5)), new XAttribute("x2", N(x + 5)),
                new XAttribute("y2", N(y - 5)), new XAttribute("stroke", ChartStyle.Ink), new XAttribute("stroke-width", "2")));

    // ---- Cards ------------------------------------------------------------------------------------------------------

    private static XElement Card(ChartCard card, CardBox box, CoverageBasis basis, Ids ids)
    {
        var w = box.Width;
        var inner = w - 2 * Pad;
        var group = new XElement(Svg + "g",
            new XAttribute("class", card.Faded ? "card faded" : card.Uncovered ? "card uncovered" : "card"),
            new XAttribute("data-person-id", Text(card.PersonId)),
            new XAttribute("transform", $"translate({N(box.X)},{N(box.Y)})"),
            card.Faded ? new XAttribute("opacity", "0.55") : null,
            new XElement(Svg + "title", Text(Summary(card, basis))));

        if (card.Faded)
        {
            group.Add(Rect(0, 0, w, box.Height, "#F2F2F2", "#888888", 1, 6, cssClass: "card-frame"));
            group.Add(Label(Pad, 17, "not a member", 11, ChartStyle.FadedInk));
            group.Add(Label(Pad, 42, SvgText.Fit(card.Name, inner, 14, bold: true), 14, ChartStyle.SoftInk, bold: true));
            group.Add(Label(Pad, 59, SvgText.Fit(card.Title ?? "", inner, 12), 12, ChartStyle.FadedInk));
            group.Add(Label(Pad, box.Height - 14, "shown to connect the reporting lines", 10.5, ChartStyle.FadedInk));
            return group;
        }

        var style = ChartStyle.For(card.Attitude);
        // A person of an org chart has no attitude: the band names their department and seniority instead.
        var captioned = card.Attitude is null && card.Caption is not null;
        var bandText = captioned ? card.Caption! : $"{style.Symbol} {style.Label}";
        group.Add(Rect(0, 0, w, box.Height, "#FFFFFF", ChartStyle.Ink, card.Uncovered ? 3.5 : 1.5, 6, card.Uncovered ? "10 6" : null, "card-frame"));
        // The attitude band: colour, symbol and word, so it reads without colour too.
        group.Add(new XElement(Svg + "path",
            new XAttribute("d", $"M1.5,24 L1.5,7 Q1.5,1.5 7,1.5 L{N(w - 7)},1.5 Q{N(w - 1.5)},1.5 {N(w - 1.5)},7 L{N(w - 1.5)},24 Z"),
            new XAttribute("fill", captioned ? ChartStyle.CaptionFill : style.Fill)));
        // Markers sit at the band's right end: do-not-contact or coach outermost, then the competitor they favour.
        var markerRight = w - Pad + 4;
        if (card.DoNotContact)
        {
            group.Add(DoNotContactBadge(markerRight - 50, 4));
            markerRight -= 54;
        }
        group.Add(Label(Pad, 17, SvgText.Fit(bandText, markerRight - 2 * Pad, 12, bold: true), 12,
            captioned ? ChartStyle.Ink : style.TextColor, bold: true));
        if (card.Coach)
        {
            group.Add(CoachBadge(markerRight - 50, 4));
            markerRight -= 54;
        }
        if (card.FavorsCompetitor is { } competitor)
        {
            var room = markerRight - Pad - SvgText.Width(bandText, 12, bold: true) - 8;
            var text = SvgText.Fit($"favors {competitor}", Math.Max(room - 12, 30), 10);
            var badgeWidth = SvgText.Width(text, 10) + 12;
            group.Add(new XElement(Svg + "g", new XAttribute("class", "favors-competitor"),
                Rect(markerRight - badgeWidth, 4, badgeWidth, 16, "#FFFFFF", ChartStyle.Ink, 1.5, 8),
                Label(markerRight - badgeWidth / 2, 16, text, 10, ChartStyle.Ink, anchor: "middle")));
        }

        group.Add(Label(Pad, 44, SvgText.Fit(card.Name, inner, 14, bold: true), 14, ChartStyle.Ink, bold: true));
        group.Add(Label(Pad, 60, SvgText.Fit(card.Title ?? "", inner, 12), 12, ChartStyle.SoftInk));
        group.Add(RoleBadges(card.Roles, Pad, 67, inner));
        if (card.Detail is { Length: > 0 } detail) group.Add(Label(Pad, 86, SvgText.Fit(detail, inner, 11), 11, ChartStyle.SoftInk));

        if (card.Influence is { } influence)
        {
            group.Add(Label(Pad, 99, "influence", 10.5, ChartStyle.SoftInk));
            for (var i = 0; i < 5; i++)
                group.Add(new XElement(Svg + "circle",
                    new XAttribute("cx", N(Pad + 58 + i * 11)), new XAttribute("cy", "95.5"), new XAttribute("r", "4"),
                    new XAttribute("fill", i < influence ? ChartStyle.Ink : "#FFFFFF"), new XAttribute("stroke", ChartStyle.Ink)));
            group.Add(Label(Pad + 114, 99, $"{influence}/5", 10.5, ChartStyle.Ink));
        }

        group.Add(CoverageMeasure(card, basis, inner, ids));
        return group;
    }

    private static XElement RoleBadges(IReadOnlyList<BuyingRole> roles, double x, double y, double width)
    {
        const double size = 10.5;
        var labels = roles.Select(ChartStyle.Label).ToList();
        double Total(IEnumerable<string> texts) => texts.Sum(t => SvgText.Width(t, size) + 12 + 4);
        if (Total(labels) > width) labels = roles.Select(r => ChartStyle.Label(r)[..3]).ToList();
        var badges = new XElement(Svg + "g", new XAttribute("class", "roles"));
        foreach (var label in labels)
        {
            var badgeWidth = SvgText.Width(label, size) + 12;
            if (x + badgeWidth > Pad + width) break;
            badges.Add(Rect(x, y, badgeWidth, 16, "#F2F2F2", ChartStyle.SoftInk, 1, 3));
            badges.Add(Label(x + badgeWidth / 2, y + 12, label, size, ChartStyle.Ink, anchor: "middle"));
            x += badgeWidth + 4;
        }
        return badges;
    }

    private static XElement CoverageMeasure(ChartCard card, CoverageBasis basis, double width, Ids ids)
    {
        var measure = new XElement(Svg + "g", new XAttribute("class", "coverage"));
        var score = card.Coverage?.Score ?? 0;
        measure.Add(new XAttribute("data-score", N(score)));
        var direct = basis == CoverageBasis.DirectRelationship;
        string text;
        if (card.Uncovered)
        {
            text = direct ? "NO RELATIONSHIP of ours" : "NO ROUTE from our side";
        }
        else
        {
            var holder = card.Coverage?.HeldBy is { } by ? card.Coverage.ByIntroduction ? $" · intro: {by}" : $" · {by}" : "";
            text = $"{(direct ? "knows" : "route")} {N(score)}{holder}{(card.Stale ? " · STALE" : "")}";
        }
        measure.Add(Label(Pad, 116, SvgText.Fit(text, width, 11, bold: card.Uncovered), 11, ChartStyle.Ink, bold: card.Uncovered));
        measure.Add(Rect(Pad, 121, width, 8, "#FFFFFF", ChartStyle.SoftInk, 1, dash: card.Uncovered ? "3 2" : null));
        if (score > 0)
            measure.Add(Rect(Pad, 121, width * score, 8, card.Stale ? $"url(#{ids.Hatch})" : ChartStyle.CoverageFill));
        return measure;
    }

    private static string Summary(ChartCard card, CoverageBasis basis)
    {
        var parts = new List<string> { card.Title is { Length: > 0 } title ? $"{card.Name}, {title}" : card.Name };
        if (card.Faded)
        {
            parts.Add("not a member, shown to connect the reporting lines");
            return string.Join(". ", parts) + ".";
        }
        parts.Add(card.Attitude is null && card.Caption is not null ? card.Caption : ChartStyle.For(card.Attitude).Label);
        if (card.DoNotContact) parts.Add("do not contact");
        if (card.Roles.Count > 0) parts.Add(string.Join(", ", card.Roles.Select(ChartStyle.Label)));
        if (card.Influence is { } influence) parts.Add($"influence {influence} of 5");
        if (card.Coach) parts.Add("coach");
        if (card.FavorsCompetitor is { } competitor) parts.Add($"favors {competitor}");
        var direct = basis == CoverageBasis.DirectRelationship;
        parts.Add(card.Uncovered
            ? direct ? "no relationship of ours" : "no route from our side"
            : $"{(direct ? "best relationship" : "best route")} {N(card.Coverage?.Score ?? 0)}" +
              $"{(card.Coverage?.HeldBy is { } by ? $" held by {by}{(card.Coverage.ByIntroduction ? " (an introduction)" : "")}" : "")}" +
              $"{(card.Stale ? ", stale" : "")}");
        return string.Join(". ", parts) + ".";
    }

    // ---- Lines ------------------------------------------------------------------------------------------------------

    private static IEnumerable<XElement> HierarchyLines(Chart chart, ChartLayout layout)
    {
        foreach (var route in layout.SolidLines)
        {
            var path = string.Join(" ", route.Points.Select((p, i) => $"{(i == 0 ? "M" : "L")}{N(p.X)},{N(p.Y)}"));
            var line = Stroke(path, ChartStyle.For(ReportingLineKind.Solid), 1.6);
            line.Add(new XAttribute("class", "line solid"), new XAttribute("data-from", Text(route.ReportId)), new XAttribute("data-to", Text(route.ManagerId)));
            yield return line;
        }
        var dotted = chart.Hierarchy.Where(e => e.Kind == ReportingLineKind.Dotted)
            .OrderBy(e => e.ReportId, StringComparer.Ordinal).ThenBy(e => e.ManagerId, StringComparer.Ordinal);
        foreach (var edge in dotted)
        {
            var (start, control1, control2, end) = DottedCurve(edge, layout);
            var path = $"M{N(start.X)},{N(start.Y)} C{N(control1.X)},{N(control1.Y)} {N(control2.X)},{N(control2.Y)} {N(end.X)},{N(end.Y)}";
            var line = Stroke(path, ChartStyle.For(ReportingLineKind.Dotted), 2);
            line.Add(new XAttribute("class", "line dotted"), new XAttribute("data-from", Text(edge.ReportId)), new XAttribute("data-to", Text(edge.ManagerId)));
            yield return line;
        }
    }

    /// <summary>
    /// A dotted line runs from the manager's card to the report's: bottom to top when the report is lower, top to
    /// bottom when higher, and side by side (dipping into the gap below) when they share a layer.
    /// </summary>
    private static (LayoutPoint Start, LayoutPoint Control1, LayoutPoint Control2, LayoutPoint End) DottedCurve(HierarchyEdge edge, ChartLayout layout)
    {
        var manager = layout.Box(edge.ManagerId);
        var report = layout.Box(edge.ReportId);
        if (report.Y >= manager.Bottom)
        {
            var bend = Math.Max(40, (report.Y - manager.Bottom) / 2);
            return (new(manager.CenterX, manager.Bottom), new(manager.CenterX, manager.Bottom + bend), new(report.CenterX, report.Y - bend),
                new(report.CenterX, report.Y));
        }
        if (report.Bottom <= manager.Y)
        {
            var bend = Math.Max(40, (manager.Y - report.Bottom) / 2);
            return (new(manager.CenterX, manager.Y), new(manager.CenterX, manager.Y - bend), new(report.CenterX, report.Bottom + bend),
                new(report.CenterX, report.Bottom));
        }
        var dip = Math.Max(manager.Bottom, report.Bottom) + 36;
        var (managerX, reportX) = manager.CenterX < report.CenterX
            ? (manager.CenterX + manager.Width / 4, report.CenterX - report.Width / 4)
            : (manager.CenterX - manager.Width / 4, report.CenterX + report.Width / 4);
        return (new(managerX, manager.Bottom), new(managerX, dip), new(reportX, dip), new(reportX, report.Bottom));
    }

    private sealed record InformalLineGeometry(InformalEdge Edge, LayoutPoint Start, LayoutPoint Control, LayoutPoint End, LayoutPoint Middle,
        string Label);

    /// <summary>Informal lines as gentle curves from border to border; several lines between one pair bend to alternate sides.</summary>
    private static List<InformalLineGeometry> InformalGeometry(Chart chart, ChartLayout layout)
    {
        var seen = new Dictionary<(string, string), int>();
        var result = new List<InformalLineGeometry>();
        var edges = chart.Informal
            .OrderBy(e => e.FromId, StringComparer.Ordinal).ThenBy(e => e.ToId, StringComparer.Ordinal).ThenBy(e => e.Kind)
            .ThenBy(e => e.Strength).ThenBy(e => e.BlocksRoutes);
        foreach (var edge in edges)
        {
            var from = layout.Box(edge.FromId);
            var to = layout.Box(edge.ToId);
            var pair = string.CompareOrdinal(edge.FromId, edge.ToId) < 0 ? (edge.FromId, edge.ToId) : (edge.ToId, edge.FromId);
            var nth = seen.GetValueOrDefault(pair);
            seen[pair] = nth + 1;

            // Bend relative to the pair's own direction, so A→B and B→A bend apart rather than onto each other.
            var (ax, ay) = pair.Item1 == edge.FromId ? (from.CenterX, from.CenterY) : (to.CenterX, to.CenterY);
            var (bx, by) = pair.Item1 == edge.FromId ? (to.CenterX, to.CenterY) : (from.CenterX, from.CenterY);
            var dx = bx - ax;
            var dy = by - ay;
            var length = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
            var side = nth % 2 == 0 ? 1 : -1;
            var bend = side * Math.Min(48, 0.18 * length) * (1 + nth / 2);
            var style = ChartStyle.For(edge.Kind);
            var label = edge.Kind == InformalKind.Influence && edge.Strength is { } strength ? $"influence {N(strength)}" : style.Label;
            if (edge.BlocksRoutes) label += " · blocks routes";

            // The gentle bend first; where it would run through another card or put its label on one, bend further
            // (either side) so the line goes around: the first bend that is clear wins, else the least crowded one.
            InformalLineGeometry? chosen = null;
            var fewest = int.MaxValue;
            foreach (var tried in Bends(bend, length))
            {
                var control = new LayoutPoint((from.CenterX + to.CenterX) / 2 - dy / length * tried, (from.CenterY + to.CenterY) / 2 + dx / length * tried);
                var start = Border(from, control);
                var end = Border(to, control);
                var middle = new LayoutPoint(0.25 * start.X + 0.5 * control.X + 0.25 * end.X, 0.25 * start.Y + 0.5 * control.Y + 0.25 * end.Y);
                var geometry = new InformalLineGeometry(edge, start, control, end, middle, label);
                var crossings = Crossings(geometry, layout, from, to);
                if (crossings < fewest)
                {
                    (chosen, fewest) = (geometry, crossings);
                    if (crossings == 0) break;
                }
            }
            result.Add(chosen!);
        }
        return result;
    }

    /// <summary>
    /// The bends an informal line tries: the gentle one first, then wider ones on either side, up to one whose middle
    /// runs along the gap between two rows of cards (so a line between cards of one row can pass the cards between them).
    /// </summary>
    private static IEnumerable<double> Bends(double gentle, double length)
    {
        yield return gentle;
        yield return -gentle;
        var side = gentle < 0 ? -1 : 1;
        foreach (var wide in new[] { 96.0, 150, 192, 240, 300 })
        {
            if (wide <= Math.Abs(gentle) || wide > length) continue;
            yield return side * wide;
            yield return -side * wide;
        }
    }

    /// <summary>Points along a quadratic curve, its ends excluded.</summary>
    private static IEnumerable<LayoutPoint> Curve(LayoutPoint start, LayoutPoint control, LayoutPoint end)
    {
        for (var i = 1; i < 12; i++)
        {
            var t = i / 12.0;
            var (a, b, c) = ((1 - t) * (1 - t), 2 * (1 - t) * t, t * t);
            yield return new LayoutPoint(a * start.X + b * control.X + c * end.X, a * start.Y + b * control.Y + c * end.Y);
        }
    }

    /// <summary>How many cards a line runs through (its own two excepted) plus how many its label sits on.</summary>
    private static int Crossings(InformalLineGeometry line, ChartLayout layout, CardBox from, CardBox to)
    {
        var points = Curve(line.Start, line.Control, line.End).ToList();
        // As InformalLine draws it: centred on the middle, or after the no-entry sign there.
        var width = SvgText.Width(line.Label, 11);
        var label = line.Edge.BlocksRoutes
            ? new CardBox("", line.Middle.X - 10, line.Middle.Y - 10, width + 24, 18)
            : new CardBox("", line.Middle.X - width / 2 - 4, line.Middle.Y - 10, width + 8, 18);
        // A line should stay near the chart, not loop far outside it.
        var crossings = points.Any(p => p.X < -40 || p.Y < -40 || p.X > layout.Width + 40 || p.Y > layout.Height + 40) ? 1 : 0;
        foreach (var card in layout.Cards)
        {
            if (card.Overlaps(label)) crossings++;
            if (card.PersonId == from.PersonId || card.PersonId == to.PersonId) continue;
            if (points.Any(p => p.X > card.X - 4 && p.X < card.Right + 4 && p.Y > card.Y - 4 && p.Y < card.Bottom + 4)) crossings++;
        }
        return crossings;
    }

    /// <summary>Where the line from a card's centre towards <paramref name="toward"/> leaves the card (a little outside it).</summary>
    private static LayoutPoint Border(CardBox box, LayoutPoint toward)
    {
        var dx = toward.X - box.CenterX;
        var dy = toward.Y - box.CenterY;
        if (Math.Abs(dx) < 1e-9 && Math.Abs(dy) < 1e-9) return new LayoutPoint(box.CenterX, box.Y);
        var t = Math.Min(Math.Abs(dx) > 1e-9 ? (box.Width / 2 + 3) / Math.Abs(dx) : double.MaxValue,
            Math.Abs(dy) > 1e-9 ? (box.Height / 2 + 3) / Math.Abs(dy) : double.MaxValue);
        return new LayoutPoint(box.CenterX + dx * t, box.CenterY + dy * t);
    }

    private static XElement InformalLine(InformalLineGeometry line, Ids ids)
    {
        var edge = line.Edge;
        var style = ChartStyle.For(edge.Kind);
        var width = edge.Kind == InformalKind.Influence ? 1.5 + 3 * (edge.Strength ?? 0.3) : 2.5;
        var path = Stroke($"M{N(line.Start.X)},{N(line.Start.Y)} Q{N(line.Control.X)},{N(line.Control.Y)} {N(line.End.X)},{N(line.End.Y)}", style, width);
        if (edge.Kind == InformalKind.Influence) path.Add(new XAttribute("marker-end", $"url(#{ids.Arrow})"));

        var labelX = line.Middle.X + (edge.BlocksRoutes ? 12 : 0);
        var text = Label(labelX, line.Middle.Y + 4, line.Label, 11, ChartStyle.Ink, anchor: edge.BlocksRoutes ? "start" : "middle");
        // A white halo keeps the label readable where it crosses other lines.
        text.Add(new XAttribute("stroke", "#FFFFFF"), new XAttribute("stroke-width", "3"), new XAttribute("paint-order", "stroke"));

        return new XElement(Svg + "g",
            new XAttribute("class", $"informal-line {style.Label}"),
            new XAttribute("data-from", Text(edge.FromId)),
            new XAttribute("data-to", Text(edge.ToId)),
            path,
            edge.BlocksRoutes ? NoEntry(line.Middle.X, line.Middle.Y) : null,
            text);
    }

    /// <summary>The extent of everything drawn in chart coordinates, so the viewBox fits the content.</summary>
    private readonly record struct Bounds(double MinX, double MinY, double MaxX, double MaxY)
    {
        public double Width => MaxX - MinX;
        public double Height => MaxY - MinY;

        public static Bounds Of(ChartLayout layout) => new(0, 0, layout.Width, layout.Height);

        public Bounds Include(LayoutPoint p, double room) =>
            new(Math.Min(MinX, p.X - room), Math.Min(MinY, p.Y - room), Math.Max(MaxX, p.X + room), Math.Max(MaxY, p.Y + room));
    }
}
