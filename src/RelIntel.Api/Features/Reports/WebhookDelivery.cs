using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// POSTs a report as JSON to a schedule's webhook, retrying what may succeed later (connection errors, timeouts, 408,
/// 429, 5xx) with exponential back-off and jitter (Polly), and answers every attempt of the round for the report's record.
/// Redirects are not followed. Webhook URLs are set by whoever administers schedules; only absolute http(s) URLs are
/// accepted (see <see cref="ReportScheduleRequest"/>).
/// </summary>
public sealed class WebhookDelivery(
    IHttpClientFactory clients,
    IOptions<ReportOptions> options,
    IOptions<JsonOptions> json,
    TimeProvider clock,
    ILogger<WebhookDelivery> logger)
{
    public const string Client = "report-webhooks";

    private sealed class AttemptFailed(string message) : Exception(message);

    public async Task<IReadOnlyList<DeliveryAttempt>> DeliverAsync(ReportResponse report, Uri url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AttemptFailed>(),
                MaxRetryAttempts = Math.Max(settings.WebhookMaxRetries, 0),
                Delay = settings.WebhookRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
        var body = JsonSerializer.Serialize(report, json.Value.SerializerOptions);
        var attempts = new List<DeliveryAttempt>();
        using var client = clients.CreateClient(Client);
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                var number = attempts.Count + 1;
                var at = clock.GetUtcNow();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(settings.WebhookTimeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url)
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("X-RelIntel-Report-Id", report.Id);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        attempts.Add(new DeliveryAttempt(number, at, status, null, DeliveryOutcome.Delivered));
                        return;
                    }
                    var worthRetrying = status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
                    attempts.Add(new DeliveryAttempt(number, at, status, null, worthRetrying ? DeliveryOutcome.Retrying : DeliveryOutcome.Failed));
                    if (worthRetrying) throw new AttemptFailed($"answered {status}");
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    attempts.Add(new DeliveryAttempt(number, at, null, $"no answer within {settings.WebhookTimeout.TotalSeconds:0.#} s",
                        DeliveryOutcome.Retrying));
                    throw new AttemptFailed("timed out");
                }
                catch (HttpRequestException e)
                {
                    attempts.Add(new DeliveryAttempt(number, at, null, Describe(e), DeliveryOutcome.Retrying));
                    throw new AttemptFailed(e.Message);
                }
            }, cancellationToken);
        }
        catch (AttemptFailed e)
        {
            logger.LogWarning("Report {ReportId}: webhook delivery gave up after {Attempts} attempt(s): {Reason}", report.Id, attempts.Count, e.Message);
        }
        // A last attempt worth retrying stays Retrying: the outbox decides whether another round follows.
        return attempts;
    }

    /// <summary>A short reason, without echoing the whole URL or internals.</summary>
    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "host name not found",
        HttpRequestError.ConnectionError => "connection failed",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before an answer",
        _ => $"request failed ({e.HttpRequestError})",
    };
}
