using System.Buffers;
using System.Text.Json;

namespace RelIntel.Neo4j;

/// <summary>Write counters Neo4j reports for a statement.</summary>
public sealed record QueryCounters(
    int NodesCreated,
    int NodesDeleted,
    int RelationshipsCreated,
    int RelationshipsDeleted,
    int PropertiesSet,
    int ConstraintsAdded,
    int IndexesAdded,
    int LabelsAdded = 0,
    int LabelsRemoved = 0)
{
    /// <summary>Whether the statement changed data (schema changes aside).</summary>
    public bool ChangedData =>
        NodesCreated + NodesDeleted + RelationshipsCreated + RelationshipsDeleted + PropertiesSet + LabelsAdded + LabelsRemoved > 0;
}

/// <summary>The rows of one statement. Map them with <see cref="As{T}"/>: each row becomes a JSON object keyed by column.</summary>
public sealed class QueryResult(IReadOnlyList<string> fields, IReadOnlyList<JsonElement[]> rows, QueryCounters? counters)
{
    public IReadOnlyList<string> Fields { get; } = fields;

    public IReadOnlyList<JsonElement[]> Rows { get; } = rows;

    public QueryCounters? Counters { get; } = counters;

    public IReadOnlyList<T> As<T>() => Rows.Select(MapRow<T>).ToList();

    public T? SingleOrDefault<T>() => Rows.Count switch
    {
        0 => default,
        1 => MapRow<T>(Rows[0]),
        _ => throw new InvalidOperationException($"Expected at most one row, got {Rows.Count}."),
    };

    /// <summary>The value of one column in the first row, or default when there is no row.</summary>
    public T? Scalar<T>(string column)
    {
        if (Rows.Count == 0) return default;
        var index = IndexOf(column);
        return Rows[0][index].Deserialize<T>(GraphJson.Options);
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < Fields.Count; i++)
            if (Fields[i] == column) return i;
        throw new InvalidOperationException($"The result has no column '{column}' (it has {string.Join(", ", Fields)}).");
    }

    private T MapRow<T>(JsonElement[] row)
    {
        // The row is written once as UTF-8 JSON {field: value, ...} and read from there: no strings, no node tree
        // (bulk answers map thousands of rows).
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < Fields.Count; i++)
            {
                writer.WritePropertyName(Fields[i]);
                row[i].WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, GraphJson.Options)
               ?? throw new InvalidOperationException($"A row could not be read as {typeof(T).Name}.");
    }
}

/// <summary>The JSON conventions between C# and Cypher parameters and rows: camelCase names.</summary>
public static class GraphJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The words we store are the words the API speaks.
        Converters = { new KebabEnumConverterFactory() },
    };
}
