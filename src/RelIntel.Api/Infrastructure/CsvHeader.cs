using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// One CSV row by column name. A column the file does not have and a blank cell are both null to <see cref="Cell"/>;
/// <see cref="Has"/> tells them apart, for imports where a present column with an empty cell clears the field.
/// </summary>
public sealed class CsvRow(IReadOnlyDictionary<string, int> index, string[] cells)
{
    /// <summary>The trimmed cell of <paramref name="column"/>; null when blank or when the file has no such column.</summary>
    public string? Cell(string column) =>
        index.TryGetValue(column, out var i) && !string.IsNullOrWhiteSpace(cells[i]) ? cells[i].Trim() : null;

    /// <summary>Whether the file has the column at all.</summary>
    public bool Has(string column) => index.ContainsKey(column);
}

/// <summary>
/// A CSV header line, checked: its separator (comma, semicolon or tab, whichever the line uses most), every column
/// known and named once, the required ones present.
/// </summary>
internal sealed record CsvHeader(string Separator, IReadOnlyList<string> Names, IReadOnlyDictionary<string, int> Index,
    IReadOnlyList<string> Ignored)
{
    private static readonly string[] Separators = [",", ";", "\t"];

    /// <summary>The header of <paramref name="line"/>, or null with what is wrong in <paramref name="validation"/>.</summary>
    public static CsvHeader? Read(string line, IReadOnlyList<string> columns, IReadOnlyList<string> required, bool ignoreUnknown,
        Validation validation)
    {
        var separator = Separators.OrderByDescending(s => line.Count(c => c == s[0])).First();
        if (!line.Contains(separator[0]) && line.IndexOf('|') is var odd and >= 0)
        {
            validation.Add("header", $"The header is separated by '{line[odd]}': separate columns by commas, semicolons or tabs.");
            return null;
        }
        var names = Split(line, separator);
        var known = columns.ToDictionary(c => c, c => c, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ignored = new List<string>();
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i].Trim();
            if (!known.TryGetValue(name, out var column))
            {
                if (ignoreUnknown) ignored.Add(name);
                else validation.Add(name.Length == 0 ? $"header[{i}]" : name, Unknown(name, columns));
                continue;
            }
            if (!index.TryAdd(column, i)) validation.Add("header", $"The column '{column}' appears more than once.");
        }
        foreach (var column in required.Where(c => !index.ContainsKey(c)))
            validation.Add("header", $"The column '{column}' is missing (columns are separated by '{BulkFormats.Shown(separator)}').");
        return validation.IsValid ? new CsvHeader(separator, names, index, ignored) : null;
    }

    private static string Unknown(string name, IReadOnlyList<string> columns)
    {
        var nearest = Nearest.Of(name, columns);
        var hint = nearest is null ? "" : $" Did you mean '{nearest}'?";
        return $"Not a column of this import.{hint} Columns: {string.Join(", ", columns)}. " +
               "Send ?ignoreUnknownColumns=true to skip columns the import does not know.";
    }

    /// <summary>The header's cells, with quotes as CSV has them.</summary>
    private static string[] Split(string line, string separator)
    {
        using var text = new StringReader(line);
        using var parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = separator });
        return parser.Read() ? parser.Record! : [];
    }
}

/// <summary>The known name closest to a mistyped one, when one is close enough to be a likely meaning.</summary>
public static class Nearest
{
    public static string? Of(string name, IEnumerable<string> known)
    {
        if (name.Length == 0) return null;
        var lower = name.ToLowerInvariant();
        return known
            .Select(k => (Name: k, Distance: Distance(lower, k.ToLowerInvariant())))
            .Where(k => k.Distance <= Math.Max(2, k.Name.Length / 3) ||
                        (lower.Length >= 3 && k.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(k => k.Distance)
            .Select(k => k.Name)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance: the fewest single-character edits between the two.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
