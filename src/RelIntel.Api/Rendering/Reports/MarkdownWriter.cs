using System.Text;

namespace RelIntel.Api.Rendering.Reports;

/// <summary>Writes documents as Markdown: every run backslash-escaped and kept on one line.</summary>
public static class MarkdownWriter
{
    /// <summary>Backslash-escapes what Markdown would read as markup, and keeps a value on one line.</summary>
    public static string Escape(string? text)
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

    public static string Write(IReadOnlyList<Document> documents) => string.Join("\n---\n\n", documents.Select(Write));

    public static string Write(Document document)
    {
        var b = new StringBuilder();
        foreach (var block in document.Blocks) Block(b, block);
        return b.ToString();
    }

    private static void Block(StringBuilder b, Block block)
    {
        switch (block)
        {
            case Heading h:
                b.Append('#', Math.Min(h.Depth + 1, 6)).Append(' ').Append(Text(h.Text)).Append("\n\n");
                break;
            case Paragraph { Note: true } p:
                b.Append('_').Append(Text(p.Text)).Append("_\n\n");
                break;
            case Paragraph p:
                b.Append(Text(p.Text)).Append("\n\n");
                break;
            case Bullets list:
                foreach (var item in list.Items) b.Append("- ").Append(Text(item)).Append('\n');
                b.Append('\n');
                break;
            case Table t:
                b.Append("| ").Append(string.Join(" | ", t.Columns.Select(Escape))).Append(" |\n|")
                    .Append(string.Concat(t.Columns.Select(_ => " --- |"))).Append('\n');
                foreach (var row in t.Rows) b.Append("| ").Append(string.Join(" | ", row.Cells.Select(CellText))).Append(" |\n");
                b.Append('\n');
                break;
            case Figure f:
                b.Append(Text(f.Instead)).Append("\n\n");
                break;
        }
    }

    private static string CellText(Cell cell) =>
        cell.Items is { } items ? Escape(string.Join(" ", items)) : Runs(cell.Runs);

    private static string Text(Line line) => Runs(line.Runs);

    private static string Runs(IEnumerable<Run> runs) =>
        string.Concat(runs.Select(r => r.Href is not null ? $"[{Escape(r.Text)}](<{r.Href}>)"
            : r.Look == Look.Code ? $"`{Escape(r.Text)}`" : Escape(r.Text)));
}
