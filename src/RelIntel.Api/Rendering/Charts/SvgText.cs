using System.Globalization;
using System.Text;
using System.Xml;

namespace RelIntel.Api.Rendering.Charts;

/// <summary>
/// Text for the pictures: made safe for XML (escaping itself is XElement's job) and fitted to a width.
/// SVG does not wrap or measure text, so widths are estimated generously from the characters.
/// </summary>
public static class SvgText
{
    private const string Ellipsis = "…";

    /// <summary>The text with every character XML cannot hold (control characters, lone surrogates) replaced by U+FFFD.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c))
            {
                result.Append('\uFFFD');
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    /// <summary>An estimate of the drawn width that errs on the wide side: wide scripts count a full em.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        var width = 0.0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var first = char.ConvertToUtf32((string)elements.Current, 0);
            width += IsWide(first) ? 1.0 : bold ? 0.66 : 0.6;
        }
        return width * fontSize;
    }

    /// <summary>The text, cut at a whole character with "…" if it would be wider than <paramref name="maxWidth"/>.</summary>
    public static string Fit(string text, double maxWidth, double fontSize, bool bold = false)
    {
        text = Clean(text);
        if (Width(text, fontSize, bold) <= maxWidth) return text;
        var elements = StringInfo.ParseCombiningCharacters(text);
        var room = maxWidth - Width(Ellipsis, fontSize, bold);
        for (var count = elements.Length - 1; count > 0; count--)
        {
            var prefix = text[..elements[count]].TrimEnd();
            if (Width(prefix, fontSize, bold) <= room) return prefix + Ellipsis;
        }
        return Ellipsis;
    }

    /// <summary>The text broken into lines at spaces, each no wider than <paramref name="maxWidth"/> (long words are cut).</summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize, bool bold = false)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in Clean(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (Width(candidate, fontSize, bold) <= maxWidth)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            line = Fit(word, maxWidth, fontSize, bold);
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line);
        return lines;
    }

    /// <summary>A number as SVG wants it: invariant, at most two decimals.</summary>
    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static bool IsWide(int codePoint) =>
        codePoint is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1FAFF
            or >= 0x20000 and <= 0x3FFFD;
}
