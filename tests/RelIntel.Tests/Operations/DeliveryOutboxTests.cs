using RelIntel.Api.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.Reports;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Tests.Reports;

namespace RelIntel.Tests.Operations;

/// <summary>
/// Scheduled delivery that survives a crash: two instances on the test Neo4j, each with the scheduler on and a clock of its
/// own. One is killed in the middle of a run, with a report stored and its POST on the wire; the other takes the run over
/// once the lease has run out. Every slot has one report per opportunity, every report reaches the webhook (a repeat with
/// the same X-RelIntel-Report-Id), and every sending is audited.
/// </summary>
public sealed class DeliveryOutboxTests : ApiTest
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static Dictionary<string, string?> SchedulerSettings => new()
    {
        ["Reports:SchedulerEnabled"] = "true",
        ["Reports:PollInterval"] = "00:01:00",
        ["Reports:LeaseDuration"] = Lease.ToString(),
        ["Webhooks:LeaseDuration"] = Lease.ToString(),
        ["Webhooks:RetryDelay"] = "00:00:00.010",
    };

    /// <summary>This fixture's own service runs the scheduler only when a test calls it.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reports:LeaseDuration"] = Lease.ToString(),
        ["Webhooks:LeaseDuration"] = Lease.ToString(),
        ["Webhooks:RetryDelay"] = "00:00:00.010",
    };

    /// <summary>The next whole hour after the fixture's clock: the slot of an hourly schedule made now.</summary>
    private DateTimeOffset NextSlot()
    {
        var now = App.Clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
    }

    /// <summary>An opportunity, an hourly schedule for it to <paramref name="receiver"/>, and the schedule's next slot.</summary>
    private async Task<(World.ReportPursuit S, string Id, DateTimeOffset Slot)> HourlyScheduleAsync(WebhookReceiver receiver)
    {
        var s = await World.ReportPursuitAsync();
        var slot = NextSlot();
        return (s, await World.ScheduleAsync("0 * * * *", receiver.Url), slot);
    }

    private static async Task<T> WithinAsync<T>(TimeSpan limit, Func<Task<T?>> poll, Func<string> what) where T : class
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (await poll() is { } done) return done;
            if (DateTime.UtcNow > deadline) throw new AssertionException($"Not within {limit}: {what()}");
            await Task.Delay(100);
        }
    }

    [Test]
    public async Task An_instance_killed_mid_run_leaves_its_work_to_the_next_and_no_report_is_lost_or_doubled()
    {
        // The first post is answered; the second (the second report) arrives but is never answered: the sender dies with it on the wire.
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, hangOnPost: 2);
        var opportunities = new List<string>();
        for (var i = 0; i < 3; i++) opportunities.Add((await World.ReportPursuitAsync()).OpportunityId);
        var slot = NextSlot();
        var id = await World.ScheduleAsync("0 * * * *", receiver.Url, deals: opportunities);

        var first = new RelIntelApp(TestNeo4j.Uri, SchedulerSettings);
        using (first.CreateClient())
        {
            first.Clock.SetUtcNow(slot.AddSeconds(1));
            await receiver.Hung.WaitAsync(TimeSpan.FromSeconds(60));
            // Killed mid-run: one report delivered, one stored and on the wire, one not made yet.
            await first.DisposeAsync();
        }
        var stored = await StoredReportsOfSlotAsync(opportunities, slot);
        Assert.That(stored, Has.Count.EqualTo(2), "two reports were stored before the instance died");
        Assert.That(stored[1].Deliveries, Is.Empty, "the second report's sending was never recorded");

        await using var second = new RelIntelApp(TestNeo4j.Uri, SchedulerSettings);
        using var _ = second.CreateClient();
        // Before the lease runs out the slot and the pending delivery still belong to the dead instance.
        second.Clock.SetUtcNow(slot.AddMinutes(5));
        await Task.Delay(500);
        Assert.That(await StoredReportsOfSlotAsync(opportunities, slot), Has.Count.EqualTo(2));
        second.Clock.SetUtcNow(slot + Lease + TimeSpan.FromMinutes(2));
        var last = "";
        await WithinAsync(TimeSpan.FromSeconds(60), async () =>
        {
            var schedule = await Client.GetAsync($"/api/report-schedules/{id}").ShouldBe<ReportScheduleResponse>(HttpStatusCode.OK);
            last = schedule.ToString();
            // The run's completion records when it ran and the reports it made.
            return schedule.LastRunAt == slot + Lease + TimeSpan.FromMinutes(2) ? schedule : null;
        }, () => $"the second instance completes the slot {slot:O}: {last}");

        var reports = await StoredReportsOfSlotAsync(opportunities, slot);
        Assert.That(reports.Select(r => r.OpportunityId), Is.EqualTo(opportunities), "one report per opportunity for the slot");
        foreach (var report in reports)
            Assert.That(report.Deliveries.LastOrDefault()?.Outcome, Is.EqualTo(DeliveryOutcome.Delivered), $"report {report.Id} delivered");
        var received = receiver.Received.Select(r => r.ReportId).ToList();
        Assert.That(received.Distinct(), Is.EquivalentTo(reports.Select(r => r.Id)), "every report reached the webhook");
        Assert.That(received.Count(r => r == reports[1].Id), Is.EqualTo(2), "the one on the wire came again, with the same report id");
        Assert.That(received, Has.Count.EqualTo(4));

        var audit = await Client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString($"schedule {id}")}&pageSize=50")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        var audited = audit.Items.Select(e => e.Path).ToList();
        Assert.That(audited, Is.EquivalentTo(received.Select(r => $"/api/reports/{r}")), "every sending is audited");
    }

    [Test]
    public async Task A_pending_delivery_left_by_a_dead_instance_is_sent_by_the_next_look_at_the_outbox()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var (s, id, slot) = await HourlyScheduleAsync(receiver);
        // The report was stored with its delivery pending, claimed by an instance that died before sending it.
        App.Clock.SetUtcNow(slot);
        var outbox = App.Services.GetRequiredService<Outbox>();
        using var graph = TestNeo4j.Graph();
        var reportId = ReportGenerator.ScheduledId(id, slot, s.OpportunityId);
        await App.Services.GetRequiredService<ReportGenerator>().GenerateAsync(s.OpportunityId,
            new ReportBuilder.Origin(reportId, slot, id, slot), CancellationToken.None, new Uri(receiver.Url));
        await graph.WriteAsync(new RelIntel.Neo4j.CypherQuery("test/dead-delivery",
                "MATCH (e:OutboxEntry {subjectId: $reportId}) SET e.leaseOwner = 'dead', e.leaseUntil = datetime($until)"),
            new { reportId, until = slot + Lease });

        Assert.That(await outbox.DeliverPendingAsync(slot.AddMinutes(1)), Is.Zero, "the dead instance's lease still holds");
        Assert.That(await outbox.DeliverPendingAsync(slot + Lease + TimeSpan.FromSeconds(1)), Is.EqualTo(1));
        Assert.That(receiver.Received.Select(r => r.ReportId), Is.EqualTo(new[] { reportId }));
        Assert.That(await outbox.DeliverPendingAsync(slot + Lease + TimeSpan.FromMinutes(1)), Is.Zero, "delivered: nothing pending");
        var report = await Client.GetAsync($"/api/reports/{reportId}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(report.Deliveries.Single().Outcome, Is.EqualTo(DeliveryOutcome.Delivered));
    }

    [Test]
    public async Task A_webhook_that_keeps_failing_stays_pending_and_is_tried_again_until_it_answers()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 6);
        var (_, id, slot) = await HourlyScheduleAsync(receiver);
        var scheduler = App.Services.GetRequiredService<ReportScheduler>();
        var outbox = App.Services.GetRequiredService<Outbox>();
        App.Clock.SetUtcNow(slot);
        var reportId = (await scheduler.RunDueAsync(slot)).Single(r => r.ScheduleId == id).ReportIds.Single();

        // Four attempts failed (the first and three retries): still pending, tried again once the lease has passed.
        var report = await Client.GetAsync($"/api/reports/{reportId}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(report.Deliveries.Select(d => d.Outcome), Is.EqualTo(Enumerable.Repeat(DeliveryOutcome.Retrying, 4)));
        Assert.That(await outbox.DeliverPendingAsync(slot.AddMinutes(1)), Is.Zero, "not before the next round is due");
        App.Clock.SetUtcNow(slot + Lease + TimeSpan.FromSeconds(1));
        Assert.That(await outbox.DeliverPendingAsync(slot + Lease + TimeSpan.FromSeconds(1)), Is.EqualTo(1));
        report = await Client.GetAsync($"/api/reports/{reportId}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(report.Deliveries.Select(d => (d.Attempt, d.Outcome)).TakeLast(3), Is.EqualTo(new[]
        {
            (5, DeliveryOutcome.Retrying), (6, DeliveryOutcome.Retrying), (7, DeliveryOutcome.Delivered),
        }));
        Assert.That(receiver.Received.Select(r => r.ReportId), Is.EqualTo(Enumerable.Repeat(reportId, 7)));
    }

    [Test]
    public async Task The_lease_is_renewed_while_a_run_lasts_and_a_run_whose_slot_was_taken_over_stops()
    {
        // The first post is never answered: the run lasts as long as the test wants.
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, hangOnPost: 1);
        var (_, id, slot) = await HourlyScheduleAsync(receiver);
        var scheduler = App.Services.GetRequiredService<ReportScheduler>();
        using var graph = TestNeo4j.Graph();
        var lease = new RelIntel.Neo4j.CypherQuery("test/lease",
            "MATCH (s:ReportSchedule {id: $id}) RETURN toString(s.leaseUntil) AS leaseUntil, s.leaseOwner AS owner");
        App.Clock.SetUtcNow(slot);
        var running = Task.Run(() => scheduler.RunDueAsync(slot));
        await receiver.Hung.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That((await graph.ReadAsync(lease, new { id })).Scalar<DateTimeOffset>("leaseUntil"), Is.EqualTo(slot + Lease));

        // A third of the lease later, still running: renewed from now.
        App.Clock.Advance(Lease / 3);
        var renewedTo = App.Clock.GetUtcNow() + Lease;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await graph.ReadAsync(lease, new { id })).Scalar<DateTimeOffset>("leaseUntil") != renewedTo && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.That((await graph.ReadAsync(lease, new { id })).Scalar<DateTimeOffset>("leaseUntil"), Is.EqualTo(renewedTo), "renewed");
        Assert.That(running.IsCompleted, Is.False);

        // Another instance took the slot over (this one stalled past its lease): at its next renewal this run stops.
        await graph.WriteAsync(new RelIntel.Neo4j.CypherQuery("test/take-over", "MATCH (s:ReportSchedule {id: $id}) SET s.leaseOwner = 'other'"),
            new { id });
        App.Clock.Advance(Lease / 3);
        var runs = await running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(runs.Where(r => r.ScheduleId == id), Is.Empty, "the run stopped without completing the slot");
        Assert.That((await graph.ReadAsync(lease, new { id })).Scalar<string>("owner"), Is.EqualTo("other"));

        // Its report stays pending for the instance that took over; this test's receiver is going, so the report goes too.
        await graph.WriteAsync(new RelIntel.Neo4j.CypherQuery("test/forget-report",
            "MATCH (r:Report {scheduleId: $id}) OPTIONAL MATCH (e:OutboxEntry {subjectId: r.id}) OPTIONAL MATCH (e)<-[:OF]-(d:DeliveryAttempt) DETACH DELETE r, e, d"), new { id });
    }

    private async Task<List<ReportResponse>> StoredReportsOfSlotAsync(IReadOnlyList<string> opportunities, DateTimeOffset slot)
    {
        var reports = new List<ReportResponse>();
        foreach (var opportunity in opportunities)
            reports.AddRange((await World.ReportsAsync(opportunity)).Where(r => r.Slot == slot));
        return reports;
    }
}
