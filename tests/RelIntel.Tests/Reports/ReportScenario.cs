using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelIntel.Api.Features.Reports;

namespace RelIntel.Tests.Reports;

/// <summary>
/// A pursuit built through the API for reports: our Ava on the team knows Ula (a neutral user) well; Dex, a supportive
/// Decider of influence 5, is not covered yet. Covering Dex is the change the diff tests make.
/// </summary>
public sealed class ReportScenario
{
    private readonly HttpClient client;

    private ReportScenario(HttpClient client) => this.client = client;

    public string Own { get; private set; } = "";
    public string Customer { get; private set; } = "";
    public string Ava { get; private set; } = "";
    public string Dex { get; private set; } = "";
    public string Ula { get; private set; } = "";
    public string OpportunityId { get; private set; } = "";
    public string DexName { get; private set; } = "";
    public string AvaName { get; private set; } = "";
    public string UlaName { get; private set; } = "";

    public static async Task<ReportScenario> CreateAsync(HttpClient client, string stage = "proposal")
    {
        var s = new ReportScenario(client);
        var accounts = new Accounts(client);
        var tag = Guid.NewGuid().ToString("N")[..6];
        s.Own = await accounts.OrganizationAsync("own", "Acme");
        s.Customer = await accounts.OrganizationAsync("customer", "Globex");
        s.AvaName = $"Ava Reyes {tag}";
        s.Ava = await accounts.PersonAsync(s.Own, s.AvaName, seniority: "manager");
        s.DexName = $"Dex Decider {tag}";
        s.Dex = await accounts.PersonAsync(s.Customer, s.DexName, seniority: "executive");
        s.UlaName = $"Ula User {tag}";
        s.Ula = await accounts.PersonAsync(s.Customer, s.UlaName, seniority: "individual");
        s.OpportunityId = $"opp-{Guid.NewGuid():N}"[..16];
        await client.PutAsJsonAsync($"/api/opportunities/{s.OpportunityId}", new { name = $"Platform {tag}", organizationId = s.Customer, stage })
            .ShouldBe(HttpStatusCode.Created);
        await s.MemberAsync(s.Dex, ["decider"], "supporter", 5);
        await s.MemberAsync(s.Ula, ["user"], "neutral", 2);
        await client.PutAsJsonAsync($"/api/opportunities/{s.OpportunityId}/team/{s.Ava}", new { role = "account-executive" })
            .ShouldBe(HttpStatusCode.Created);
        await s.KnowsAsync(s.Ava, s.Ula, 0.8);
        return s;
    }

    public async Task MemberAsync(string personId, string[] roles, string attitude, int influence) =>
        await client.PutAsJsonAsync($"/api/opportunities/{OpportunityId}/buying-center/{personId}", new { roles, attitude, influence })
            .ShouldBe(HttpStatusCode.Created);

    public async Task KnowsAsync(string ours, string theirs, double strength, string visibility = "company") =>
        await client.PutAsJsonAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength, visibility })
            .ShouldBe(HttpStatusCode.Created);

    /// <summary>POST /api/reports for this opportunity: the one report made.</summary>
    public async Task<ReportResponse> GenerateAsync()
    {
        var answer = await client.PostAsJsonAsync("/api/reports", new { opportunityId = OpportunityId }).ShouldBe(HttpStatusCode.Created);
        return StoredReports.Read(answer).Single();
    }
}

public static class StoredReports
{
    public static T Read<T>(System.Text.Json.Nodes.JsonNode node) => node.Deserialize<T>(ReportStore.PayloadJson)!;

    public static IReadOnlyList<ReportResponse> Read(System.Text.Json.Nodes.JsonNode node) => Read<List<ReportResponse>>(node);

    public static async Task<IReadOnlyList<ReportResponse>> OfAsync(HttpClient client, string opportunityId)
    {
        var page = await client.GetAsync($"/api/reports?opportunityId={opportunityId}&pageSize=500").ShouldBe(HttpStatusCode.OK);
        return Read<List<ReportResponse>>(page["items"]!);
    }
}
