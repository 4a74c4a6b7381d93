using System.Net;
using System.Text.Json.Nodes;

namespace RelIntel.Tests;

/// <summary>The answers a test reads about this world, as its caller sees them.</summary>
public sealed partial class World
{
    public async Task<JsonNode> RecommendationsAsync(int pathsPerTarget = 3) =>
        await client.GetAsync($"/api/opportunities/{Deal}/recommendations?pathsPerTarget={pathsPerTarget}").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> PowerMapAsync() =>
        await client.GetAsync($"/api/opportunities/{Deal}/power-map").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> OrchestrationAsync(int? ahead = null) =>
        await client.GetAsync($"/api/opportunities/{Deal}/orchestration{(ahead is null ? "" : $"?ahead={ahead}")}").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> PathsAsync(string from, string to, int k = 3, int maxHops = 4) =>
        await client.GetAsync($"/api/paths?from={Id(from)}&to={Id(to)}&k={k}&maxHops={maxHops}").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> CoverageAsync() =>
        await client.GetAsync($"/api/organizations/{Customer}/coverage").ShouldBe(HttpStatusCode.OK);

    public async Task<JsonNode> OrgChartAsync(string query = "") =>
        await client.GetAsync($"/api/organizations/{Customer}/org-chart{query}").ShouldBe(HttpStatusCode.OK);

    /// <summary>A path as the names of its people, e.g. "Alex > Sam > Lee".</summary>
    public string Route(JsonNode path)
    {
        var hops = path["hops"]!.AsArray();
        var people = new[] { hops[0]!["from"]!["id"]!.GetValue<string>() }
            .Concat(hops.Select(h => h!["to"]!["id"]!.GetValue<string>()));
        return string.Join(" > ", people.Select(Name));
    }
}
