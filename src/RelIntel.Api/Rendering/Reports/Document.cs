namespace RelIntel.Api.Rendering.Reports;

/// <summary>
/// A document as the report writers see it: headings, paragraphs, lists, tables and figures of plain runs of text. A
/// section is built once as blocks (<c>Features/Reports/ReportDocument.cs</c>) and written by <see cref="MarkdownWriter"/>
/// and <see cref="HtmlWriter"/>, which escape every run.
/// </summary>
public sealed record Document(string Id, IReadOnlyList<Block> Blocks);

/// <summary>How a run looks: plain, <c>code</c> or strong (Markdown writes strong runs plain, as reports always did).</summary>
public enum Look
{
    Plain,
    Code,
    Strong,
}

/// <summary>
/// A stretch of text; <paramref name="Class"/> styles it in HTML (a status badge, a readiness verdict); with
/// <paramref name="Href"/> it is a link.
/// </summary>
public sealed record Run(string Text, Look Look = Look.Plain, string? Class = null, string? Href = null)
{
    public static implicit operator Run(string text) => new(text);
}

/// <summary>Runs that belong together: a list item, or a paragraph's text; <paramref name="Class"/> styles it in HTML.</summary>
public sealed record Line(IReadOnlyList<Run> Runs, string? Class = null)
{
    public static Line Of(params Run[] runs) => new(runs);
}

public abstract record Block;

/// <summary>A heading <paramref name="Depth"/> levels below the document's title (0: the title itself).</summary>
public sealed record Heading(int Depth, Line Text) : Block;

/// <summary>A paragraph; a <c>note</c> is set apart (italic in Markdown).</summary>
public sealed record Paragraph(Line Text, bool Note = false) : Block;

public sealed record Bullets(string Class, IReadOnlyList<Line> Items) : Block;

/// <summary>A table cell: its runs, right-aligned when a number; <paramref name="Items"/> make it a list (joined by spaces in Markdown).</summary>
public sealed record Cell(IReadOnlyList<Run> Runs, bool Number = false, IReadOnlyList<string>? Items = null)
{
    public static implicit operator Cell(string text) => new([text]);

    public static Cell Num(string text) => new([text], Number: true);
}

public sealed record Row(IReadOnlyList<Cell> Cells, string? Class = null);

public sealed record Table(string Class, IReadOnlyList<string> Columns, IReadOnlyList<Row> Rows) : Block;

/// <summary>A drawing: inline SVG with its caption in HTML; in Markdown, <paramref name="Instead"/> says where to get it.</summary>
public sealed record Figure(string Class, string? Svg, Line Caption, Line Instead) : Block;
