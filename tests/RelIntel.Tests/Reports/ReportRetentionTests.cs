using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Features.Reports;

namespace RelIntel.Tests.Reports;

/// <summary>Reports are kept Reports:RetentionDays, then the scheduler deletes them (its own fixture: it moves the clock far).</summary>
public sealed class ReportRetentionTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Reports:RetentionDays"] = "30" };

    [Test]
    public async Task Reports_older_than_the_retention_are_deleted()
    {
        await World.ReportPursuitAsync();
        var old = await World.ReportAsync();
        App.Clock.Advance(TimeSpan.FromDays(20));
        var recent = await World.ReportAsync();
        var scheduler = App.Services.GetRequiredService<ReportScheduler>();

        App.Clock.Advance(TimeSpan.FromDays(9));
        await scheduler.PurgeExpiredAsync(App.Clock.GetUtcNow());
        await Client.GetAsync($"/api/reports/{old.Id}").ShouldBe(HttpStatusCode.OK);

        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.That(await scheduler.PurgeExpiredAsync(App.Clock.GetUtcNow()), Is.GreaterThanOrEqualTo(1));
        await Client.GetAsync($"/api/reports/{old.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await Client.GetAsync($"/api/reports/{recent.Id}").ShouldBe(HttpStatusCode.OK);
    }
}
