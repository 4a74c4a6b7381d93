using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using RelIntel.Api.Domain.Interactions;

namespace RelIntel.Api.Features.Capture;

/// <summary>
/// Reads an iCalendar (RFC 5545) export as Outlook, Google and Apple write them: each event's organizer and attendees by
/// address, recurring events expanded into their past occurrences. Descriptions, summaries and locations are never read.
/// </summary>
public static class CalendarReader
{
    /// <summary>How far back a recurring series is expanded: older occurrences weigh next to nothing after eight half-lives.</summary>
    public static readonly TimeSpan RecurrenceLookback = TimeSpan.FromDays(730);

    /// <summary>At most this many occurrences of one series are read (a daily meeting over the lookback fits).</summary>
    public const int MaxOccurrencesPerSeries = 1000;

    public static IReadOnlyList<Captured> Read(string text, DateTimeOffset now)
    {
        CheckLines(text);
        Calendar calendar;
        try
        {
            calendar = Calendar.Load(text) ?? throw new CaptureFormatException("line 1", "Not an iCalendar (BEGIN:VCALENDAR).");
        }
        catch (Exception e) when (e is not CaptureFormatException)
        {
            throw new CaptureFormatException("calendar", $"Not a readable iCalendar: {e.Message}");
        }
        var cancelAll = string.Equals(calendar.Method, "CANCEL", StringComparison.OrdinalIgnoreCase);
        var captured = new List<Captured>();
        foreach (var series in calendar.Events.Where(e => !string.IsNullOrWhiteSpace(e.Uid)).GroupBy(e => e.Uid!.Trim()))
            captured.AddRange(ReadSeries(series.Key, series.ToList(), cancelAll, now));
        return captured;
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
    /// The content lines' shape (RFC 5545 §3.1), checked before parsing so a bad file is refused naming its line: every
    /// unfolded line is <c>NAME[;params]:value</c>, and BEGIN/END pair up.
    /// </summary>
    private static void CheckLines(string text)
    {
        var open = new Stack<string>();
        var physical = 0;
        var logicalStart = 0;
        string? logical = null;
        using var reader = new StringReader(text);
        while (true)
        {
            var line = reader.ReadLine();
            physical++;
            if (line is not null && line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && logical is not null)
            {
                logical += line[1..];
                continue;
            }
            if (logical is not null) CheckLine(logical, logicalStart, open);
            if (line is null) break;
            logical = line.Length == 0 ? null : line;
            logicalStart = physical;
        }
        if (open.Count > 0) throw new CaptureFormatException($"line {physical - 1}", $"BEGIN:{open.Peek()} is never ended.");
        if (logicalStart == 0) throw new CaptureFormatException("line 1", "The calendar is empty.");
    }

    private static void CheckLine(string line, int number, Stack<string> open)
    {
        var colon = line.IndexOf(':');
        var name = colon > 0 ? line[..colon].Split(';')[0] : "";
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new CaptureFormatException($"line {number}", "Not an iCalendar content line (NAME:value).");
        if (open.Count == 0 && !(name.Equals("BEGIN", StringComparison.OrdinalIgnoreCase) && line[(colon + 1)..].Trim().Equals("VCALENDAR", StringComparison.OrdinalIgnoreCase)))
            throw new CaptureFormatException($"line {number}", "Expected BEGIN:VCALENDAR.");
        var value = line[(colon + 1)..].Trim().ToUpperInvariant();
        if (name.Equals("BEGIN", StringComparison.OrdinalIgnoreCase)) open.Push(value);
        else if (name.Equals("END", StringComparison.OrdinalIgnoreCase))
        {
            if (open.Count == 0 || open.Peek() != value)
                throw new CaptureFormatException($"line {number}", $"END:{value} does not close {(open.Count == 0 ? "anything" : "BEGIN:" + open.Peek())}.");
            open.Pop();
        }
    }
}
