using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RelIntel.Api.Domain.Interactions;

namespace RelIntel.Api.Features.Capture;

/// <summary>
/// Reads Microsoft Graph's shapes as a sync job sends them: <c>{"value": [event…]}</c> (organizer, attendees with their
/// response status and type, <c>isCancelled</c>, <c>start</c>; occurrences from <c>calendarView</c> carry
/// <c>originalStart</c>) or <c>{"value": [message…]}</c> (from, toRecipients, ccRecipients, sentDateTime,
/// internetMessageId). Ids match those of the same meeting's iCalendar export (<c>iCalUId</c>) and the same message's
/// Message-ID, so a meeting imported both ways is one interaction. Subjects and bodies are never read.
/// </summary>
public static class GraphReader
{
    /// <summary>The first read of the body, grown while one item of <c>value</c> does not fit (up to the body's own bound).</summary>
    private const int InitialBuffer = 64 * 1024;

    /// <summary>
    /// The items of <c>value</c> one by one as they stream in (a <see cref="Utf8JsonReader"/> over a refilled buffer): the
    /// body is never held whole, only the item being read. Other properties (<c>@odata.context</c>, <c>@odata.nextLink</c>)
    /// are skipped.
    /// </summary>
    public static async IAsyncEnumerable<Captured> ReadAsync(Stream body, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[InitialBuffer];
        var (length, final) = (0, false);
        var scan = new Scan();
        var items = new List<JsonDocument>();
        while (scan.Stage != Stage.Done)
        {
            if (!final)
            {
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                length += read;
                final = read == 0;
            }
            var consumed = Advance(buffer.AsSpan(0, length), final, scan, items);
            foreach (var item in items)
            {
                using (item) yield return Item(item.RootElement, $"value[{scan.Index++}]", now);
            }
            items.Clear();
            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            if (final && scan.Stage != Stage.Done)
                throw new CaptureFormatException(scan.Stage == Stage.Start ? "line 1" : "value", "The JSON ends too soon.");
        }
    }

    private enum Stage
    {
        Start,
        Root,
        Value,
        Done,
    }

    /// <summary>Where the scan of the body is between two reads.</summary>
    private sealed class Scan
    {
        public Stage Stage = Stage.Start;
        public JsonReaderState State = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        public bool SawValue;
        public int Index;
    }

    /// <summary>Reads what <paramref name="data"/> holds of the body: the items of <c>value</c> complete in it go to
    /// <paramref name="items"/>; the answer is how many bytes were used (the rest is read again with more data).</summary>
    private static int Advance(ReadOnlySpan<byte> data, bool final, Scan scan, List<JsonDocument> items)
    {
        // Each step starts from the last complete one: a token cut off by the end of this read is read again with more data.
        var reader = new Utf8JsonReader(data, final, scan.State);
        var used = 0;
        try
        {
            while (scan.Stage != Stage.Done)
            {
                if (!reader.Read()) return used;
                switch (scan.Stage)
                {
                    case Stage.Start:
                        if (reader.TokenType != JsonTokenType.StartObject) throw NotGraph();
                        scan.Stage = Stage.Root;
                        break;
                    case Stage.Root when reader.TokenType == JsonTokenType.EndObject:
                        if (!scan.SawValue) throw NotGraph();
                        scan.Stage = Stage.Done;
                        break;
                    case Stage.Root when reader.ValueTextEquals("value"u8):
                        if (!reader.Read()) return used;
                        if (reader.TokenType != JsonTokenType.StartArray) throw NotGraph();
                        (scan.Stage, scan.SawValue) = (Stage.Value, true);
                        break;
                    case Stage.Root:
                        // Another property (@odata.context, @odata.nextLink): its value is skipped.
                        if (!reader.TrySkip()) return used;
                        break;
                    case Stage.Value when reader.TokenType == JsonTokenType.EndArray:
                        scan.Stage = Stage.Root;
                        break;
                    case Stage.Value when reader.TokenType == JsonTokenType.StartObject:
                        if (!JsonDocument.TryParseValue(ref reader, out var item)) return used;
                        items.Add(item);
                        break;
                    default:
                        throw new CaptureFormatException($"value[{scan.Index + items.Count}]", "Must be an event or a message.");
                }
                scan.State = reader.CurrentState;
                used = (int)reader.BytesConsumed;
            }
            return used;
        }
        catch (JsonException e)
        {
            throw new CaptureFormatException($"line {(e.LineNumber ?? 0) + 1}", "Not valid JSON.");
        }
    }

