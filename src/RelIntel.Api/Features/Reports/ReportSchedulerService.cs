using Microsoft.Extensions.Options;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Every <c>Reports:PollInterval</c> (on the injected clock), runs the due schedules and deletes expired reports (the
/// outbox worker, Infrastructure/OutboxWorker.cs, sends pending webhook deliveries). It looks once at start-up too, so a slot missed while the service was down
/// runs as soon as it is back.
/// </summary>
public sealed class ReportSchedulerService(
    ReportScheduler scheduler,
    TimeProvider clock,
    IOptions<ReportOptions> options,
    ILogger<ReportSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            var now = clock.GetUtcNow();
            var runs = await scheduler.RunDueAsync(now, stoppingToken);
            var purged = await scheduler.PurgeExpiredAsync(now, stoppingToken);
            if (runs.Count > 0 || purged > 0)
                logger.LogInformation("Reports: {Runs} scheduled run(s), {Purged} expired report(s) deleted", runs.Count, purged);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Neo4j down or the like: try again at the next tick.
            logger.LogWarning(e, "Reports: the scheduler tick failed; trying again in {Interval}", options.Value.PollInterval);
        }
    }
}
