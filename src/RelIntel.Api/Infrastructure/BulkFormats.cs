using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace RelIntel.Api.Infrastructure;

/// <summary>The records of a JSON bulk body, and the body object's other properties (such as an import's <c>mode</c>).</summary>
public sealed record JsonRecords<T>(IReadOnlyList<T> Items, IReadOnlyDictionary<string, JsonElement> Properties);

/// <summary>
/// A bulk record that remembers which of its fields were sent, so that a merge keeps what is stored for the others
/// (a JSON <c>null</c> is sent, and clears).
/// </summary>
public interface ISentFields<out TSelf>
{
    TSelf WithSent(IReadOnlySet<string> sent);
}

/// <summary>The rows of a CSV bulk body, and the columns of its header that were skipped as unknown.</summary>
public sealed record CsvRecords<T>(List<T> Items, IReadOnlyList<string> IgnoredColumns);

/// <summary>
/// Reading bulk bodies record by record as they stream in: a JSON array (the body, or one property of the body object)
/// or CSV rows by column name. A null record, a record of the wrong type or one record too many is a 400 naming its
/// index, found when that record arrives, before the rest of the body is read. Mistakes land in a <see cref="Validation"/>.
/// </summary>
public static class BulkFormats
{
    /// <summary>
    /// The elements of the JSON array at <paramref name="arrayProperty"/> of the body object (null: the body is the array),
    /// at most <paramref name="maxRecords"/>; null when the body is refused (see <paramref name="validation"/>).
    /// </summary>
    public static async Task<JsonRecords<T>?> ReadJsonAsync<T>(Stream body, JsonSerializerOptions options, string? arrayProperty,
        int maxRecords, Validation validation, CancellationToken cancellationToken) where T : class
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var parser = new JsonRecordParser<T>(options, arrayProperty, maxRecords, validation);
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var consumed = parser.Parse(buffer, result.IsCompleted);
                reader.AdvanceTo(consumed, buffer.End);
                if (parser.Done) break;
                if (result.IsCompleted)
                {
                    validation.Add("body", parser.NothingRead ? parser.Required : "The JSON ends too early.");
                    break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
        return validation.IsValid ? new JsonRecords<T>(parser.Items, parser.Properties) : null;
    }

    /// <summary>
    /// Maps each CSV row with <paramref name="map"/> (cells by column name; blank cells and absent columns are null),
    /// with the checks of <see cref="ReadCsvRowsAsync{T}"/> and unknown columns refused.
    /// </summary>
    public static async Task<List<T>?> ReadCsvAsync<T>(Stream body, IReadOnlyList<string> columns, IReadOnlyList<string> required,
        int maxRecords, string recordsField, Func<Func<string, string?>, T> map, Validation validation) =>
        (await ReadCsvRowsAsync(body, columns, required, maxRecords, recordsField, row => map(row.Cell), validation))?.Items;

