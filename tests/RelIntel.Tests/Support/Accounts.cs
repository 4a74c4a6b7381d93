using System.Net;
using System.Net.Http.Json;

namespace RelIntel.Tests;

/// <summary>Builds accounts through the API: organizations and their people, with ids unique to the test.</summary>
public sealed class Accounts(HttpClient client)
{
    public async Task<string> OrganizationAsync(string kind, string name = "Org")
    {
        var id = $"org-{Guid.NewGuid():N}"[..16];
        await client.PutAsJsonAsync($"/api/organizations/{id}", new { name, kind }).ShouldBe(HttpStatusCode.Created);
        return id;
    }

    public async Task<string> PersonAsync(string organizationId, string name = "Someone", string? email = null,
        string? seniority = null, bool doNotContact = false)
    {
        var id = $"p-{Guid.NewGuid():N}"[..14];
        await client.PutAsJsonAsync($"/api/people/{id}", new { name, organizationId, email, seniority, doNotContact })
            .ShouldBe(HttpStatusCode.Created);
        return id;
    }

    public async Task ReportsToAsync(string personId, string managerId, string kind = "solid") =>
        await client.PutAsJsonAsync("/api/reporting-lines", new { personId, managerId, kind }).ShouldBe(HttpStatusCode.Created);
}
