using System.Runtime.CompilerServices;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using RelIntel.Api.Domain.Interactions;

namespace RelIntel.Api.Features.Capture;

/// <summary>
/// Reads an iCalendar (RFC 5545) export as Outlook, Google and Apple write them: each event's organizer and attendees by
/// address, recurring events expanded into their past occurrences. Descriptions, summaries and locations are never read.
/// </summary>
/// <remarks>
/// The export streams: Ical.Net parses a whole calendar at once, so the reader cuts the text into its components itself,
/// line by line, and gives Ical.Net one event at a time, wrapped in a calendar of its own with the export's calendar
/// properties (METHOD) and the time zones (VTIMEZONE) read so far: exports write them first, so every event keeps its
/// zone. A single event is read and let go at once; a recurring series (RRULE, RDATE) and its exceptions (RECURRENCE-ID,
/// which may come anywhere in the file) are kept as text until the end, then read together. Memory holds one event, the
/// time zones and the recurring series' text, never the export.
/// </remarks>
public static class CalendarReader
{
    /// <summary>How far back a recurring series is expanded: older occurrences weigh next to nothing after eight half-lives.</summary>
    public static readonly TimeSpan RecurrenceLookback = TimeSpan.FromDays(730);

    /// <summary>At most this many occurrences of one series are read (a daily meeting over the lookback fits).</summary>
    public const int MaxOccurrencesPerSeries = 1000;

    /// <summary>An unfolded content line and the physical line it starts on.</summary>
    private readonly record struct ContentLine(string Text, int Number);

    /// <summary>One component inside the calendar (an event, a time zone, ...) as it is read.</summary>
    private sealed class Component(string kind, int line)
    {
        public string Kind { get; } = kind;
        public int Line { get; } = line;
        public StringBuilder Text { get; } = new();
        public string? Uid { get; set; }
        public bool Recurs { get; set; }
    }

    public static async IAsyncEnumerable<Captured> ReadAsync(Stream body, DateTimeOffset now,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var open = new Stack<string>();
        var header = new StringBuilder();
        var series = new Dictionary<string, List<Component>>(StringComparer.Ordinal);
        Component? component = null;
        var (cancelAll, any, last) = (false, false, 0);
        await foreach (var line in LinesAsync(reader, cancellationToken))
        {
            (any, last) = (true, line.Number);
            var (name, value) = Check(line, open);
            if (component is null && open.Count == 2 && name == "BEGIN")
            {
                component = new Component(value, line.Number);
                component.Text.Append(line.Text).Append("\r\n");
                continue;
            }
            if (component is null)
            {
                if (open.Count == 1 && name == "BEGIN") (header, cancelAll) = (new StringBuilder(), false);
                if (open.Count == 1 && name == "METHOD") cancelAll = value == "CANCEL";
                // The calendar's own properties go with every event; its END does not.
                if (open.Count >= 1 && name != "BEGIN") header.Append(line.Text).Append("\r\n");
                continue;
            }
            component.Text.Append(line.Text).Append("\r\n");
            if (open.Count == 2 && name == "UID") component.Uid = line.Text[(line.Text.IndexOf(':') + 1)..].Trim();
            if (open.Count == 2 && name is "RRULE" or "RDATE" or "RECURRENCE-ID") component.Recurs = true;
            if (open.Count > 1) continue;
            // The component ended.
            var done = component;
            component = null;
            if (done.Kind == "VTIMEZONE") header.Append(done.Text);
            if (done.Kind != "VEVENT" || string.IsNullOrWhiteSpace(done.Uid)) continue;
            if (done.Recurs)
            {
                if (!series.TryGetValue(done.Uid, out var parts)) series[done.Uid] = parts = [];
                parts.Add(done);
                continue;
            }
            foreach (var item in ReadEvents(Parse(header, [done]), cancelAll, now)) yield return item;
        }
        if (open.Count > 0) throw new CaptureFormatException($"line {last}", $"BEGIN:{open.Peek()} is never ended.");
        if (!any) throw new CaptureFormatException("line 1", "The calendar is empty.");
        foreach (var parts in series.Values)
            foreach (var item in ReadEvents(Parse(header, parts), cancelAll, now))
                yield return item;
    }

    /// <summary>Events by their UID as Ical.Net reads it (ids derive from it), each series read as one.</summary>
    private static IEnumerable<Captured> ReadEvents(List<CalendarEvent> events, bool cancelAll, DateTimeOffset now) =>
        events.Where(e => !string.IsNullOrWhiteSpace(e.Uid)).GroupBy(e => e.Uid!.Trim())
            .SelectMany(series => ReadSeries(series.Key, series.ToList(), cancelAll, now));

