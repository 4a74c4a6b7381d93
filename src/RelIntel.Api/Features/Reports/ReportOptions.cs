using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Features.Reports;

/// <summary>Scheduled reports: how often the scheduler looks, how long reports are kept, how long a claimed run is leased.
/// Webhook deliveries (retries, signing) are set under <c>Webhooks</c> (Infrastructure/WebhookOptions.cs).</summary>
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

    /// <summary>How long a claimed run belongs to the instance that claimed it (also the default lease of a claimed delivery); after that another instance may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A target's coverage must move by more than this to count as gained or lost between two reports.</summary>
    [Range(0, 1)]
    public double CoverageChangeThreshold { get; set; } = 0.01;
}
