using System.Net;
using System.Net.Http.Json;

namespace RelIntel.Tests.Reports;

/// <summary>The hosted background service itself: its poll timer runs on the injected clock, so moving the clock runs it.</summary>
public sealed class ReportSchedulerServiceTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Reports:SchedulerEnabled"] = "true",
        ["Reports:PollInterval"] = "00:01:00",
    };

    [Test]
    public async Task The_background_service_runs_a_due_schedule_when_the_clock_moves()
    {
        var s = await World.ReportPursuitAsync();
        var id = await World.ScheduleAsync("*/5 * * * *");
        try
        {
            var now = App.Clock.GetUtcNow();
            var slot = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute - now.Minute % 5, 0, TimeSpan.Zero).AddMinutes(5);
            App.Clock.SetUtcNow(slot.AddSeconds(1));

            var deadline = DateTime.UtcNow.AddSeconds(30);
            var reports = await World.ReportsAsync(s.OpportunityId);
            while (reports.Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
                reports = await World.ReportsAsync(s.OpportunityId);
            }
            Assert.That(reports, Has.Count.EqualTo(1), "the service ran the due slot");
            Assert.That(reports[0].Slot, Is.EqualTo(slot));
            Assert.That(reports[0].ScheduleId, Is.EqualTo(id));
        }
        finally
        {
            await Client.DeleteAsync($"/api/report-schedules/{id}");
        }
    }
}
