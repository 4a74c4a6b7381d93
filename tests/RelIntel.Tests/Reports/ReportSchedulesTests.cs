using System.Net;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Reports;

/// <summary>Report schedules: stored, read, listed, replaced and deleted; bad fields are named.</summary>
public sealed class ReportSchedulesTests : ApiTest
{
    [Test]
    public async Task A_schedule_is_created_read_listed_replaced_and_deleted()
    {
        var s = await World.ReportPursuitAsync();
        var id = NewId("sched");
        var created = await PutAsync($"/api/report-schedules/{id}", new
        {
            cron = "0  7 * * 1",
            timeZone = "Europe/Berlin",
            opportunityIds = new[] { s.OpportunityId },
            webhookUrl = "https://crm.example.com/hooks/relintel",
        }).ShouldBe(HttpStatusCode.Created);
        var schedule = created.Read<ReportScheduleResponse>();
        Assert.That(schedule.Cron, Is.EqualTo("0 7 * * 1"));
        Assert.That(schedule.TimeZone, Is.EqualTo("Europe/Berlin"));
        Assert.That(schedule.OpportunityIds, Is.EqualTo(new[] { s.OpportunityId }));
        Assert.That(schedule.WebhookUrl, Is.EqualTo("https://crm.example.com/hooks/relintel"));
        Assert.That(schedule.LastRunSlot, Is.Null);
        // The clock says Monday 2026-06-01 09:00 UTC (11:00 in Berlin): the next slot is a week later, 7:00 Berlin = 5:00 UTC.
        Assert.That(schedule.NextRunAt, Is.EqualTo(new DateTimeOffset(2026, 6, 8, 5, 0, 0, TimeSpan.Zero)));

        var read = await Client.GetAsync($"/api/report-schedules/{id}").ShouldBe(HttpStatusCode.OK);
        Assert.That(read.ToJsonString(), Is.EqualTo(created.ToJsonString()), "word for word");
        var list = await Client.GetAsync("/api/report-schedules?pageSize=500").ShouldBe<Paged<ReportScheduleResponse>>(HttpStatusCode.OK);
        Assert.That(list.Items.Select(i => i.Id), Does.Contain(id));

        var replaced = await PutAsync($"/api/report-schedules/{id}", new { cron = "30 6 * * *" }).ShouldBe<ReportScheduleResponse>(HttpStatusCode.OK);
        Assert.That(replaced.TimeZone, Is.EqualTo("UTC"));
        Assert.That(replaced.OpportunityIds, Is.Null, "left out: every open opportunity");
        Assert.That(replaced.WebhookUrl, Is.Null);

        await Client.DeleteAsync($"/api/report-schedules/{id}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/report-schedules/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.DeleteAsync($"/api/report-schedules/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
    }

    [TestCase("cron", "0 7 * *")]
    [TestCase("cron", "every monday")]
    [TestCase("cron", "0 25 * * *")]
    [TestCase("timeZone", "Mars/Olympus")]
    [TestCase("webhookUrl", "ftp://example.com/hook")]
    [TestCase("webhookUrl", "file:///etc/passwd")]
    [TestCase("webhookUrl", "hooks/relative")]
    public async Task A_bad_field_is_a_400_naming_it(string field, string value)
    {
        var body = new Dictionary<string, object?> { ["cron"] = "0 7 * * 1" };
        body[field] = value;
        await PutAsync($"/api/report-schedules/{NewId("sched")}", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Missing_cron_empty_opportunities_and_unknown_opportunities_are_refused()
    {
        await PutAsync($"/api/report-schedules/{NewId("sched")}", new { timeZone = "UTC" }).ShouldBeProblem(HttpStatusCode.BadRequest, "cron");
        await PutAsync($"/api/report-schedules/{NewId("sched")}", new { cron = "0 7 * * 1", opportunityIds = Array.Empty<string>() })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "opportunityIds");
        await PutAsync($"/api/report-schedules/{NewId("sched")}", new { cron = "0 7 * * 1", opportunityIds = new[] { "bad id!" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "opportunityIds[0]");
        await PutAsync($"/api/report-schedules/{NewId("sched")}", new { cron = "0 7 * * 1", opportunityIds = new[] { "opp-nowhere-at-all" } })
            .ShouldBeProblem(HttpStatusCode.NotFound, "opportunityIds");
        await PutAsync("/api/report-schedules/bad%20id", new { cron = "0 7 * * 1" }).ShouldBeProblem(HttpStatusCode.BadRequest, "id");
    }
}
