using RelIntel.Api.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Features.Reports;

namespace RelIntel.Tests.Reports;

/// <summary>
/// The scheduler, driven by the test's clock: <see cref="ReportScheduler.RunDueAsync"/> is what the background service
/// calls every poll interval, called here directly after moving the clock.
/// </summary>
public sealed class ReportSchedulerTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:RetryDelay"] = "00:00:00.010",
        ["Webhooks:MaxRetries"] = "3",
        // One round of retries, then given up (the outbox's later rounds are tested in DeliveryOutboxTests).
        ["Webhooks:GiveUpAfter"] = "00:00:00",
    };

    private ReportScheduler Scheduler => App.Services.GetRequiredService<ReportScheduler>();

    /// <summary>Moves the clock to the next whole hour, so cron arithmetic in a test starts from a known minute.</summary>
    private DateTimeOffset ToNextHour()
    {
        var now = App.Clock.GetUtcNow();
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        App.Clock.SetUtcNow(next);
        return next;
    }

    private async Task<IReadOnlyList<ReportScheduler.ScheduledRun>> RunDueAsync(string scheduleId) =>
        (await Scheduler.RunDueAsync(App.Clock.GetUtcNow())).Where(r => r.ScheduleId == scheduleId).ToList();

    [Test]
    public async Task A_schedule_fires_at_its_cron_times_and_not_between()
    {
        var s = await World.ReportPursuitAsync();
        var start = ToNextHour();
        var id = await World.ScheduleAsync("*/15 * * * *");

        Assert.That(await RunDueAsync(id), Is.Empty, "created on a slot: that slot is not run");
        App.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.That(await RunDueAsync(id), Is.Empty);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var run = (await RunDueAsync(id)).Single();
        Assert.That(run.Slot, Is.EqualTo(start.AddMinutes(15)));
        Assert.That(run.ReportIds, Has.Count.EqualTo(1));
        Assert.That(await RunDueAsync(id), Is.Empty, "a slot runs once");
        App.Clock.Advance(TimeSpan.FromMinutes(7));
        Assert.That(await RunDueAsync(id), Is.Empty);
        App.Clock.Advance(TimeSpan.FromMinutes(8));
        Assert.That((await RunDueAsync(id)).Single().Slot, Is.EqualTo(start.AddMinutes(30)));

        var reports = await World.ReportsAsync(s.OpportunityId);
        Assert.That(reports.Select(r => r.Slot), Is.EqualTo(new DateTimeOffset?[] { start.AddMinutes(30), start.AddMinutes(15) }));
        Assert.That(reports.All(r => r.ScheduleId == id));
        Assert.That(reports[0].Changes.PreviousReportId, Is.EqualTo(reports[1].Id));
        var schedule = await Client.GetAsync($"/api/report-schedules/{id}").ShouldBe<ReportScheduleResponse>(HttpStatusCode.OK);
        Assert.That(schedule.LastRunSlot, Is.EqualTo(start.AddMinutes(30)));
        Assert.That(schedule.LastRunReportIds![0], Is.EqualTo(reports[0].Id));
        Assert.That(schedule.NextRunAt, Is.EqualTo(start.AddMinutes(45)));
    }

    [Test]
    public async Task A_schedule_missed_while_down_runs_once_for_the_latest_slot()
    {
        var s = await World.ReportPursuitAsync();
        var start = ToNextHour();
        var id = await World.ScheduleAsync("0 * * * *");

        // Nobody ran the scheduler for five and a half hours: five slots passed.
        App.Clock.Advance(TimeSpan.FromHours(5.5));
        var run = (await RunDueAsync(id)).Single();
        Assert.That(run.Slot, Is.EqualTo(start.AddHours(5)));
        Assert.That(await RunDueAsync(id), Is.Empty);
        Assert.That(await World.ReportsAsync(s.OpportunityId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Slots_follow_the_schedules_time_zone()
    {
        await World.ReportPursuitAsync();
        var start = ToNextHour();
        // Every day at the hour that is two hours from now in New York.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var local = TimeZoneInfo.ConvertTime(start.AddHours(2), newYork);
        var id = await World.ScheduleAsync($"0 {local.Hour} * * *", timeZone: "America/New_York");
        App.Clock.Advance(TimeSpan.FromHours(1.5));
        Assert.That(await RunDueAsync(id), Is.Empty);
        App.Clock.Advance(TimeSpan.FromHours(0.5));
        Assert.That((await RunDueAsync(id)).Single().Slot, Is.EqualTo(start.AddHours(2)));
    }

    [Test]
    public async Task Two_instances_on_one_neo4j_run_each_slot_once()
    {
        var s = await World.ReportPursuitAsync();
        ToNextHour();
        var id = await World.ScheduleAsync("*/5 * * * *");
        await using var other = new RelIntelApp(TestNeo4j.Uri);
        using var _ = other.CreateClient(); // starts it
        var second = other.Services.GetRequiredService<ReportScheduler>();
        Assert.That(second.Instance, Is.Not.EqualTo(Scheduler.Instance));

        for (var round = 1; round <= 5; round++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(5));
            other.Clock.SetUtcNow(App.Clock.GetUtcNow());
            var now = App.Clock.GetUtcNow();
            var both = await Task.WhenAll(
                Task.Run(() => Scheduler.RunDueAsync(now)),
                Task.Run(() => second.RunDueAsync(now)));
            var runs = both.SelectMany(r => r).Where(r => r.ScheduleId == id).ToList();
            Assert.That(runs, Has.Count.EqualTo(1), $"round {round}: exactly one instance runs the slot");
            Assert.That(runs[0].Slot, Is.EqualTo(now));
        }
        var reports = await World.ReportsAsync(s.OpportunityId);
        Assert.That(reports, Has.Count.EqualTo(5));
        Assert.That(reports.Select(r => r.Slot).Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public async Task Of_many_concurrent_claims_of_one_slot_exactly_one_wins()
    {
        var id = await World.ScheduleAsync("* * * * *");
        var claim = RelIntel.Api.Infrastructure.Cypher.Load("report-schedules/claim");
        var now = App.Clock.GetUtcNow();
        var graphs = Enumerable.Range(0, 8).Select(_ => TestNeo4j.Graph()).ToList();
        try
        {
            for (var minute = 1; minute <= 10; minute++)
            {
                var slot = now.AddMinutes(minute);
                var winners = await Task.WhenAll(graphs.Select((graph, i) => Task.Run(async () =>
                    (await graph.WriteAsync(claim, new
                    {
                        id, cron = "* * * * *", timeZone = "UTC", slot, now = slot, instance = $"instance-{i}", leaseUntil = slot.AddMinutes(10),
                    })).Scalar<bool>("claimed"))));
                Assert.That(winners.Count(w => w), Is.EqualTo(1), $"slot {slot:O}");
            }
        }
        finally
        {
            foreach (var graph in graphs) graph.Dispose();
        }
    }

    [Test]
    public async Task A_claimed_slot_whose_instance_died_is_taken_over_after_its_lease_without_a_second_report()
    {
        var s = await World.ReportPursuitAsync();
        var start = ToNextHour();
        var id = await World.ScheduleAsync("0 * * * *");
        App.Clock.Advance(TimeSpan.FromHours(1));
        var slot = start.AddHours(1);
        // Another instance claimed the slot and died before it finished.
        using var graph = TestNeo4j.Graph();
        await graph.WriteAsync(new RelIntel.Neo4j.CypherQuery("test/dead-claim",
                "MATCH (s:ReportSchedule {id: $id}) SET s.lastRunSlot = datetime($slot), s.leaseOwner = 'dead', s.leaseUntil = datetime($until)"),
            new { id, slot, until = slot.AddMinutes(10) });
        Assert.That(await RunDueAsync(id), Is.Empty, "the lease still holds");
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That((await RunDueAsync(id)).Single().Slot, Is.EqualTo(slot));
        Assert.That(await RunDueAsync(id), Is.Empty);
        Assert.That(await World.ReportsAsync(s.OpportunityId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_webhook_is_retried_on_a_failing_receiver_and_each_attempt_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var s = await World.ReportPursuitAsync();
        ToNextHour();
        var id = await World.ScheduleAsync("*/10 * * * *", receiver.Url);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var run = (await RunDueAsync(id)).Single();

        var reportId = run.ReportIds.Single();
        Assert.That(receiver.Received, Has.Count.EqualTo(3));
        Assert.That(receiver.Received.Select(r => r.ReportId), Is.All.EqualTo(reportId));
        var delivered = System.Text.Json.Nodes.JsonNode.Parse(receiver.Received[^1].Body)!.Read<ReportResponse>();
        Assert.That(delivered.Id, Is.EqualTo(reportId));
        Assert.That(delivered.OpportunityId, Is.EqualTo(s.OpportunityId));

        var report = await Client.GetAsync($"/api/reports/{reportId}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(report.Deliveries.Select(d => (d.Attempt, d.StatusCode, d.Outcome)), Is.EqualTo(new (int, int?, DeliveryOutcome)[]
        {
            (1, 503, DeliveryOutcome.Retrying),
            (2, 503, DeliveryOutcome.Retrying),
            (3, 200, DeliveryOutcome.Delivered),
        }));
        Assert.That(report.Deliveries.All(d => d.At == App.Clock.GetUtcNow()));
    }

    [Test]
    public async Task A_webhook_that_keeps_failing_is_given_up_and_recorded_as_failed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var s = await World.ReportPursuitAsync();
        ToNextHour();
        var id = await World.ScheduleAsync("*/10 * * * *", receiver.Url);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var reportId = (await RunDueAsync(id)).Single().ReportIds.Single();

        var report = await Client.GetAsync($"/api/reports/{reportId}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(report.Deliveries, Has.Count.EqualTo(4), "the first attempt and three retries");
        Assert.That(report.Deliveries.Take(3).Select(d => d.Outcome), Is.All.EqualTo(DeliveryOutcome.Retrying));
        Assert.That(report.Deliveries[^1].Outcome, Is.EqualTo(DeliveryOutcome.Failed));
        Assert.That(report.Deliveries[^1].StatusCode, Is.EqualTo(503));

        // An unreachable receiver: connection errors are recorded, not thrown.
        var closed = WebhookReceiver.UnusedUrl();
        await PutAsync($"/api/report-schedules/{id}", new { cron = "*/10 * * * *", opportunityIds = new[] { s.OpportunityId }, webhookUrl = closed })
            .ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = (await RunDueAsync(id)).Single().ReportIds.Single();
        var unreachable = await Client.GetAsync($"/api/reports/{second}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(unreachable.Deliveries[^1].Outcome, Is.EqualTo(DeliveryOutcome.Failed));
        Assert.That(unreachable.Deliveries[^1].StatusCode, Is.Null);
        Assert.That(unreachable.Deliveries[^1].Error, Is.Not.Null.And.Not.Empty);
    }
}
