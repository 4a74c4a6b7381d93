using System.Text;
using System.Text.Encodings.Web;

namespace RelIntel.Api.Rendering.Reports;

/// <summary>
/// Writes documents as a standalone HTML page, each an <c>article</c>: every run HTML-encoded; a figure's SVG is written
/// as given (it comes from <c>ChartSvg</c>, which escapes its own text and holds no script).
/// </summary>
public static class HtmlWriter
{
    private static string H(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A page of <paramref name="documents"/>, their titles one level below the page's (none: "No reports.").</summary>
    public static string Page(string title, string style, IReadOnlyList<Document> documents, int titleLevel)
    {
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(H(title)).Append("</title>\n<style>\n").Append(style).Append("</style>\n</head>\n<body>\n");
        if (documents.Count == 0) b.Append("<p>No reports.</p>\n");
        foreach (var document in documents) Article(b, document, titleLevel);
        b.Append("</body>\n</html>\n");
        return b.ToString();
    }

    private static void Article(StringBuilder b, Document document, int titleLevel)
    {
        b.Append("<article id=\"").Append(H(document.Id)).Append("\">\n");
        foreach (var block in document.Blocks) Block(b, block, titleLevel);
        b.Append("</article>\n");
    }

    private static void Block(StringBuilder b, Block block, int titleLevel)
    {
        switch (block)
        {
            case Heading h:
                var tag = $"h{Math.Min(titleLevel + h.Depth, 6)}";
                b.Append('<').Append(tag).Append('>').Append(Text(h.Text)).Append("</").Append(tag).Append(">\n");
                break;
            case Paragraph p:
                var cls = p.Note ? "note" : p.Text.Class;
                b.Append("<p").Append(Class(cls)).Append('>').Append(Text(p.Text)).Append("</p>\n");
                break;
            case Bullets list:
                b.Append("<ul").Append(Class(list.Class)).Append(">\n");
                foreach (var item in list.Items) b.Append("<li").Append(Class(item.Class)).Append('>').Append(Text(item)).Append("</li>\n");
                b.Append("</ul>\n");
                break;
            case Table t:
                b.Append("<table").Append(Class(t.Class)).Append(">\n<thead><tr>").Append(string.Concat(t.Columns.Select(c => $"<th>{H(c)}</th>")))
                    .Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                    b.Append("<tr").Append(Class(row.Class)).Append('>').Append(string.Concat(row.Cells.Select(CellHtml))).Append("</tr>\n");
                b.Append("</tbody>\n</table>\n");
                break;
            case Figure f when f.Svg is not null:
                b.Append("<figure").Append(Class(f.Class)).Append('>').Append(f.Svg).Append("<figcaption>").Append(Text(f.Caption))
                    .Append("</figcaption></figure>\n");
                break;
        }
    }

    private static string CellHtml(Cell cell)
    {
        var content = cell.Items is { } items ? "<ul>" + string.Concat(items.Select(i => $"<li>{H(i)}</li>")) + "</ul>" : Runs(cell.Runs);
        return $"<td{(cell.Number ? " class=\"num\"" : "")}>{content}</td>";
    }

    private static string Class(string? cls) => cls is null ? "" : $" class=\"{H(cls)}\"";

    private static string Text(Line line) => Runs(line.Runs);

    private static string Runs(IEnumerable<Run> runs) => string.Concat(runs.Select(r =>
    {
        var text = r.Look switch
        {
            Look.Code => $"<code>{H(r.Text)}</code>",
            Look.Strong => $"<strong>{H(r.Text)}</strong>",
            _ => H(r.Text),
        };
        if (r.Href is not null) text = $"<a href=\"{H(r.Href)}\">{text}</a>";
        return r.Class is null ? text : $"<span class=\"{H(r.Class)}\">{text}</span>";
    }));
}
