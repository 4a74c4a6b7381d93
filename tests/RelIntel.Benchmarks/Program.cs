using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RelIntel.Benchmarks;
using RelIntel.Neo4j.DevServices;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var started = Stopwatch.StartNew();
void Log(string message) => Console.Error.WriteLine($"[{started.Elapsed:mm\\:ss}] {message}");

string markdown;
if (options.BigAccountCurve.Count > 0)
{
    // Issue #22, target 2: the big account's answers at several sizes, each run on a fresh Neo4j beside the same data set.
    var reports = new List<Report>();
    foreach (var size in options.BigAccountCurve)
    {
        Log($"big-account curve: {size:N0} people ...");
        reports.Add(await RunAsync(options with { BigAccount = size }, curvePoint: true));
    }
    markdown = BigAccountReport.CurveMarkdown(reports.Select(r => r.BigAccount!).ToList(), options, reports);
}
else if (options.Curve.Count > 0)
{
    // Cost follows the neighbourhood: the same shape at several sizes, each on a fresh Neo4j, measured the same way.
    var points = new List<CurvePoint>();
    foreach (var factor in options.Curve)
    {
        var sized = options.Scaled(factor);
        Log($"curve: {factor}× the default size ...");
        var run = await RunAsync(sized, curvePoint: true);
        points.Add(new CurvePoint(factor, sized, run));
    }
    markdown = Report.CurveMarkdown(points, options);
}
else
{
    markdown = (await RunAsync(options, curvePoint: false)).ToMarkdown();
}
Console.WriteLine(markdown);
if (options.Output is { } output) await File.WriteAllTextAsync(output, markdown);
return 0;

