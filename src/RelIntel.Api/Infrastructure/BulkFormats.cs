using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace RelIntel.Api.Infrastructure;

/// <summary>Reading bulk bodies: JSON into records, CSV row by row by column name; mistakes land in a <see cref="Validation"/>.</summary>
public static class BulkFormats
{
    public static T? ReadJson<T>(byte[] body, JsonSerializerOptions options, Validation validation, string whatIsRequired) where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options);
            if (value is null) validation.Add("body", whatIsRequired);
            return value;
        }
        catch (JsonException e)
        {
            validation.Add(JsonErrors.Field(e.Path), JsonErrors.Message(e));
            return null;
        }
    }

    /// <summary>
    /// Maps each CSV row (columns matched by name, case-insensitively; blank cells are null) with <paramref name="map"/>.
    /// Reads at most <paramref name="maxRecords"/> + 1 rows, so the caller can tell that a body had too many.
    /// </summary>
    public static List<T>? ReadCsv<T>(byte[] body, IReadOnlyList<string> columns, IReadOnlyList<string> required, int maxRecords,
        Func<Func<string, string?>, T> map, Validation validation)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8);
        using var csv = new CsvReader(reader, configuration);
        var rows = new List<T>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                validation.Add("body", $"A CSV header line is required ({string.Join(',', columns)}).");
                return null;
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
            foreach (var column in required.Where(c => !header.Contains(c.ToLowerInvariant())))
                validation.Add("header", $"The column '{column}' is missing.");
            if (!validation.IsValid) return null;
            string? Cell(string column) =>
                csv.TryGetField<string>(column.ToLowerInvariant(), out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
            while (rows.Count <= maxRecords && csv.Read())
                rows.Add(map(Cell));
        }
        catch (CsvHelperException e)
        {
            validation.Add("body", $"Not valid CSV near line {e.Context?.Parser?.RawRow}.");
            return null;
        }
        return rows;
    }
}

/// <summary>How a System.Text.Json failure is shown to callers: the field it happened at, and the message without its position suffix.</summary>
public static class JsonErrors
{
    /// <summary>"$.people[3].name" → "people[3].name"; "$[0].kind" → "[0].kind"; the body itself → "body".</summary>
    public static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    public static string Message(JsonException e)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (suffix < 0) suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix > 0 ? message[..suffix] : message;
    }
}
