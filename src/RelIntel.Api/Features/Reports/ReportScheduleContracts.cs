using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// When to make reports: a 5-field crontab expression in an IANA time zone (default UTC), for the named opportunities
/// (default: every open one), optionally POSTed to a webhook.
/// </summary>
public sealed record ReportScheduleRequest(
    string? Cron,
    string? TimeZone = null,
    IReadOnlyList<string>? OpportunityIds = null,
    string? WebhookUrl = null) : IHasExample<ReportScheduleRequest>, IValidatable
{
    public const int MaxOpportunities = 500;
    public const int MaxUrlLength = 2000;

    public static ReportScheduleRequest Example => new("0 7 * * 1", "Europe/Berlin", ["opp-globex-platform"], "https://crm.example.com/hooks/relintel");

    public Validation Validate() => Validate(out _);

    /// <summary>Checks every field; <paramref name="slots"/> is the parsed timing when cron and time zone are valid.</summary>
    public Validation Validate(out CronSlots? slots)
    {
        var validation = new Validation();
        slots = CronSlots.TryCreate(Cron, TimeZone, out var timingErrors);
        foreach (var (field, message) in timingErrors) validation.Add(field, message);
        if (OpportunityIds is not null)
        {
            if (OpportunityIds.Count is 0 or > MaxOpportunities)
                validation.Add("opportunityIds", $"When given, 1–{MaxOpportunities} opportunity ids; leave it out for every open opportunity.");
            for (var i = 0; i < OpportunityIds.Count; i++) validation.Id($"opportunityIds[{i}]", OpportunityIds[i]);
            if (OpportunityIds.Distinct().Count() != OpportunityIds.Count) validation.Add("opportunityIds", "Each opportunity at most once.");
        }
        if (WebhookUrl is not null && WebhookProblem(WebhookUrl) is { } problem) validation.Add("webhookUrl", problem);
        return validation;
    }

    /// <summary>
    /// Only absolute http or https URLs without credentials in them. The URL is configured by whoever administers
    /// schedules and the service will call it: other schemes (file:, ftp:, gopher:, …) are refused.
    /// </summary>
    public static string? WebhookProblem(string url)
    {
        if (url.Length > MaxUrlLength) return $"Must be at most {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "Must be an absolute http or https URL.";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return "Must be an absolute http or https URL.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Must not carry credentials (user:password@); put a token in the path or query.";
        if (!string.IsNullOrEmpty(uri.Fragment)) return "Must not have a fragment (#…).";
        return null;
    }
}

/// <summary>A report schedule as stored, with the slot it last ran for and when it runs next.</summary>
public sealed record ReportScheduleResponse(
    string Id,
    string Cron,
    string TimeZone,
    IReadOnlyList<string>? OpportunityIds,
    string? WebhookUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastRunSlot,
    DateTimeOffset? LastRunAt,
    IReadOnlyList<string>? LastRunReportIds,
    DateTimeOffset? NextRunAt) : IHasExample<ReportScheduleResponse>
{
    public static ReportScheduleResponse Example => new("weekly-globex", "0 7 * * 1", "Europe/Berlin", ["opp-globex-platform"],
        "https://crm.example.com/hooks/relintel", new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 25, 5, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 5, 25, 5, 0, 12, TimeSpan.Zero), ["rep-3f2a9c"], new DateTimeOffset(2026, 6, 1, 5, 0, 0, TimeSpan.Zero));
}

/// <summary>A schedule's row as the queries return it.</summary>
internal sealed record StoredSchedule(
    string Id,
    string Cron,
    string TimeZone,
    List<string>? OpportunityIds,
    string? WebhookUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NotBefore,
    DateTimeOffset? LastRunSlot,
    DateTimeOffset? CompletedSlot,
    DateTimeOffset? LastRunAt,
    List<string>? LastRunReportIds)
{
    /// <summary>Slots after this one are still to run.</summary>
    public DateTimeOffset RunsAfter => Max(LastRunSlot, NotBefore) ?? CreatedAt;

    public ReportScheduleResponse ToResponse()
    {
        var slots = CronSlots.TryCreate(Cron, TimeZone, out _);
        return new ReportScheduleResponse(Id, Cron, TimeZone, OpportunityIds, WebhookUrl, CreatedAt, UpdatedAt, LastRunSlot, LastRunAt,
            LastRunReportIds, slots?.Next(RunsAfter));
    }

    internal static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
