using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>
/// A pursuit built through the API: our organization, one customer, people on both sides, lines among them and one
/// opportunity. People are named in the test and get ids unique to it.
/// </summary>
public sealed class Pursuit(HttpClient client)
{
    private readonly Dictionary<string, string> ids = [];
    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];

    public string OurOrganizationId { get; private set; } = "";
    public string CustomerId { get; private set; } = "";
    public string OpportunityId { get; private set; } = "";

    /// <summary>The id of a person named in the scenario.</summary>
    public string Id(string name) => ids[name];

    /// <summary>The scenario's name of a person id (or the id when it is not one of the scenario's).</summary>
    public string Name(string id) => ids.FirstOrDefault(pair => pair.Value == id).Key ?? id;

    public static async Task<Pursuit> StartAsync(HttpClient client)
    {
        var pursuit = new Pursuit(client);
        pursuit.OurOrganizationId = await pursuit.PutAsync($"/api/organizations/us-{pursuit.suffix}", new { name = "Us", kind = "own" });
        pursuit.CustomerId = await pursuit.PutAsync($"/api/organizations/globex-{pursuit.suffix}", new { name = "Globex", kind = "customer" });
        pursuit.OpportunityId = $"opp-{pursuit.suffix}";
        await pursuit.PutAsync($"/api/opportunities/{pursuit.OpportunityId}",
            new { name = "Plant automation", organizationId = pursuit.CustomerId, stage = "proposal" });
        return pursuit;
    }

    /// <summary>Moves the opportunity to another stage (its name and account stay).</summary>
    public Task StageAsync(string stage) =>
        PutAsync($"/api/opportunities/{OpportunityId}", new { name = "Plant automation", organizationId = CustomerId, stage });

    /// <summary>Another opportunity at the same customer, at <paramref name="stage"/>, with <paramref name="team"/> on its pursuit team.</summary>
    public async Task<string> OtherDealAsync(string stage, params string[] team)
    {
        var id = $"opp-{Guid.NewGuid():N}"[..16];
        await PutAsync($"/api/opportunities/{id}", new { name = "Another deal", organizationId = CustomerId, stage });
        foreach (var name in team) await PutAsync($"/api/opportunities/{id}/team/{Id(name)}", new { role = "account-executive" });
        return id;
    }

    /// <summary>A competitor organization, for buying-center members who favor one.</summary>
    public Task<string> CompetitorAsync() => PutAsync($"/api/organizations/acme-{suffix}", new { name = "Acme", kind = "competitor" });

    public Task OursAsync(string name, string? seniority = null) => PersonAsync(name, OurOrganizationId, seniority, false);

    public Task TheirsAsync(string name, string? seniority = null, bool doNotContact = false) =>
        PersonAsync(name, CustomerId, seniority, doNotContact);

    private async Task PersonAsync(string name, string organizationId, string? seniority, bool doNotContact)
    {
        ids[name] = $"{name.ToLowerInvariant()}-{suffix}";
        await PutAsync($"/api/people/{ids[name]}", new { name, organizationId, seniority, doNotContact });
    }

    public Task ReportsToAsync(string person, string manager, string kind = "solid") =>
        PutAsync("/api/reporting-lines", new { personId = Id(person), managerId = Id(manager), kind });

    public Task KnowsAsync(string ours, string theirs, double strength, string visibility = "company", string? owner = null) =>
        PutAsync("/api/relationships", new
        {
            ourPersonId = Id(ours), theirPersonId = Id(theirs), strength, visibility, ownerId = owner is null ? null : Id(owner),
        });

    public Task InfluencesAsync(string from, string to, double strength) =>
        PutAsync("/api/influences", new { fromId = Id(from), toId = Id(to), strength, kind = "advisor" });

    public Task RapportAsync(string person, string other, string sentiment) =>
        PutAsync("/api/rapport", new { personId = Id(person), otherId = Id(other), sentiment });

    public Task MemberAsync(string name, string[] roles, string attitude = "neutral", int influence = 3, bool coach = false,
        string? favorsCompetitorId = null) =>
        PutAsync($"/api/opportunities/{OpportunityId}/buying-center/{Id(name)}",
            new { roles, attitude, influence, coach, favorsCompetitorId });

    public Task TeamAsync(string name, string role = "account-executive") =>
        PutAsync($"/api/opportunities/{OpportunityId}/team/{Id(name)}", new { role });

    public async Task<JsonNode> RecommendationsAsync(int pathsPerTarget = 3) =>
        await client.GetAsync($"/api/opportunities/{OpportunityId}/recommendations?pathsPerTarget={pathsPerTarget}")
            .ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> PowerMapAsync() =>
        await client.GetAsync($"/api/opportunities/{OpportunityId}/power-map").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> OrchestrationAsync(int? ahead = null) =>
        await client.GetAsync($"/api/opportunities/{OpportunityId}/orchestration{(ahead is null ? "" : $"?ahead={ahead}")}")
            .ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> PathsAsync(string from, string to, int k = 3, int maxHops = 4) =>
        await client.GetAsync($"/api/paths?from={Id(from)}&to={Id(to)}&k={k}&maxHops={maxHops}").ShouldBe(HttpStatusCode.OK);

    /// <summary>A path as the names of its people, e.g. "Alex > Sam > Lee".</summary>
    public string Route(JsonNode path)
    {
        var hops = path["hops"]!.AsArray();
        var people = new[] { hops[0]!["from"]!["id"]!.GetValue<string>() }
            .Concat(hops.Select(h => h!["to"]!["id"]!.GetValue<string>()));
        return string.Join(" > ", people.Select(Name));
    }

    private async Task<string> PutAsync(string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK),
            $"PUT {path}: {await response.Content.ReadAsStringAsync()}");
        return path.Split('/')[^1];
    }
}
