using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// Runs the schedules that are due at a given moment. A schedule is due for the latest slot of its cron expression
/// after the slot it last ran for (and after it was created or re-timed); slots missed while no instance ran are not
/// made up one by one. Each slot is claimed in the graph first, so among several instances exactly one runs it.
/// </summary>
public sealed class ReportScheduler(
    IGraph graph,
    ReportGenerator generator,
    ReportStore store,
    WebhookDelivery webhooks,
    AuditLog audit,
    IOptions<ReportOptions> options,
    ILogger<ReportScheduler> logger)
{
    private static readonly CypherQuery Timings = Cypher.Load("report-schedules/timings");
    private static readonly CypherQuery Claim = Cypher.Load("report-schedules/claim");
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

        logger.LogInformation("Report schedule {ScheduleId}: running slot {Slot:O}", timing.Id, slot);
        var opportunityIds = claim.OpportunityIds ?? (IReadOnlyList<string>)await store.OpenOpportunityIdsAsync(cancellationToken);
        var reportIds = new List<string>();
        foreach (var opportunityId in opportunityIds)
        {
            var origin = new ReportBuilder.Origin(ReportGenerator.ScheduledId(timing.Id, slot, opportunityId), now, timing.Id, slot);
            (StoredReport Report, bool Created)? generated;
            try
            {
                generated = await generator.GenerateAsync(opportunityId, origin, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && e is not Neo4jUnavailableException)
            {
                // One opportunity's trouble must not cost the others their report.
                logger.LogError(e, "Report schedule {ScheduleId}: no report for opportunity {OpportunityId}", timing.Id, opportunityId);
                continue;
            }
            if (generated is not var (report, created))
            {
                logger.LogWarning("Report schedule {ScheduleId}: opportunity {OpportunityId} no longer exists", timing.Id, opportunityId);
                continue;
            }
            reportIds.Add(report.Report.Id);
            if (created && claim.WebhookUrl is not null && Uri.TryCreate(claim.WebhookUrl, UriKind.Absolute, out var url))
            {
                // What leaves for the webhook is read: the audit records it as read by the schedule.
                await audit.RecordDeliveryAsync(timing.Id, report.Report.Id, report.ShownKeys, cancellationToken);
                var attempts = await webhooks.DeliverAsync(report.Report, url, cancellationToken);
                await store.RecordDeliveriesAsync(report.Report.Id, attempts, cancellationToken);
            }
        }
        await graph.WriteAsync(Complete, new { id = timing.Id, slot, now, instance = Instance, reportIds }, cancellationToken);
        return new ScheduledRun(timing.Id, slot, reportIds);
    }
}
