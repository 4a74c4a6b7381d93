using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Features.Reports;

/// <summary>Scheduled reports: how often the scheduler looks, how long reports are kept, how webhooks are retried.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>Whether this instance runs due schedules and deletes old reports (several instances may; each run happens once).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due schedules.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Reports older than this many days are deleted.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>How long a claimed run belongs to the instance that claimed it; after that another instance may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A target's coverage must move by more than this to count as gained or lost between two reports.</summary>
    [Range(0, 1)]
    public double CoverageChangeThreshold { get; set; } = 0.01;

    /// <summary>Retries of a webhook delivery after the first attempt (5xx, 408, 429, timeouts and connection errors).</summary>
    [Range(0, 10)]
    public int WebhookMaxRetries { get; set; } = 3;

    /// <summary>First delay between webhook attempts (exponential back-off with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a report's delivery stays pending while its webhook keeps failing in a way worth retrying: each round of
    /// retries that fails is tried again by the outbox once <see cref="LeaseDuration"/> has passed, until this long after the
    /// report was made. Zero: one round only.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan WebhookGiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Limit for one webhook attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