    /// <summary>
    /// Maps each CSV row with <paramref name="map"/>. The separator (comma, semicolon or tab) is the one the header line
    /// uses. Columns are matched by name, case-insensitively; a column this import does not know is a 400 naming it (with
    /// the nearest known name) unless <paramref name="ignoreUnknownColumns"/>, and then it is listed in the answer's
    /// <see cref="CsvRecords{T}.IgnoredColumns"/>. A row with another number of cells than the header is a 400 naming the row;
    /// more than <paramref name="maxRecords"/> rows is a 400, found at the row after the last allowed.
    /// </summary>
    public static async Task<CsvRecords<T>?> ReadCsvRowsAsync<T>(Stream body, IReadOnlyList<string> columns, IReadOnlyList<string> required,
        int maxRecords, string recordsField, Func<CsvRow, T> map, Validation validation, bool ignoreUnknownColumns = false)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, leaveOpen: true);
        var headerLine = await reader.ReadLineAsync();
        if (string.IsNullOrWhiteSpace(headerLine))
        {
            validation.Add("body", $"A CSV header line is required ({string.Join(',', columns)}).");
            return null;
        }
        if (CsvHeader.Read(headerLine, columns, required, ignoreUnknownColumns, validation) is not { } header) return null;

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = header.Separator,
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
        };
        using var parser = new CsvParser(reader, configuration);
        var rows = new List<T>();
        try
        {
            while (await parser.ReadAsync())
            {
                var cells = parser.Record!;
                var field = $"{recordsField}[{rows.Count}]";
                if (rows.Count == maxRecords)
                {
                    validation.Add($"{recordsField}[{maxRecords}]", $"At most {maxRecords} records per call.");
                    return null;
                }
                if (cells.Length != header.Names.Count)
                {
                    // Row numbers count records from 1 (the header is not one); the line counts every line of the file.
                    validation.Add(field, $"Row {rows.Count + 1} (line {parser.RawRow + 1} of the file) has {cells.Length} " +
                                          $"cell(s); the header has {header.Names.Count}. Quote a cell that holds the separator '{Shown(header.Separator)}'.");
                    return null;
                }
                rows.Add(map(new CsvRow(header.Index, cells)));
            }
        }
        catch (CsvHelperException e)
        {
            validation.Add("body", $"Not valid CSV near line {e.Context?.Parser?.RawRow + 1}.");
            return null;
        }
        return new CsvRecords<T>(rows, header.Ignored);
    }

    internal static string Shown(string separator) => separator == "\t" ? "tab" : separator;

    /// <summary>
    /// Walks the JSON as it arrives: the body object's properties, then each element of the records array, deserialized
    /// as soon as it is complete in the buffer. An element that is not complete yet is left for the next read.
    /// </summary>
    private sealed class JsonRecordParser<T>(JsonSerializerOptions options, string? arrayProperty, int maxRecords, Validation validation)
        where T : class
    {
        private enum Phase
        {
            Start,
            InObject,
            InArray,
            AfterArray,
            End,
        }

        private Phase phase = Phase.Start;
        private JsonReaderState state = new(new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        private string? pendingProperty;
        private bool sawArray;

        public List<T> Items { get; } = [];

        public Dictionary<string, JsonElement> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

        public bool Done { get; private set; }

        public bool NothingRead => phase == Phase.Start;

        public string Required => arrayProperty is null ? "A JSON array of records is required." : "A JSON object is required.";

        private string Field(int index) => arrayProperty is null ? $"[{index}]" : $"{arrayProperty}[{index}]";

        /// <summary>Consumes what it can of <paramref name="buffer"/>; answers how far it got.</summary>
        public SequencePosition Parse(ReadOnlySequence<byte> buffer, bool isFinal)
        {
            var reader = new Utf8JsonReader(buffer, isFinal, state);
            try
            {
                while (!Done)
                {
                    var checkpoint = reader;
                    if (!Step(ref reader))
                    {
                        reader = checkpoint;
                        break;
                    }
                }
            }
            catch (JsonException e)
            {
                validation.Add(phase == Phase.InArray ? Field(Items.Count) : "body", JsonErrors.Message(e));
                Done = true;
            }
            state = reader.CurrentState;
            return reader.Position;
        }

        /// <summary>One step forward; false when the buffer does not hold enough for it yet.</summary>
        private bool Step(ref Utf8JsonReader reader)
        {
            switch (phase)
            {
                case Phase.Start:
                    if (!reader.Read()) return false;
                    if (arrayProperty is null)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray) return Refuse("body", Required);
                        phase = Phase.InArray;
                    }
                    else
                    {
                        if (reader.TokenType != JsonTokenType.StartObject) return Refuse("body", Required);
                        phase = Phase.InObject;
                    }
                    return true;

                case Phase.InObject:
                case Phase.AfterArray:
                    if (pendingProperty is null)
                    {
                        if (!reader.Read()) return false;
                        if (reader.TokenType == JsonTokenType.EndObject)
                        {
                            if (!sawArray) validation.Add(arrayProperty!, "Required.");
                            phase = Phase.End;
                            return true;
                        }
                        pendingProperty = reader.GetString();
                        return true;
                    }
                    var value = reader;
                    if (!value.Read()) return false;
                    if (string.Equals(pendingProperty, arrayProperty, StringComparison.OrdinalIgnoreCase))
                    {
                        // The records are read one by one as they arrive, never the whole array at once.
                        reader.Read();
                        pendingProperty = null;
                        if (reader.TokenType == JsonTokenType.Null) return true;
                        if (reader.TokenType != JsonTokenType.StartArray) return Refuse(arrayProperty!, "Must be an array of records.");
                        sawArray = true;
                        phase = Phase.InArray;
                        return true;
                    }
                    if (!value.TrySkip()) return false;
                    reader.Read();
                    Properties[pendingProperty!] = JsonElement.ParseValue(ref reader);
                    pendingProperty = null;
                    return true;

                case Phase.InArray:
                    var element = reader;
                    if (!element.Read()) return false;
                    if (element.TokenType == JsonTokenType.EndArray)
                    {
                        reader.Read();
                        phase = arrayProperty is null ? Phase.End : Phase.AfterArray;
                        return true;
                    }
                    if (Items.Count == maxRecords) return Refuse(Field(maxRecords), $"At most {maxRecords} records per call.");
                    var complete = element;
                    if (!complete.TrySkip()) return false;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null) return Refuse(Field(Items.Count), "Must be a record, not null.");
                    if (reader.TokenType != JsonTokenType.StartObject) return Refuse(Field(Items.Count), "Must be a record (a JSON object).");
                    T? item;
                    try
                    {
                        var sent = TracksSentFields ? SentFields(reader) : null;
                        item = JsonSerializer.Deserialize<T>(ref reader, options);
                        if (item is ISentFields<T> merging) item = merging.WithSent(sent!);
                    }
                    catch (JsonException e)
                    {
                        var inner = JsonErrors.Field(e.Path);
                        return Refuse(inner == "body" ? Field(Items.Count) : $"{Field(Items.Count)}.{inner}", JsonErrors.Message(e));
                    }
                    Items.Add(item!);
                    return true;

                case Phase.End:
                    // Only white space may follow the body's value.
                    if (reader.Read()) return Refuse("body", "Nothing may follow the JSON value.");
                    if (!reader.IsFinalBlock) return false;
                    Done = true;
                    return true;

                default:
                    throw new InvalidOperationException($"Unknown phase {phase}.");
            }
        }

        private static readonly bool TracksSentFields = typeof(ISentFields<T>).IsAssignableFrom(typeof(T));

        /// <summary>The names of the record's own members, read from a copy of the reader at its start.</summary>
        private static HashSet<string> SentFields(Utf8JsonReader record)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var depth = record.CurrentDepth;
            while (record.Read() && record.CurrentDepth > depth)
            {
                if (record.TokenType != JsonTokenType.PropertyName) continue;
                names.Add(record.GetString()!);
                record.Read();
                record.TrySkip();
            }
            return names;
        }

        private bool Refuse(string field, string message)
        {
            validation.Add(field, message);
            Done = true;
            return true;
        }
    }
}

