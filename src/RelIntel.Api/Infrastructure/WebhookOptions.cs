using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Webhook deliveries through the outbox (<see cref="Outbox"/>): how often the worker looks, how long a claimed delivery
/// belongs to its instance, how failures are retried, the secret every delivery is signed with, and where introduction
/// events go. The retry settings were once <c>Reports:Webhook*</c>; those keys are still read where <c>Webhooks:*</c> is unset.
/// </summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>Whether this instance runs the outbox worker (sweeps, then pending deliveries); several instances may.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often the worker looks.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed delivery belongs to the instance that claimed it; a failed round is tried again after it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after the first attempt (5xx, 408, 429, timeouts and connection errors).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First delay between attempts (exponential back-off with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after an entry was made a delivery that keeps failing stays pending. Zero: one round of retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Limit for one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The shared secret deliveries are signed with: <c>X-RelIntel-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>.
    /// Unset: deliveries go unsigned.
    /// </summary>
    public string? SigningSecret { get; set; }

    /// <summary>Where introduction events go (absolute http(s) URL); unset: they are dropped when the outbox looks at them.</summary>
    public string? IntroductionsUrl { get; set; }

    /// <summary>The introductions webhook as a URL, or null.</summary>
    public Uri? IntroductionsWebhook => Uri.TryCreate(IntroductionsUrl, UriKind.Absolute, out var url) ? url : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IntroductionsUrl is not null && IntroductionsWebhook is not { Scheme: "http" or "https" })
            yield return new ValidationResult("Webhooks:IntroductionsUrl must be an absolute http(s) URL.", [nameof(IntroductionsUrl)]);
        if (SigningSecret is { Length: < 16 })
            yield return new ValidationResult("Webhooks:SigningSecret must be at least 16 characters.", [nameof(SigningSecret)]);
    }

    /// <summary>Reads the settings, the old <c>Reports:Webhook*</c> keys first so <c>Webhooks:*</c> win.</summary>
    public static void Bind(WebhookOptions options, IConfiguration configuration)
    {
        var reports = configuration.GetSection("Reports");
        options.LeaseDuration = reports.GetValue(nameof(LeaseDuration), options.LeaseDuration);
        options.MaxRetries = reports.GetValue("WebhookMaxRetries", options.MaxRetries);
        options.RetryDelay = reports.GetValue("WebhookRetryDelay", options.RetryDelay);
        options.GiveUpAfter = reports.GetValue("WebhookGiveUpAfter", options.GiveUpAfter);
        options.Timeout = reports.GetValue("WebhookTimeout", options.Timeout);
        configuration.GetSection(Section).Bind(options);
    }
}
