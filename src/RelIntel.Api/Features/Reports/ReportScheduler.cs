using System.Diagnostics;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Runs the schedules that are due at a given moment. A schedule is due for the latest slot of its cron expression
/// after the slot it last ran for (and after it was created or re-timed); slots missed while no instance ran are not
/// made up one by one. Each slot is claimed in the graph first, so among several instances exactly one runs it, and its
/// lease is renewed while the run lasts.
/// </summary>
/// <remarks>
/// Webhook deliveries go through the shared outbox (<see cref="Outbox"/>): a report for a webhook is stored with its
/// delivery pending, then the run sends it at once; an instance that dies anywhere in between leaves it pending, and
/// whichever instance looks next sends it — at least once, never lost; a repeat carries the same
/// <c>X-RelIntel-Report-Id</c>, so the receiver can drop it.
/// </remarks>
public sealed class ReportScheduler(
    IGraph graph,
    ReportGenerator generator,
    ReportStore store,
    Outbox outbox,
    ApiMetrics metrics,
    TimeProvider clock,
    IOptions<ReportOptions> options,
    ILogger<ReportScheduler> logger)
{
    private static readonly CypherQuery Timings = Cypher.Load("report-schedules/timings");
    private static readonly CypherQuery Claim = Cypher.Load("report-schedules/claim");
    private static readonly CypherQuery Renew = Cypher.Load("report-schedules/renew");
    private static readonly CypherQuery Complete = Cypher.Load("report-schedules/complete");

    /// <summary>This instance's name in leases.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>One slot of one schedule that this instance ran, and the reports it made.</summary>
    public sealed record ScheduledRun(string ScheduleId, DateTimeOffset Slot, IReadOnlyList<string> ReportIds);

    private sealed record Timing(string Id, string Cron, string TimeZone, DateTimeOffset? NotBefore, DateTimeOffset? LastRunSlot,
        DateTimeOffset? CompletedSlot, DateTimeOffset? LeaseUntil);

    private sealed record ClaimRow(bool Claimed, List<string>? OpportunityIds, string? WebhookUrl);

    /// <summary>Runs every schedule due at <paramref name="now"/> that no other instance has claimed; answers what this instance ran.</summary>
    public async Task<IReadOnlyList<ScheduledRun>> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // One causal chain: each run reads what it wrote, whichever cluster member answers.
        using var _ = GraphSession.Begin(new GraphSession());
        var timings = (await graph.ReadAsync(Timings, null, cancellationToken)).As<Timing>();
        var runs = new List<ScheduledRun>();
        foreach (var timing in timings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (DueSlot(timing, now) is not { } slot) continue;
                if (await RunAsync(timing, slot, now, cancellationToken) is { } run) runs.Add(run);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One schedule's trouble must not stop the others; an unfinished claimed slot is retried once its lease ends.
                logger.LogError(e, "Report schedule {ScheduleId} could not run", timing.Id);
            }
        }
        return runs;
    }

    /// <summary>Deletes the reports older than the retention period; answers how many.</summary>
    public Task<long> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        store.PurgeAsync(now - TimeSpan.FromDays(options.Value.RetentionDays), cancellationToken);

    private static DateTimeOffset? DueSlot(Timing timing, DateTimeOffset now)
    {
        var slots = CronSlots.TryCreate(timing.Cron, timing.TimeZone, out _);
        if (slots is null) return null;
        var after = StoredSchedule.Max(timing.LastRunSlot, timing.NotBefore) ?? DateTimeOffset.MinValue;
        if (slots.Latest(after, now) is { } latest) return latest;
        // A slot claimed by an instance that did not finish it before its lease ran out is run again.
        if (timing.LastRunSlot is { } claimed && (timing.CompletedSlot is null || timing.CompletedSlot < claimed)
            && (timing.LeaseUntil is null || timing.LeaseUntil < now))
            return claimed;
        return null;
    }

    private async Task<ScheduledRun?> RunAsync(Timing timing, DateTimeOffset slot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = (await graph.WriteAsync(Claim, new
        {
            id = timing.Id,
            cron = timing.Cron,
            timeZone = timing.TimeZone,
            slot,
            now,
            instance = Instance,
            leaseUntil = now + options.Value.LeaseDuration,
        }, cancellationToken)).SingleOrDefault<ClaimRow>();
        if (claim is not { Claimed: true }) return null;

        using var activity = Telemetry.Source.StartActivity("report run")?
            .SetTag("relintel.report_schedule.id", timing.Id).SetTag("relintel.report_schedule.slot", slot.ToString("O"));
        var started = Stopwatch.GetTimestamp();
        logger.LogInformation("Report schedule {ScheduleId}: running slot {Slot:O}", timing.Id, slot);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewing = new CancellationTokenSource();
        var renewal = RenewWhileRunningAsync(timing.Id, slot, run, renewing.Token);
        try
        {
            var reportIds = await RunReportsAsync(timing.Id, slot, now, claim, run.Token);
            await graph.WriteAsync(Complete, new { id = timing.Id, slot, now, instance = Instance, reportIds }, cancellationToken);
            metrics.ReportRun("completed", Stopwatch.GetElapsedTime(started));
            return new ScheduledRun(timing.Id, slot, reportIds);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The lease went to another instance, which runs the slot: its reports have the same ids, so nothing is doubled.
            logger.LogWarning("Report schedule {ScheduleId}: slot {Slot:O} was taken over by another instance", timing.Id, slot);
            metrics.ReportRun("lost", Stopwatch.GetElapsedTime(started));
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            metrics.ReportRun("failed", Stopwatch.GetElapsedTime(started));
            throw;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
        }
    }

    private async Task<List<string>> RunReportsAsync(string scheduleId, DateTimeOffset slot, DateTimeOffset now, ClaimRow claim,
        CancellationToken cancellationToken)
    {
        var webhook = claim.WebhookUrl is not null && Uri.TryCreate(claim.WebhookUrl, UriKind.Absolute, out var url) ? url : null;
        var opportunityIds = claim.OpportunityIds ?? (IReadOnlyList<string>)await store.OpenOpportunityIdsAsync(cancellationToken);
        var reportIds = new List<string>();
        foreach (var opportunityId in opportunityIds)
        {
            var origin = new ReportBuilder.Origin(ReportGenerator.ScheduledId(scheduleId, slot, opportunityId), now, scheduleId, slot);
            (StoredReport Report, bool Created)? generated;
            try
            {
                generated = await generator.GenerateAsync(opportunityId, origin, cancellationToken, webhook);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not Neo4jUnavailableException)
            {
                // One opportunity's trouble must not cost the others their report.
                logger.LogError(e, "Report schedule {ScheduleId}: no report for opportunity {OpportunityId}", scheduleId, opportunityId);
                continue;
            }
            if (generated is not var (report, _))
            {
                logger.LogWarning("Report schedule {ScheduleId}: opportunity {OpportunityId} no longer exists", scheduleId, opportunityId);
                continue;
            }
            reportIds.Add(report.Report.Id);
            // New or stored by an instance that died: whatever is still pending and free is sent now.
            if (webhook is not null) await outbox.DeliverAsync(ReportStore.OutboxEntryId(report.Report.Id), now, cancellationToken);
        }
        return reportIds;
    }

    /// <summary>
    /// Renews the slot's lease every third of <see cref="ReportOptions.LeaseDuration"/> until the run ends. If another
    /// instance has taken the slot over meanwhile (this one stalled past its lease), the run is cancelled.
    /// </summary>
    private async Task RenewWhileRunningAsync(string id, DateTimeOffset slot, CancellationTokenSource run, CancellationToken stop)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3, clock);
            while (await timer.WaitForNextTickAsync(stop))
            {
                var renewed = (await graph.WriteAsync(Renew,
                    new { id, slot, instance = Instance, leaseUntil = clock.GetUtcNow() + options.Value.LeaseDuration }, stop))
                    .Scalar<bool>("renewed");
                if (renewed) continue;
                await run.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is Neo4jException or Neo4jUnavailableException)
        {
            // Neo4j away: the run will most likely fail too; if not, another instance may take the slot over after the lease.
            logger.LogWarning(e, "Report schedule {ScheduleId}: the lease of slot {Slot:O} could not be renewed", id, slot);
        }
    }
}
