using System.Buffers;
using System.Text.Json;

namespace RelIntel.Neo4j;

/// <summary>
/// Reads a Query API answer (<c>{"data": {"fields": [...], "values": [[...], ...]}, "errors": [...], "bookmarks": [...], ...}</c>)
/// from its stream with a buffer the size of one row, handing each row to an <see cref="IRowReader{T}"/> as it arrives:
/// an answer of every person of a 300,000-person account is never held whole, as text or as a document.
/// </summary>
internal sealed class StreamedAnswer<T>
{
    private const int FirstBufferBytes = 64 * 1024;

    private readonly Func<IReadOnlyList<string>, IRowReader<T>> open;
    private IRowReader<T>? rows;
    private List<ResponseError>? errors;
    private QueryCounters? counters;
    private ResponseTransaction? transaction;
    private List<string>? bookmarks;
    private Place place = Place.BeforeAnswer;

    private StreamedAnswer(Func<IReadOnlyList<string>, IRowReader<T>> open) => this.open = open;

    /// <summary>Where the reader is in the answer; each place is entered after a whole token or value was read.</summary>
    private enum Place
    {
        BeforeAnswer,
        InAnswer,
        InData,
        InValues,
        Done,
    }

    /// <summary>The answer without its rows, and what the reader made of them (default when the answer had no fields).</summary>
    public static async Task<(QueryResponse Response, T? Result)> ReadAsync(Stream body,
        Func<IReadOnlyList<string>, IRowReader<T>> open, CancellationToken cancellationToken)
    {
        var answer = new StreamedAnswer<T>(open);
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        try
        {
            var filled = 0;
            var final = false;
            var state = new JsonReaderState();
            while (answer.place != Place.Done)
            {
                if (!final)
                {
                    var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                    final = read == 0;
                    filled += read;
                }
                var consumed = answer.Step(buffer, filled, final, ref state);
                if (answer.place == Place.Done) break;
                if (final && consumed == 0) throw new JsonException("The answer ended before it was complete.");
                if (consumed == 0 && filled == buffer.Length)
                {
                    // One value (a row, the errors) is larger than the buffer: a larger one, kept for the rest of the answer.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                    filled -= consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        var response = new QueryResponse(null, answer.errors, answer.counters, answer.transaction, answer.bookmarks);
        return (response, answer.rows is null ? default : answer.rows.Complete());
    }

    /// <summary>
    /// Reads what is whole in <paramref name="buffer"/>: answers how many bytes were used, up to the end of the last whole
    /// token or value (the rest is read again with more bytes), and leaves <paramref name="state"/> there.
    /// </summary>
    private int Step(byte[] buffer, int filled, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
        var used = 0;
        var usedState = state;
        while (place != Place.Done && Next(ref reader, buffer))
        {
            used = (int)reader.BytesConsumed;
            usedState = reader.CurrentState;
        }
        state = usedState;
        return used;
    }

    /// <summary>Reads one token, or one whole value where a value is wanted whole; false when the buffer has too little.</summary>
    private bool Next(ref Utf8JsonReader reader, byte[] buffer)
    {
        if (!reader.Read()) return false;
        switch (place, reader.TokenType)
        {
            case (Place.BeforeAnswer, JsonTokenType.StartObject):
                place = Place.InAnswer;
                return true;
            case (Place.InAnswer, JsonTokenType.EndObject):
                place = Place.Done;
                return true;
            case (Place.InAnswer, JsonTokenType.PropertyName) when reader.ValueTextEquals("data"u8):
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.Null) return true;
                if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("The answer's data is not an object.");
                place = Place.InData;
                return true;
            case (Place.InAnswer, JsonTokenType.PropertyName):
                return AnswerProperty(ref reader);
            case (Place.InData, JsonTokenType.EndObject):
                place = Place.InAnswer;
                return true;
            case (Place.InData, JsonTokenType.PropertyName) when reader.ValueTextEquals("values"u8):
                if (!reader.Read()) return false;
                if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("The answer's values are not a list.");
                place = Place.InValues;
                return true;
            case (Place.InData, JsonTokenType.PropertyName) when reader.ValueTextEquals("fields"u8):
                if (!Whole(ref reader, out var fieldsAt)) return false;
                if (rows is not null) throw new JsonException("The answer's fields came after its values.");
                rows = open(JsonSerializer.Deserialize<List<string>>(ref fieldsAt, GraphJson.Options) ?? []);
                return true;
            case (Place.InData, JsonTokenType.PropertyName):
                return Whole(ref reader, out _);
            case (Place.InValues, JsonTokenType.EndArray):
                place = Place.InData;
                return true;
            case (Place.InValues, JsonTokenType.StartArray):
                return Row(ref reader, buffer);
            default:
                throw new JsonException($"Unexpected {reader.TokenType} in a Query API answer.");
        }
    }

    private bool AnswerProperty(ref Utf8JsonReader reader)
    {
        var name = reader.GetString();
        if (!Whole(ref reader, out var value)) return false;
        switch (name)
        {
            case "errors":
                errors = JsonSerializer.Deserialize<List<ResponseError>>(ref value, GraphJson.Options);
                break;
            case "counters":
                counters = JsonSerializer.Deserialize<QueryCounters>(ref value, GraphJson.Options);
                break;
            case "transaction":
                transaction = JsonSerializer.Deserialize<ResponseTransaction>(ref value, GraphJson.Options);
                break;
            case "bookmarks":
                bookmarks = JsonSerializer.Deserialize<List<string>>(ref value, GraphJson.Options);
                break;
        }
        return true;
    }

    /// <summary>Moves past a property's whole value; <paramref name="value"/> is a reader at its start. False when it is not whole yet.</summary>
    private static bool Whole(ref Utf8JsonReader reader, out Utf8JsonReader value)
    {
        value = reader;
        if (!reader.Read()) return false;
        value = reader;
        return reader.TrySkip();
    }

    /// <summary>One row, handed on once it is whole in the buffer; its document lives only as long as the call.</summary>
    private bool Row(ref Utf8JsonReader reader, byte[] buffer)
    {
        var start = (int)reader.TokenStartIndex;
        if (!reader.TrySkip()) return false;
        using var row = JsonDocument.Parse(buffer.AsMemory(start, (int)reader.BytesConsumed - start));
        (rows ?? throw new JsonException("The answer's values came without its fields.")).Add(row.RootElement);
        return true;
    }
}
