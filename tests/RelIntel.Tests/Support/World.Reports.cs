using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests;

/// <summary>Reports on a deal, stored and listed, and the schedules that make them.</summary>
public sealed partial class World
{
    /// <summary>The pursuit reports are tested on (see <see cref="ReportPursuitAsync"/>): ids and display names.</summary>
    public sealed record ReportPursuit(string Own, string Customer, string OpportunityId, string Ava, string Dex, string Ula,
        string AvaName, string DexName, string UlaName);

    /// <summary>
    /// A pursuit for reports, which becomes this world's deal: our Ava (Acme) on the team knows Ula (a neutral user of
    /// Globex) well; Dex, a supportive Decider of influence 5, is not covered yet. Names end with a tag unique to the call.
    /// </summary>
    public async Task<ReportPursuit> ReportPursuitAsync(string stage = "proposal")
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        scenario.Us = await OrganizationAsync("own", "Acme");
        scenario.Customer = await OrganizationAsync("customer", "Globex");
        var (avaName, dexName, ulaName) = ($"Ava Reyes {tag}", $"Dex Decider {tag}", $"Ula User {tag}");
        var ava = await PersonAsync(Us, avaName, seniority: "manager");
        var dex = await PersonAsync(Customer, dexName, seniority: "executive");
        var ula = await PersonAsync(Customer, ulaName, seniority: "individual");
        scenario.Deal = await OpportunityAsync(Customer, stage, $"Platform {tag}");
        await MemberAsync(dex, ["decider"], "supporter", 5);
        await MemberAsync(ula, ["user"], "neutral", 2);
        await TeamAsync(ava);
        await KnowsAsync(ava, ula, 0.8);
        return new ReportPursuit(Us, Customer, Deal, ava, dex, ula, avaName, dexName, ulaName);
    }

    /// <summary>POST /api/reports for <paramref name="deal"/> (this world's by default): the one report made.</summary>
    public async Task<ReportResponse> ReportAsync(string? deal = null)
    {
        var answer = await client.PostAsJsonAsync("/api/reports", new { opportunityId = deal ?? Deal }).ShouldBe(HttpStatusCode.Created);
        return answer.Read<List<ReportResponse>>().Single();
    }

    /// <summary>The stored reports of <paramref name="deal"/> (this world's by default), newest first.</summary>
    public async Task<IReadOnlyList<ReportResponse>> ReportsAsync(string? deal = null)
    {
        var page = await client.GetAsync($"/api/reports?opportunityId={deal ?? Deal}&pageSize=500")
            .ShouldBe<Paged<ReportResponse>>(HttpStatusCode.OK);
        return page.Items;
    }

    /// <summary>
    /// A report schedule for <paramref name="deals"/>, by default this world's deal (every open deal when the world pursues
    /// none); <see cref="CleanUpAsync"/> deletes it after the test, so it never runs for another.
    /// </summary>
    public async Task<string> ScheduleAsync(string cron, string? webhookUrl = null, string? timeZone = null, IReadOnlyList<string>? deals = null)
    {
        var id = $"sched-{Guid.NewGuid():N}"[..19];
        var opportunityIds = deals ?? (Deal.Length == 0 ? null : [Deal]);
        await client.PutAsJsonAsync($"/api/report-schedules/{id}", new { cron, timeZone, opportunityIds, webhookUrl })
            .ShouldBe(HttpStatusCode.Created);
        scenario.Schedules.Add(id);
        return id;
    }

    /// <summary>Deletes what would outlive the test and act on others: the schedules this world made.</summary>
    public async Task CleanUpAsync()
    {
        foreach (var id in scenario.Schedules) await client.DeleteAsync($"/api/report-schedules/{id}");
        scenario.Schedules.Clear();
    }
}
