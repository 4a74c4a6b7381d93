using NCrontab;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// A 5-field crontab expression in an IANA time zone, and the slots (instants) it names. Slots are worked out in the
/// zone's wall-clock time and returned in UTC; a wall-clock time skipped by a daylight-saving change is skipped, an
/// ambiguous one is taken at its standard-time offset.
/// </summary>
public sealed class CronSlots
{
    private static readonly CrontabSchedule.ParseOptions FiveFields = new() { IncludingSeconds = false };

    private readonly CrontabSchedule schedule;
    private readonly TimeZoneInfo zone;

    private CronSlots(CrontabSchedule schedule, TimeZoneInfo zone) => (this.schedule, this.zone) = (schedule, zone);

    /// <summary>Parses both, or says what is wrong (field name → message).</summary>
    public static CronSlots? TryCreate(string? cron, string? timeZone, out Dictionary<string, string> errors)
    {
        errors = [];
        CrontabSchedule? schedule = null;
        if (string.IsNullOrWhiteSpace(cron)) errors["cron"] = "Required: a 5-field crontab expression, e.g. '0 7 * * 1'.";
        else if (cron.Length > 200) errors["cron"] = "Must be at most 200 characters.";
        else if (Normalize(cron).Split(' ').Length != 5)
            errors["cron"] = "Must have 5 fields: minute hour day-of-month month day-of-week, e.g. '0 7 * * 1'.";
        else
        {
            try
            {
                schedule = CrontabSchedule.Parse(Normalize(cron), FiveFields);
            }
            catch (CrontabException e)
            {
                errors["cron"] = $"Not a valid crontab expression: {e.Message}";
            }
        }
        var zone = Zone(timeZone, errors);
        return schedule is not null && zone is not null ? new CronSlots(schedule, zone) : null;
    }

    /// <summary>The fields separated by single spaces, as stored.</summary>
    public static string Normalize(string cron) => string.Join(' ', cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static TimeZoneInfo? Zone(string? timeZone, Dictionary<string, string> errors)
    {
        if (timeZone is null) return TimeZoneInfo.Utc;
        if (timeZone.Length is 0 or > 100 || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            errors["timeZone"] = "Must be an IANA time zone id, e.g. Europe/Berlin or America/New_York.";
            return null;
        }
        // Windows ids would be found too on some systems; we store and speak IANA ids only.
        if (!zone.HasIanaId && timeZone != "UTC")
        {
            errors["timeZone"] = "Must be an IANA time zone id, e.g. Europe/Berlin or America/New_York.";
            return null;
        }
        return zone;
    }

    /// <summary>The first slot strictly after <paramref name="after"/>, or null when there is none within a few years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var end = local.AddYears(5);
        while (local < end)
        {
            var next = schedule.GetNextOccurrence(local, end);
            if (next >= end) return null;
            if (ToUtc(next) is { } utc && utc > after) return utc;
            local = next;
        }
        return null;
    }

    /// <summary>
    /// The latest slot in (<paramref name="after"/>, <paramref name="now"/>]: what is due now. However many slots passed
    /// since (the service was down), only the latest is due.
    /// </summary>
    public DateTimeOffset? Latest(DateTimeOffset after, DateTimeOffset now)
    {
        if (now <= after) return null;
        var horizon = now.AddYears(-10);
        if (after < horizon) after = horizon;
        // Look back in growing windows, so a minutely schedule after a long downtime costs little.
        var window = TimeSpan.FromHours(1);
        while (true)
        {
            var from = now - after > window ? now - window : after;
            DateTimeOffset? latest = null;
            var candidate = Next(from);
            while (candidate is { } slot && slot <= now)
            {
                latest = slot;
                candidate = Next(slot);
            }
            if (latest is not null || from == after) return latest;
            window *= 8;
        }
    }

    private DateTimeOffset? ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) return null;
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}
