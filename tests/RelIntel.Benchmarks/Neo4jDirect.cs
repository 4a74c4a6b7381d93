using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace RelIntel.Benchmarks;

/// <summary>Statements straight to Neo4j's Query API, timed from here (HTTP round trip included).</summary>
public sealed class Neo4jDirect(Uri neo4jUri) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = neo4jUri, Timeout = TimeSpan.FromMinutes(10) };

    public async Task<(double Milliseconds, int Bytes, string? Error)> RunAsync(string statement, object parameters)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("db/neo4j/query/v2", new { statement, parameters });
        var body = await response.Content.ReadAsByteArrayAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0 ? errors[0].GetRawText() : null;
        return (elapsed, body.Length, error);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>
/// Where a recommendations call spends its time: the endpoint's own two statements (<c>cypher/insights/opportunity</c>
/// and <c>cypher/insights/warm-paths</c>, read from the checkout) run straight against Neo4j with the parameters the
/// endpoint sends by default, for the same opportunities. API time minus this is the service's own share.
/// </summary>
public sealed class InsightsBreakdown(Neo4jDirect neo4j, string cypherFolder, BenchOptions options, Action<string> log)
{
    public sealed record Result(LatencySeries Opportunity, LatencySeries WarmPaths, LatencySeries Both, double WarmPathsKiB);

    public static string? FindCypherFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "cypher", "insights");
            if (File.Exists(Path.Combine(candidate, "warm-paths.cypher"))) return candidate;
        }
        return null;
    }

    public async Task<Result> RunAsync(IReadOnlyList<Opportunity> opportunities)
    {
        var opportunityStatement = await File.ReadAllTextAsync(Path.Combine(cypherFolder, "opportunity.cypher"));
        var warmPathsStatement = await File.ReadAllTextAsync(Path.Combine(cypherFolder, "warm-paths.cypher"));
        List<double> first = [], second = [], both = [];
        long bytes = 0;
        var failures = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        foreach (var (opportunity, i) in opportunities.Select((o, i) => (o, i)))
        {
            var a = await neo4j.RunAsync(opportunityStatement, new { id = opportunity.Id });
            var b = await neo4j.RunAsync(warmPathsStatement, new
            {
                // The endpoint's defaults (appsettings.json Insights/Charter, WarmPaths.cs): viewer sees all.
                targetIds = opportunity.BuyingCenter.Select(m => m.PersonId).Order(StringComparer.Ordinal).ToList(),
                fromId = (string?)null,
                maxHops = 4,
                k = options.PathsPerTarget,
                startsPerTarget = 25,
                viewer = new { all = true, personId = (string?)null, teamOwnerIds = Array.Empty<string>(), privateOwnerIds = Array.Empty<string>(), introductions = true },
                trust = new { ownSolid = 0.9, ownDotted = 0.7, solid = 0.8, dotted = 0.6, sympathy = 0.6, introduction = 0.4 },
                hopPenalty = 0.9,
                staleFactor = 0.5,
                now = DateTimeOffset.UtcNow,
                halfLifeDays = 90.0,
                staleAfterDays = 180,
            });
            if ((a.Error ?? b.Error) is { } error)
            {
                failures++;
                firstError ??= error;
            }
            if (i < options.Warmup / 3) continue;
            first.Add(a.Milliseconds);
            second.Add(b.Milliseconds);
            both.Add(a.Milliseconds + b.Milliseconds);
            bytes += b.Bytes;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var result = new Result(
            new LatencySeries("insights/opportunity.cypher", 1, first, seconds, failures, firstError),
            new LatencySeries("insights/warm-paths.cypher", 1, second, seconds, failures, firstError),
            new LatencySeries("both statements", 1, both, seconds, failures, firstError),
            second.Count == 0 ? 0 : bytes / 1024d / second.Count);
        log($"  straight to Neo4j: opportunity p50 {result.Opportunity.P(50):F1} ms, warm paths p50 {result.WarmPaths.P(50):F1} ms " +
            $"({result.WarmPathsKiB:F0} KiB answers)" + (firstError is null ? "" : $"; first error {firstError}"));
        return result;
    }
}

/// <summary>
/// Neo4j's own write ceiling in the same run (as shared/neo4j/calibrate/ingest_ceiling.py): people, their reporting
/// lines and relationships as plain <c>UNWIND … MERGE</c> batches of 5,000 under a label of their own, deleted afterwards.
/// </summary>
public sealed class IngestCeiling(Neo4jDirect neo4j, Action<string> log)
{
    public sealed record Result(long People, long Lines, long Relationships, double PeopleSeconds, double LinesSeconds, double RelationshipsSeconds)
    {
        public double RecordsPerSecond => (People + Lines + Relationships) / (PeopleSeconds + LinesSeconds + RelationshipsSeconds);

        /// <summary>The same mix as the REST bulk phase counts it: a person's lines are part of its record.</summary>
        public double PeopleAndRelationshipsPerSecond => (People + Relationships) / (PeopleSeconds + LinesSeconds + RelationshipsSeconds);
    }

    public async Task<Result> RunAsync(int people, int relationships, int seed)
    {
        await neo4j.RunAsync("CREATE CONSTRAINT cal_person IF NOT EXISTS FOR (p:CalPerson) REQUIRE p.id IS UNIQUE", new { });
        await Task.Delay(1000);
        var random = new Random(seed);
        var persons = Enumerable.Range(0, people).Select(i => new { id = $"p{i}", name = $"Person {i}", title = "Title", org = $"o{i / 500}" }).ToList();
        var lines = Enumerable.Range(0, people).Where(i => i % 500 != 0)
            .Select(i => new { id = $"p{i}", mgr = $"p{i / 500 * 500 + (i % 500 - 1) / 4}" }).ToList();
        var rels = Enumerable.Range(0, relationships).Select(_ => new { a = $"p{random.Next(people)}", b = $"p{random.Next(people)}", s = random.NextDouble() }).ToList();
        async Task<double> Run<T>(string statement, List<T> rows, int workers)
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(rows.Chunk(5000), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (batch, _) =>
            {
                var (_, _, error) = await neo4j.RunAsync(statement, new { rows = batch });
                if (error is not null) log($"  ceiling: {error}");
            });
            return watch.Elapsed.TotalSeconds;
        }
        var a = await Run("UNWIND $rows AS r MERGE (p:CalPerson {id: r.id}) SET p.name = r.name, p.title = r.title, p.org = r.org", persons, 2);
        var b = await Run("UNWIND $rows AS r MATCH (p:CalPerson {id: r.id}), (m:CalPerson {id: r.mgr}) MERGE (p)-[:REPORTS_TO]->(m)", lines, 1);
        var c = await Run("UNWIND $rows AS r MATCH (a:CalPerson {id: r.a}), (b:CalPerson {id: r.b}) MERGE (a)-[k:KNOWS]->(b) SET k.strength = r.s", rels, 1);
        var result = new Result(persons.Count, lines.Count, rels.Count, a, b, c);
        log($"  Neo4j ceiling: {result.RecordsPerSecond:N0} records/s (people {persons.Count / a:N0}/s, lines {lines.Count / b:N0}/s, relationships {rels.Count / c:N0}/s)");
        await neo4j.RunAsync("MATCH (p:CalPerson) CALL (p) { DETACH DELETE p } IN TRANSACTIONS OF 10000 ROWS", new { });
        await neo4j.RunAsync("DROP CONSTRAINT cal_person IF EXISTS", new { });
        return result;
    }
}
