using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace RelIntel.Api.Infrastructure;

public enum DeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>This attempt failed; another follows (at once, or in the outbox's next round).</summary>
    Retrying,

    /// <summary>This attempt failed and it was the last one (retries used up, or an answer not worth retrying).</summary>
    Failed,
}

/// <summary>One webhook delivery attempt: when, what the receiver answered (or the error), and what came of it.</summary>
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Error, DeliveryOutcome Outcome);

/// <summary>What one outbox entry sends: its JSON body and headers of its own (the subject's id, for the receiver to drop repeats).</summary>
public sealed record WebhookMessage(string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// POSTs a message as JSON to a webhook, signed with <c>Webhooks:SigningSecret</c> when one is set, retrying what may
/// succeed later (connection errors, timeouts, 408, 429, 5xx) with exponential back-off and jitter (Polly), and answers
/// every attempt of the round for the outbox's record. Redirects are not followed. Every POST carries
/// <c>X-RelIntel-Delivery-Id</c> (the outbox entry: the same on a repeat) and <c>X-RelIntel-Event</c> (its kind).
/// </summary>
public sealed class WebhookSender(
    IHttpClientFactory clients,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger)
{
    public const string Client = "webhooks";
    public const string SignatureHeader = "X-RelIntel-Signature";

    private sealed class AttemptFailed(string message) : Exception(message);

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <paramref name="body"/>'s UTF-8 bytes under <paramref name="secret"/>.</summary>
    public static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public async Task<IReadOnlyList<DeliveryAttempt>> DeliverAsync(OutboxEntry entry, WebhookMessage message, Uri url,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AttemptFailed>(),
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 0),
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
        var attempts = new List<DeliveryAttempt>();
        using var client = clients.CreateClient(Client);
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                var number = attempts.Count + 1;
                var at = clock.GetUtcNow();
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(settings.Timeout);
                try
                {
                    using var request = Request(entry, message, url, settings.SigningSecret);
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
                    attempts.Add(new DeliveryAttempt(number, at, null, $"no answer within {settings.Timeout.TotalSeconds:0.#} s",
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
            logger.LogWarning("Outbox entry {EntryId} ({Kind} {SubjectId}): webhook delivery gave up after {Attempts} attempt(s): {Reason}",
                entry.Id, entry.Kind, entry.SubjectId, attempts.Count, e.Message);
        }
        // A last attempt worth retrying stays Retrying: the outbox decides whether another round follows.
        return attempts;
    }

    private static HttpRequestMessage Request(OutboxEntry entry, WebhookMessage message, Uri url, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-RelIntel-Delivery-Id", entry.Id);
        request.Headers.Add("X-RelIntel-Event", entry.Kind);
        foreach (var (name, value) in message.Headers) request.Headers.Add(name, value);
        if (!string.IsNullOrEmpty(secret)) request.Headers.Add(SignatureHeader, Signature(secret, message.Body));
        return request;
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
