using Microsoft.Extensions.Options;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Every <c>Webhooks:PollInterval</c> (on the injected clock), runs the features' background sweeps (which may put entries
/// in the outbox) and then sends the outbox's pending deliveries. It looks once at start-up too. Several instances may
/// run it: sweeps and claims are safe to run concurrently, so each entry is sent by one instance at a time.
/// </summary>
public sealed class OutboxWorker(
    Outbox outbox,
    IEnumerable<IBackgroundSweep> sweeps,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<OutboxWorker> logger) : PeriodicWorker(clock)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    /// <summary>One look: the sweeps, then the pending deliveries.</summary>
    public override async Task TickAsync(CancellationToken stoppingToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var sweep in sweeps)
        {
            try
            {
                var swept = await sweep.SweepAsync(now, stoppingToken);
                if (swept > 0) logger.LogInformation("{Sweep}: {Count} item(s)", sweep.Name, swept);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Neo4j down or the like: the next look tries again; the other sweeps and the deliveries still run.
                logger.LogWarning(e, "{Sweep} failed; trying again in {Interval}", sweep.Name, options.Value.PollInterval);
            }
        }
        try
        {
            var sent = await outbox.DeliverPendingAsync(now, stoppingToken);
            if (sent > 0) logger.LogInformation("Outbox: {Sent} pending delivery(ies) sent", sent);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Outbox: the look failed; trying again in {Interval}", options.Value.PollInterval);
        }
    }
}

public static class OutboxSetup
{
    /// <summary>The outbox, its webhook sender (signing, retries), and its worker (when <c>Webhooks:WorkerEnabled</c>).</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Configure(o => WebhookOptions.Bind(o, configuration))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<Outbox>();
        services.AddHttpClient(WebhookSender.Client, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // each attempt has Webhooks:Timeout
                client.DefaultRequestHeaders.UserAgent.ParseAdd("RelIntel-Webhooks/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        if (configuration.GetValue($"{WebhookOptions.Section}:{nameof(WebhookOptions.WorkerEnabled)}", true))
            services.AddHostedService<OutboxWorker>();
        return services;
    }
}