    /// <summary>The events of <paramref name="parts"/>, parsed by Ical.Net in a calendar with <paramref name="header"/>
    /// (the export's properties and time zones).</summary>
    private static List<CalendarEvent> Parse(StringBuilder header, List<Component> parts)
    {
        var text = new StringBuilder("BEGIN:VCALENDAR\r\n").Append(header);
        foreach (var part in parts) text.Append(part.Text);
        text.Append("END:VCALENDAR\r\n");
        try
        {
            var calendar = Calendar.Load(text.ToString()) ?? throw new FormatException("no calendar");
            return calendar.Events.ToList();
        }
        catch (Exception e)
        {
            throw new CaptureFormatException($"line {parts[0].Line}", $"Not a readable event: {e.Message}");
        }
    }

    /// <summary>The content lines of the export, unfolded (a line starting with a space or tab continues the one before).</summary>
    private static async IAsyncEnumerable<ContentLine> LinesAsync(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (physical, start) = (0, 0);
        StringBuilder? logical = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            physical++;
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && logical is not null)
            {
                logical.Append(line, 1, line.Length - 1);
                continue;
            }
            if (logical is not null) yield return new ContentLine(logical.ToString(), start);
            logical = line.Length == 0 ? null : new StringBuilder(line);
            start = physical;
        }
        if (logical is not null) yield return new ContentLine(logical.ToString(), start);
    }

    private static IEnumerable<Captured> ReadSeries(string uid, List<CalendarEvent> events, bool cancelAll, DateTimeOffset now)
    {
        // Exceptions (RECURRENCE-ID) replace the occurrence of the series they name.
        var exceptions = events.Where(e => e.RecurrenceIdentifier is not null).ToList();
        var replaced = exceptions.Select(e => Utc(e.RecurrenceIdentifier!.StartTime)).ToHashSet();
        foreach (var exception in exceptions)
            yield return One(uid, exception, Utc(exception.DtStart!), Utc(exception.RecurrenceIdentifier!.StartTime), cancelAll, now);

        foreach (var master in events.Where(e => e.RecurrenceIdentifier is null))
        {
            if (master.DtStart is null) continue;
            if (master.RecurrenceRule is null && master.RecurrenceDates.GetAllDates().Count() == 0)
            {
                yield return One(uid, master, Utc(master.DtStart), null, cancelAll, now);
                continue;
            }
            var past = master.GetOccurrences(new CalDateTime((now - RecurrenceLookback).UtcDateTime, "UTC"))
                .Select(o => Utc(o.Period.StartTime))
                .TakeWhile(start => start <= now)
                .Where(start => !replaced.Contains(start))
                .Take(MaxOccurrencesPerSeries)
                .ToList();
            if (past.Count == 0 && Utc(master.DtStart) > now) yield return Captured.Skipped(SkipReasons.Future);
            foreach (var start in past) yield return One(uid, master, start, start, cancelAll, now);
        }
    }

    private static Captured One(string uid, CalendarEvent e, DateTimeOffset start, DateTimeOffset? recurrenceId, bool cancelAll, DateTimeOffset now)
    {
        if (cancelAll || string.Equals(e.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase)) return Captured.Skipped(SkipReasons.Cancelled);
        if (start > now) return Captured.Skipped(SkipReasons.Future);
        var addresses = new List<string?> { CaptureIds.Address(e.Organizer?.Value?.OriginalString) };
        addresses.AddRange(e.Attendees.Where(Attends).Select(a => CaptureIds.Address(a.Value?.OriginalString)));
        return new Captured(CaptureIds.Meeting(uid, recurrenceId), start, InteractionKind.Meeting,
            addresses.OfType<string>().Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Declined attendees were not there; rooms and resources are not people.</summary>
    private static bool Attends(Attendee attendee) =>
        !string.Equals(attendee.ParticipationStatus, "DECLINED", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(attendee.Type, "ROOM", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(attendee.Type, "RESOURCE", StringComparison.OrdinalIgnoreCase);

    private static DateTimeOffset Utc(CalDateTime value) => new(DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc));

    /// <summary>
    /// A content line's shape (RFC 5545 §3.1), checked as it is read so a bad file is refused naming its line: every
    /// unfolded line is <c>NAME[;params]:value</c>, the first is BEGIN:VCALENDAR, and BEGIN/END pair up. The answer: the
    /// line's name and value in upper case (after BEGIN and END, <paramref name="open"/> says how deep the line is).
    /// </summary>
    private static (string Name, string Value) Check(ContentLine line, Stack<string> open)
    {
        var (text, number) = line;
        var colon = text.IndexOf(':');
        var name = colon > 0 ? text[..colon].Split(';')[0].ToUpperInvariant() : "";
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new CaptureFormatException($"line {number}", "Not an iCalendar content line (NAME:value).");
        var value = text[(colon + 1)..].Trim().ToUpperInvariant();
        if (open.Count == 0 && !(name == "BEGIN" && value == "VCALENDAR"))
            throw new CaptureFormatException($"line {number}", "Expected BEGIN:VCALENDAR.");
        if (name == "BEGIN") open.Push(value);
        else if (name == "END")
        {
            if (open.Count == 0 || open.Peek() != value)
                throw new CaptureFormatException($"line {number}", $"END:{value} does not close {(open.Count == 0 ? "anything" : "BEGIN:" + open.Peek())}.");
            open.Pop();
        }
        return (name, value);
    }
}
