using Microsoft.Extensions.Options;
using RelIntel.Api.Infrastructure;

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
    ILogger<ReportSchedulerService> logger) : PeriodicWorker(clock)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    public override async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            var now = Clock.GetUtcNow();
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