    private static CaptureFormatException NotGraph() =>
        new("value", "Send Microsoft Graph's {\"value\": [...]} of events or messages.");

    private static Captured Item(JsonElement item, string where, DateTimeOffset now) =>
        item.TryGetProperty("start", out _) || item.TryGetProperty("attendees", out _) ? Event(item, where, now) : Message(item, where, now);

    private static Captured Event(JsonElement e, string where, DateTimeOffset now)
    {
        if (e.TryGetProperty("isCancelled", out var cancelled) && cancelled.ValueKind == JsonValueKind.True) return Captured.Skipped(SkipReasons.Cancelled);
        var start = e.TryGetProperty("start", out var s) ? GraphTime(s) : null;
        if (start is null) throw new CaptureFormatException($"{where}.start", "Needs dateTime and timeZone.");
        if (start > now) return Captured.Skipped(SkipReasons.Future);
        var uid = Text(e, "iCalUId") ?? Text(e, "id") ?? throw new CaptureFormatException($"{where}.iCalUId", "Required (or id).");
        DateTimeOffset? recurrenceId = Text(e, "type") is "occurrence" or "exception" && Text(e, "originalStart") is { } original
            && DateTimeOffset.TryParse(original, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var o) ? o : null;
        var addresses = new List<string?> { Address(e, "organizer") };
        if (e.TryGetProperty("attendees", out var attendees) && attendees.ValueKind == JsonValueKind.Array)
        {
            addresses.AddRange(attendees.EnumerateArray()
                .Where(a => Text(a, "type") != "resource" && Nested(a, "status", "response") != "declined")
                .Select(a => CaptureIds.Address(Nested(a, "emailAddress", "address"))));
        }
        return new Captured(CaptureIds.Meeting(uid, recurrenceId), start.Value, InteractionKind.Meeting,
            addresses.OfType<string>().Distinct(StringComparer.Ordinal).ToList());
    }

    private static Captured Message(JsonElement m, string where, DateTimeOffset now)
    {
        if (Text(m, "sentDateTime") is not { } sentText || !DateTimeOffset.TryParse(sentText, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var sent))
            throw new CaptureFormatException($"{where}.sentDateTime", "Required: when the message was sent (ISO 8601).");
        if (sent > now) return Captured.Skipped(SkipReasons.Future);
        var addresses = new List<string?> { Address(m, "from") };
        foreach (var field in new[] { "toRecipients", "ccRecipients" })
        {
            if (m.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
                addresses.AddRange(list.EnumerateArray().Select(r => CaptureIds.Address(Nested(r, "emailAddress", "address"))));
        }
        var distinct = addresses.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var id = Text(m, "internetMessageId") is { Length: > 0 } messageId
            ? CaptureIds.Message(messageId)
            : CaptureIds.For("mail", $"{sent.UtcDateTime:O}|{string.Join(",", distinct)}");
        return new Captured(id, sent, InteractionKind.Email, distinct);
    }

    /// <summary>Graph's <c>{dateTime, timeZone}</c>: the zone is UTC, an IANA name or a Windows name (Outlook's default).</summary>
    private static DateTimeOffset? GraphTime(JsonElement value)
    {
        if (Text(value, "dateTime") is not { } text
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var zoneName = Text(value, "timeZone") ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone)) return null;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    private static string? Address(JsonElement e, string property) => CaptureIds.Address(Nested(e, property, "emailAddress", "address"));

    private static string? Nested(JsonElement e, params string[] path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
