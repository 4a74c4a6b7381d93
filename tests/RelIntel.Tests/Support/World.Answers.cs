using System.Net;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Accounts;

namespace RelIntel.Tests;

/// <summary>The answers a test reads about this world, as its caller sees them, in the API's contract types.</summary>
/// <remarks>Where the words on the wire are the point (nothing hidden leaks, in any property), read the raw text instead.</remarks>
public sealed partial class World
{
    public Task<RecommendationsResponse> RecommendationsAsync(int pathsPerTarget = 3) =>
        client.GetAsync($"/api/opportunities/{Deal}/recommendations?pathsPerTarget={pathsPerTarget}")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);

    public Task<PowerMapResponse> PowerMapAsync() =>
        client.GetAsync($"/api/opportunities/{Deal}/power-map").ShouldBe<PowerMapResponse>(HttpStatusCode.OK);

    public Task<OrchestrationResponse> OrchestrationAsync(int? ahead = null) =>
        client.GetAsync($"/api/opportunities/{Deal}/orchestration{(ahead is null ? "" : $"?ahead={ahead}")}")
            .ShouldBe<OrchestrationResponse>(HttpStatusCode.OK);

    public Task<PathsResponse> PathsAsync(string from, string to, int k = 3, int maxHops = 4) =>
        client.GetAsync($"/api/paths?from={Id(from)}&to={Id(to)}&k={k}&maxHops={maxHops}").ShouldBe<PathsResponse>(HttpStatusCode.OK);

    /// <summary>The account's coverage, or one part of it (<paramref name="query"/>: page, department, divisionId).</summary>
    public Task<AccountCoverageResponse> CoverageAsync(string query = "") =>
        client.GetAsync($"/api/organizations/{Customer}/coverage{query}").ShouldBe<AccountCoverageResponse>(HttpStatusCode.OK);

    public Task<AccountOrgChartResponse> OrgChartAsync(string query = "") =>
        client.GetAsync($"/api/organizations/{Customer}/org-chart{query}").ShouldBe<AccountOrgChartResponse>(HttpStatusCode.OK);

    /// <summary>The body of a GET as text, for tests about what the wire carries.</summary>
    public async Task<string> TextAsync(string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path} answered: {text}");
        return text;
    }

    /// <summary>A path as the names of its people, e.g. "Alex > Sam > Lee".</summary>
    public string Route(WarmPath path) =>
        string.Join(" > ", new[] { path.Hops[0].From.Id }.Concat(path.Hops.Select(h => h.To.Id)).Select(Name));

    /// <summary>The names of people (by id) as this world named them.</summary>
    public IEnumerable<string> Names(IEnumerable<string> ids) => ids.Select(Name);
}
