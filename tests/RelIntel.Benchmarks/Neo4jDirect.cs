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
        // The statements as the API loads them: rule calls expanded by the same library, from the checkout's files.
        var root = Path.GetDirectoryName(cypherFolder)!;
        var files = Directory.EnumerateFiles(root, "*.cypher", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f)[..^".cypher".Length].Replace('\\', '/'), File.ReadAllText);
        var library = new RelIntel.Neo4j.CypherLibrary(files);
        var opportunityStatement = library.Load("insights/opportunity").Text;
        var warmPathsStatement = library.Load("insights/warm-paths").Text;
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
                startsPerTarget = 10,
                viewer = new
                {
                    all = true, personId = (string?)null, teamOwnerIds = Array.Empty<string>(), privateOwnerIds = Array.Empty<string>(),
                    introductions = true, seesDoNotContact = true,
                },
                charter = new { now = DateTimeOffset.UtcNow, halfLifeDays = 90.0, staleAfterDays = 180 },
                trust = new { ownSolid = 0.9, ownDotted = 0.7, solid = 0.8, dotted = 0.6, sympathy = 0.6, introduction = 0.4 },
                hopPenalty = 0.9,
                staleFactor = 0.5,
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
/// Neo4j's own write ceiling in the same run, on the product's own schema: the same records the REST bulk phase writes —
/// people of an organization (<c>:Person</c>, with its uniqueness constraint, email index and full-text index, and
/// <c>WORKS_AT</c>), their solid reporting lines, and relationships ours → theirs (<c>KNOWS</c> with the properties the API
/// stores, and its owner index) — as plain <c>UNWIND … MERGE</c> batches of 5,000 straight to the Query API, with as many
/// concurrent clients as the REST load used. Under ids of their own, deleted afterwards.
/// </summary>
public sealed class IngestCeiling(Neo4jDirect neo4j, int clients, Action<string> log)
{
    public sealed record Result(long People, long Lines, long Relationships, double PeopleSeconds, double LinesSeconds, double RelationshipsSeconds,
        int FailedBatches)
    {
        public double RecordsPerSecond => (People + Lines + Relationships) / (PeopleSeconds + LinesSeconds + RelationshipsSeconds);

        /// <summary>The same mix as the REST bulk phase counts it: a person's lines are part of its record.</summary>
        public double PeopleAndRelationshipsPerSecond => (People + Relationships) / (PeopleSeconds + LinesSeconds + RelationshipsSeconds);
    }

    private const string People = """
        UNWIND $rows AS r
        MATCH (org:Organization {id: r.org})
        MERGE (p:Person {id: r.id})
        SET p.name = r.name, p.title = r.title, p.email = r.email, p.department = r.department, p.seniority = r.seniority,
            p.doNotContact = false, p.createdAt = datetime(), p.updatedAt = datetime()
        MERGE (p)-[:WORKS_AT]->(org)
        """;

    private const string Lines = """
        UNWIND $rows AS r
        MATCH (p:Person {id: r.id}), (m:Person {id: r.mgr})
        MERGE (p)-[l:REPORTS_TO]->(m)
        SET l.kind = 'solid', l.since = datetime()
        """;

    private const string Relationships = """
        UNWIND $rows AS r
        MATCH (a:Person {id: r.a}), (b:Person {id: r.b})
        MERGE (a)-[k:KNOWS]->(b)
          ON CREATE SET k.createdAt = datetime(), k.interactionScoreSum = 0.0, k.scoreAsOf = datetime(), k.interactionCount = 0
        SET k.declaredStrength = r.s, k.since = date(r.since), k.source = 'crm', k.ownerId = r.a, k.visibility = r.visibility,
            k.updatedAt = datetime()
        """;

    public async Task<Result> RunAsync(int people, int relationships, int seed)
    {
        var random = new Random(seed);
        var ours = Math.Max(10, people / 50);
        var organizations = Enumerable.Range(0, people / 500 + 1).Select(i => new { id = $"cal-o{i}", name = $"Calibration {i}", kind = "customer" })
            .Append(new { id = "cal-own", name = "Calibration us", kind = "own" }).ToList();
        await neo4j.RunAsync("UNWIND $rows AS r MERGE (o:Organization {id: r.id}) SET o.name = r.name, o.kind = r.kind", new { rows = organizations });
        var persons = Enumerable.Range(0, people).Select(i => new
        {
            id = $"cal-p{i}", name = $"Person {i}", title = "Title", email = $"cal-p{i}@calibration.example", department = $"Department {i % 7}",
            seniority = "individual", org = i < ours ? "cal-own" : $"cal-o{i / 500}",
        }).ToList();
        var lines = Enumerable.Range(ours, people - ours).Where(i => i % 500 != 0)
            .Select(i => new { id = $"cal-p{i}", mgr = $"cal-p{Math.Max(ours, i / 500 * 500 + (i % 500 - 1) / 4)}" })
            .Where(l => l.id != l.mgr).ToList();
        var visibilities = new[] { "company", "team", "private" };
        var rels = Enumerable.Range(0, relationships)
            .Select(_ => new { a = $"cal-p{random.Next(ours)}", b = $"cal-p{ours + random.Next(people - ours)}", s = Math.Round(random.NextDouble(), 4),
                since = "2020-01-01", visibility = visibilities[random.Next(3)] })
            .DistinctBy(r => (r.a, r.b))
            // The order the API writes in, so concurrent batches take their locks on our (dense) people in one order.
            .OrderBy(r => r.a, StringComparer.Ordinal).ThenBy(r => r.b, StringComparer.Ordinal)
            .ToList();
        var failed = 0;
        async Task<double> Run<T>(string statement, List<T> rows)
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(rows.Chunk(5000), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (batch, _) =>
            {
                // Transient errors (deadlocks) are tried again, as the API's client does.
                for (var attempt = 0; ; attempt++)
                {
                    var (_, _, error) = await neo4j.RunAsync(statement, new { rows = batch });
                    if (error is null) return;
                    if (attempt < 3 && error.Contains("TransientError", StringComparison.Ordinal)) continue;
                    Interlocked.Increment(ref failed);
                    log($"  ceiling: {error}");
                    return;
                }
            });
            return watch.Elapsed.TotalSeconds;
        }
        var a = await Run(People, persons);
        var b = await Run(Lines, lines);
        var c = await Run(Relationships, rels);
        var result = new Result(persons.Count, lines.Count, rels.Count, a, b, c, failed);
        log($"  Neo4j ceiling on the product's schema: {result.PeopleAndRelationshipsPerSecond:N0} records/s as the API counts them " +
            $"(people {persons.Count / a:N0}/s, lines {lines.Count / b:N0}/s, relationships {rels.Count / c:N0}/s)");
        await neo4j.RunAsync("""
            MATCH (n) WHERE (n:Person OR n:Organization) AND n.id STARTS WITH 'cal-'
            CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
            """, new { });
        return result;
    }
}