/// <summary>How a System.Text.Json failure is shown to callers: the field it happened at, and a message in their terms.</summary>
public static partial class JsonErrors
{
    /// <summary>"$.people[3].name" → "people[3].name"; "$[0].kind" → "[0].kind"; the body itself → "body".</summary>
    public static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>
    /// The message without the framework's position suffix and advice about its reader options, the wrong type named as the
    /// JSON type expected, and (<paramref name="withPosition"/>) where in the body it happened, counted from 1.
    /// </summary>
    public static string Message(JsonException e, bool withPosition = true)
    {
        var message = e.Message;
        var suffix = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (suffix < 0) suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix > 0) message = message[..suffix];
        // Reading a constructor parameter, the message names the record, not the field's type; the inner exception says
        // which JSON type was found and which one was wanted.
        message = e.InnerException is InvalidOperationException && WrongToken().Match(e.InnerException.Message) is { Success: true } token
            ? $"Must be a JSON {token.Groups["want"].Value}, not a {token.Groups["got"].Value.ToLowerInvariant()}."
            : ConvertedTo().Match(message) is { Success: true } conversion
            ? Expected(conversion.Groups["type"].Value)
            : message.Replace(" which is not supported in this mode", "", StringComparison.Ordinal)
                .Replace(" Change the reader options.", "", StringComparison.Ordinal)
                .Replace("the reader options", "JSON", StringComparison.Ordinal);
        return withPosition && e.LineNumber is { } line
            ? $"{message.TrimEnd('.')}. At line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}."
            : message;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"token type '(?<got>\w+)' as an? (?<want>\w+)")]
    private static partial System.Text.RegularExpressions.Regex WrongToken();

    [System.Text.RegularExpressions.GeneratedRegex(@"^The JSON value could not be converted to (?<type>.+?)\.?$")]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    /// <summary>What a .NET type is in JSON terms.</summary>
    private static string Expected(string type)
    {
        // "System.Nullable`1[System.Int32]", "System.Collections.Generic.List`1[...]": the type that matters is inside.
        string[] numbers = ["System.Int32", "System.Int64", "System.Double", "System.Decimal", "System.Single"];
        bool Is(params string[] names) => names.Any(n => type.Contains(n, StringComparison.Ordinal));
        return type switch
        {
            _ when Is("List`1", "[]", "IReadOnlyList`1") => "Must be a JSON array.",
            _ when Is(numbers) => "Must be a JSON number (not text).",
            _ when Is("System.Boolean") => "Must be true or false (not text).",
            _ when Is("System.DateOnly") => "Must be a date as text: yyyy-MM-dd.",
            _ when Is("System.DateTimeOffset", "System.DateTime") => "Must be a date and time as text (ISO 8601).",
            _ when Is("System.String") => "Must be a JSON string.",
            _ => "Must be a JSON object of the documented shape.",
        };
    }
}