async Task<Report> RunAsync(BenchOptions options, bool curvePoint)
{
    var runWatch = Stopwatch.StartNew();
    var report = new Report(options) { StartedAt = DateTimeOffset.UtcNow, LoadAtStart = Report.LoadAverage() };

    Log($"generating (seed {options.Seed}) ...");
    var generation = Stopwatch.StartNew();
    var data = Generator.Generate(options);
    report.Data = data;
    Log($"generated {data.People:N0} people, {data.ReportingLines:N0} reporting lines, {data.Relationships.Count:N0} relationships, " +
        $"{data.Opportunities.Count:N0} opportunities in {generation.Elapsed.TotalSeconds:F1} s");

    LocalNeo4jServer? neo4j = null;
    ApiProcess? apiProcess = null;
    try
    {
        Uri neo4jUri;
        if (options.Neo4jUri is { } configured)
        {
            neo4jUri = new Uri(configured);
            report.Neo4jSource = $"given ({configured})";
        }
        else
        {
            var home = options.Neo4jHome ?? Neo4jEndpoint.FindNeo4jHome()
                ?? throw new InvalidOperationException("No Neo4j: give --neo4j-uri, --neo4j-home or NEO4J_HOME.");
            Log($"starting Neo4j from {home} (heap {options.Neo4jHeap}, page cache {options.Neo4jPageCache}, fresh data folder) ...");
            neo4j = await LocalNeo4jServer.StartAsync(home, dataFolder: null, NullLogger.Instance, settings: new Dictionary<string, string>
            {
                ["server.memory.heap.initial_size"] = options.Neo4jHeap,
                ["server.memory.heap.max_size"] = options.Neo4jHeap,
                ["server.memory.pagecache.size"] = options.Neo4jPageCache,
            });
            neo4jUri = neo4j.HttpUri;
            report.Neo4jSource = $"started from {home}, heap {options.Neo4jHeap}, page cache {options.Neo4jPageCache}, fresh data folder";
        }

        Uri apiUri;
        if (options.ApiUri is { } givenApi)
        {
            apiUri = new Uri(givenApi);
            report.ApiSource = $"given ({givenApi})";
        }
        else
        {
            var dll = options.ApiDll ?? FindApiDll();
            // One log per API started: a curve starts one per size, and each point's log is kept.
            var point = options.BigAccount > 0 ? $"-{options.BigAccount}" : "";
            var logFile = Path.Combine(Path.GetTempPath(), $"relintel-bench-api-{Environment.ProcessId}{point}.log");
            Log($"starting the API: dotnet {dll} (Production, log {logFile}) ...");
            apiProcess = await ApiProcess.StartAsync(dll, neo4jUri, options.ApiKey, logFile, options.ApiSettings);
            apiUri = apiProcess.Uri;
            report.ApiSource = $"dotnet {Path.GetRelativePath(Directory.GetCurrentDirectory(), dll)}, Production" +
                string.Concat(options.ApiSettings.Select(x => $", {x.Key}={x.Value}"));
        }

        using var api = new ApiClient(apiUri, options.ApiKey);
        if (!options.SkipLoad)
        {
            var loader = new Loader(api, options, Log);
            report.Phases = await loader.LoadAsync(data);
            report.MemoryAfterLoad = apiProcess?.Memory();
        }
        void MemoryAfter(string part)
        {
            if (apiProcess?.Memory() is { } m) report.MemoryAfter.Add((part, m.PeakMiB, m.CurrentMiB));
        }
        if (options.BigAccount > 0)
            report.BigAccount = await new BigAccountBench(api, data, options, Log, MemoryAfter).RunAsync(options.BigAccount);
        using var direct = new Neo4jDirect(neo4jUri);
        if (!options.SkipLoad && options.CeilingPeople > 0)
        {
            Log($"Neo4j's own ingest ceiling on the product's schema ({options.CeilingPeople:N0} people, {options.CeilingRelationships:N0} relationships) ...");
            report.Ceiling = await new IngestCeiling(direct, options.Clients, Log).RunAsync(options.CeilingPeople, options.CeilingRelationships, options.Seed);
        }
        report.GraphCounts = await GraphCountsAsync(neo4jUri);
        // Measured on the loaded, warmed-up servers, just before the answers it is compared with (a Neo4j fresh from its
        // start answers RETURN 1 several times slower, which would flatter every ratio).
        Log("the floor (Query API RETURN 1 + API hop) ...");
        report.Floor = await new FloorBench(neo4jUri, api, Log).RunAsync(options.FloorCalls);

        if (!options.LoadOnly)
        {
            // The same random opportunities for every series (fixed seed), drawn with replacement.
            var pick = new Random(options.Seed + 1);
            var needed = options.Warmup + options.SequentialRequests;
            var sequentialIds = Enumerable.Range(0, needed).Select(_ => data.Opportunities[pick.Next(data.Opportunities.Count)].Id).ToList();

            var recommendations = new RecommendationsBench(api, options, Log);
            var (available, why) = await recommendations.ProbeAsync(sequentialIds[0]);
            report.RecommendationsAvailable = available;
            report.RecommendationsMissing = available ? null : why;
            if (available)
            {
                Log("recommendations ...");
                (report.Sequential, report.Repeated, report.Shape, var answers) =
                    await recommendations.SequentialAsync(sequentialIds, askTwice: !curvePoint);
                if (!curvePoint)
                {
                    // The same opportunities again, many clients at once: every answer must equal the sequential one.
                    (report.Concurrent, report.ConcurrentMismatches, report.ConcurrentMinuteOnly, report.FirstMismatch) =
                        await recommendations.ConcurrentAsync(sequentialIds.Skip(options.Warmup).ToList(), answers);
                    // Opportunities no series asked for yet: first calls only (issue #22, target 4).
                    var asked = sequentialIds.ToHashSet();
                    var fresh = data.Opportunities.Select(o => o.Id).Where(id => !asked.Contains(id)).Take(options.ConcurrentRequests).ToList();
                    if (fresh.Count > 0) report.FirstCalls = await new FirstCallsBench(api, options, Log).RunAsync(fresh);
                }
                MemoryAfter("the recommendation series");
            }
            else Log($"recommendations are not available: {why}");

            if (!curvePoint && available && InsightsBreakdown.FindCypherFolder() is { } cypherFolder && options.BreakdownOpportunities > 0)
            {
                Log("the endpoint's statements straight to Neo4j ...");
                var byIdForBreakdown = data.Opportunities.ToDictionary(o => o.Id);
                var sample = sequentialIds.Take(options.BreakdownOpportunities + options.Warmup / 3).Select(id => byIdForBreakdown[id]).ToList();
                report.Breakdown = await new InsightsBreakdown(direct, cypherFolder, options, Log).RunAsync(sample);
            }

            if (!curvePoint && available && options.MixedSeconds > 0)
            {
                Log($"mixed load: {options.ConcurrentClients} clients, 80 % reads, 20 % writes, {options.MixedWarmupSeconds} s not counted, then {options.MixedSeconds} s ...");
                report.Mixed = await new MixedLoadBench(api, data, options, Log)
                    .RunAsync(TimeSpan.FromSeconds(options.MixedSeconds), TimeSpan.FromSeconds(options.MixedWarmupSeconds));
                MemoryAfter("the mixed load");
            }

            if (!curvePoint && options.BaselineOpportunities > 0)
            {
                // The baseline on the first opportunities the sequential series measured (same data, same run).
                var byId = data.Opportunities.ToDictionary(o => o.Id);
                var baselineOpportunities = sequentialIds.Skip(options.Warmup).Distinct().Take(options.BaselineOpportunities).Select(id => byId[id]).ToList();
                Log($"naive baseline on {baselineOpportunities.Count} opportunities ...");
                using var baseline = new BaselineBench(neo4jUri, options, Log);
                // One warm-up target, so the first measured statement is not the one that plans and compiles.
                await baseline.RunAsync([baselineOpportunities[0] with { BuyingCenter = baselineOpportunities[0].BuyingCenter.Take(1).ToList() }]);
                report.Baseline = await baseline.RunAsync(baselineOpportunities);
            }
        }

        report.ApiMemory = apiProcess?.Memory();
        // Last, after the run's peak memory is read: it resets the API's peak to measure its own.
        if (!curvePoint && !options.LoadOnly && options.CaptureMessages + options.CaptureEvents > 0)
            report.Capture = await new CaptureBench(apiUri, options, data, apiProcess, Log).RunAsync();
        if (neo4j is not null && ProcMemory.FindNeo4jJava(Path.GetDirectoryName(neo4j.LogFile)!) is { } javaPid)
            report.Neo4jMemory = ProcMemory.Read(javaPid);
        report.LoadAtEnd = Report.LoadAverage();
        report.Seconds = runWatch.Elapsed.TotalSeconds;
        return report;
    }
    finally
    {
        if (apiProcess is not null) await apiProcess.DisposeAsync();
        if (neo4j is not null)
        {
            Log("stopping Neo4j ...");
            await neo4j.DisposeAsync();
        }
    }
}

