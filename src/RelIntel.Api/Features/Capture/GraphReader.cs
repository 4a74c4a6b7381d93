using System.Globalization;
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
    public static async Task<IReadOnlyList<Captured>> ReadAsync(Stream body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new CaptureFormatException($"line {(e.LineNumber ?? 0) + 1}", "Not valid JSON.");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("value", out var value)
                || value.ValueKind != JsonValueKind.Array)
                throw new CaptureFormatException("value", "Send Microsoft Graph's {\"value\": [...]} of events or messages.");
            var captured = new List<Captured>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var where = $"value[{index++}]";
                if (item.ValueKind != JsonValueKind.Object) throw new CaptureFormatException(where, "Must be an event or a message.");
                captured.Add(item.TryGetProperty("start", out _) || item.TryGetProperty("attendees", out _)
                    ? Event(item, where, now)
                    : Message(item, where, now));
            }
            return captured;
        }
    }

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
