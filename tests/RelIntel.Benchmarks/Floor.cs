using System.Diagnostics;
using System.Net.Http.Json;

namespace RelIntel.Benchmarks;

/// <summary>
/// The floor of any answer on this machine, measured in the run: a trivial statement's round trip through Neo4j's Query
/// API (<c>RETURN 1</c>) plus one HTTP hop to the API (<c>GET /health/live</c>, which does no work). An answer that needs
/// the graph cannot be faster than both.
/// </summary>
public sealed class FloorBench(Uri neo4jUri, ApiClient api, Action<string> log)
{
    public sealed record Result(LatencySeries Neo4jRoundTrip, LatencySeries ApiHop)
    {
        /// <summary>p50 of the Query API round trip plus p50 of the API hop.</summary>
        public double Milliseconds => Neo4jRoundTrip.P(50) + ApiHop.P(50);
    }

    public async Task<Result> RunAsync(int calls)
    {
        using var http = new HttpClient { BaseAddress = neo4jUri };
        for (var i = 0; i < 20; i++) await PostReturnOneAsync(http);
        var roundTrips = new List<double>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var one = Stopwatch.StartNew();
            await PostReturnOneAsync(http);
            roundTrips.Add(one.Elapsed.TotalMilliseconds);
        }
        var neo4jSeries = new LatencySeries("Query API `RETURN 1`", 1, roundTrips, watch.Elapsed.TotalSeconds, 0, null);

        for (var i = 0; i < 20; i++) await api.GetAsync("health/live", keepBody: false);
        var hops = new List<double>();
        var failures = 0;
        watch.Restart();
        for (var i = 0; i < calls; i++)
        {
            var result = await api.GetAsync("health/live", keepBody: false);
            if (result.Status == 200) hops.Add(result.Milliseconds);
            else failures++;
        }
        var apiSeries = new LatencySeries("API `GET /health/live`", 1, hops, watch.Elapsed.TotalSeconds, failures, null);
        var floor = new Result(neo4jSeries, apiSeries);
        log($"  floor: Query API RETURN 1 p50 {neo4jSeries.P(50):F2} ms + API hop p50 {apiSeries.P(50):F2} ms = {floor.Milliseconds:F2} ms");
        return floor;
    }

    private static async Task PostReturnOneAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("db/neo4j/query/v2", new { statement = "RETURN 1 AS one" });
        await response.Content.ReadAsByteArrayAsync();
    }
}
