using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Domain;

namespace RelIntel.Tests.Account;

/// <summary>
/// A customer account built through the API, people named in the test (ids unique to it), for the coverage and org
/// chart answers. Their people come in one org-chart import (with department, seniority and solid manager).
/// </summary>
public sealed class AccountScenario(HttpClient client)
{
    private readonly Dictionary<string, string> ids = [];
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];

    public string Own { get; private set; } = "";
    public string Customer { get; private set; } = "";

    public string Id(string name) => ids[name];

    public string Name(string id) => ids.First(pair => pair.Value == id).Key;

    public sealed record Person(string Name, string? Department, string? Seniority, string? Manager = null, string? Title = null);

    public static async Task<AccountScenario> StartAsync(HttpClient client, string customerName = "Initrode")
    {
        var s = new AccountScenario(client);
        s.Own = await s.PutAsync($"/api/organizations/us-{s.suffix}", new { name = "Us", kind = "own" });
        s.Customer = await s.PutAsync($"/api/organizations/them-{s.suffix}", new { name = customerName, kind = "customer" });
        return s;
    }

    public async Task OursAsync(params string[] names)
    {
        foreach (var name in names)
        {
            ids[name] = $"{name.ToLowerInvariant()}-{suffix}";
            await PutAsync($"/api/people/{ids[name]}", new { name, organizationId = Own });
        }
    }

    /// <summary>Their people in one org-chart import (managers may come after their reports).</summary>
    public async Task TheirsAsync(params Person[] people)
    {
        foreach (var person in people) ids[person.Name] = $"{person.Name.ToLowerInvariant()}-{suffix}";
        var chart = new
        {
            mode = "merge",
            people = people.Select(p => new
            {
                id = ids[p.Name], name = p.Name, title = p.Title, department = p.Department, seniority = p.Seniority,
                managerId = p.Manager is null ? null : ids[p.Manager],
            }),
        };
        var answer = await client.PostAsJsonAsync($"/api/organizations/{Customer}/org-chart", chart).ShouldBe(HttpStatusCode.OK);
        Assert.That(answer["failed"]!.GetValue<int>(), Is.Zero, answer.ToJsonString());
    }

    /// <summary>Marks one of their people do-not-contact (re-sending what is stored, so their lines stay).</summary>
    public async Task DoNotContactAsync(string name)
    {
        var person = await client.GetAsync($"/api/people/{Id(name)}").ShouldBe(HttpStatusCode.OK);
        person["doNotContact"] = true;
        await client.PutAsJsonAsync($"/api/people/{Id(name)}", person).ShouldBe(HttpStatusCode.OK);
    }

    public Task KnowsAsync(string ours, string theirs, double strength, string visibility = "company") =>
        PutAsync("/api/relationships", new { ourPersonId = Id(ours), theirPersonId = Id(theirs), strength, visibility });

    public async Task<JsonNode> CoverageAsync(HttpClient? caller = null) =>
        await (caller ?? client).GetAsync($"/api/organizations/{Customer}/coverage").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> OrgChartAsync(string query = "", HttpClient? caller = null) =>
        await (caller ?? client).GetAsync($"/api/organizations/{Customer}/org-chart{query}").ShouldBe(HttpStatusCode.OK);

    private async Task<string> PutAsync(string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK),
            $"PUT {path}: {await response.Content.ReadAsStringAsync()}");
        return path.Split('/')[^1];
    }
}