static string FindApiDll()
{
#if DEBUG
    const string configuration = "Debug";
#else
    const string configuration = "Release";
#endif
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (!File.Exists(Path.Combine(dir.FullName, "RelIntel.sln"))) continue;
        var dll = Path.Combine(dir.FullName, "src", "RelIntel.Api", "bin", configuration, "net10.0", "RelIntel.Api.dll");
        if (File.Exists(dll)) return dll;
        throw new InvalidOperationException($"{dll} is not built: dotnet build -c {configuration} src/RelIntel.Api, or give --api-dll.");
    }
    throw new InvalidOperationException("Cannot find the checkout (RelIntel.sln) above the benchmark; give --api-dll.");
}

static async Task<Dictionary<string, long>> GraphCountsAsync(Uri neo4jUri)
{
    using var http = new HttpClient { BaseAddress = neo4jUri };
    const string statement = """
        CALL () { MATCH (n) RETURN count(n) AS nodes }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
        CALL () { MATCH ()-[k:KNOWS]->() RETURN count(k) AS knows }
        CALL () { MATCH (p:Person) RETURN count(p) AS people }
        RETURN nodes, relationships, knows, people
        """;
    using var response = await http.PostAsJsonAsync("db/neo4j/query/v2", new { statement });
    using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
    var data = json.RootElement.GetProperty("data");
    var fields = data.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToList();
    var values = data.GetProperty("values")[0].EnumerateArray().Select(v => v.GetInt64()).ToList();
    return fields.Zip(values).ToDictionary(x => x.First, x => x.Second);
}
