using System.Net;
using System.Net.Http.Json;

namespace RelIntel.Tests.Opportunities;

/// <summary>Builds opportunities and their members through the API, with ids unique to the test.</summary>
public sealed class Deals(HttpClient client)
{
    public async Task<string> OpportunityAsync(string organizationId, string stage = "qualification", string name = "Deal")
    {
        var id = $"opp-{Guid.NewGuid():N}"[..16];
        await client.PutAsJsonAsync($"/api/opportunities/{id}", new { name, organizationId, stage }).ShouldBe(HttpStatusCode.Created);
        return id;
    }

    public async Task BuyingCenterAsync(string opportunityId, string personId, string[] roles, string attitude = "neutral") =>
        await client.PutAsJsonAsync($"/api/opportunities/{opportunityId}/buying-center/{personId}", new { roles, attitude })
            .ShouldBe(HttpStatusCode.Created);

    public async Task TeamAsync(string opportunityId, string personId, string role = "account-executive") =>
        await client.PutAsJsonAsync($"/api/opportunities/{opportunityId}/team/{personId}", new { role })
            .ShouldBe(HttpStatusCode.Created);
}
