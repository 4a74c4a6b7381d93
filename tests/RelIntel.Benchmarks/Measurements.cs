using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;

namespace RelIntel.Benchmarks;

/// <summary>Latencies of one series of calls, in milliseconds, and how fast they went.</summary>
public sealed record LatencySeries(string Name, int Clients, IReadOnlyList<double> Milliseconds, double WallSeconds, int Failures, string? FirstError)
{
    public double P(double percentile) => Stats.Percentile(Milliseconds, percentile);

    public double RequestsPerSecond => WallSeconds > 0 ? Milliseconds.Count / WallSeconds : 0;
}

public static class Stats
{
    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Whether two JSON answers say the same: the same structure and strings, numbers within 1e-5.</summary>
public static class AnswerComparison
{
    public static string? Difference(byte[] expected, byte[] actual)
    {
        using var a = JsonDocument.Parse(expected);
        using var b = JsonDocument.Parse(actual);
        return Difference(a.RootElement, b.RootElement, "$");
    }

    private static string? Difference(JsonElement a, JsonElement b, string path)
    {
        if (a.ValueKind != b.ValueKind) return $"{path}: {a.ValueKind} vs {b.ValueKind}";
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var names = a.EnumerateObject().Select(p => p.Name).ToList();
                if (!names.SequenceEqual(b.EnumerateObject().Select(p => p.Name))) return $"{path}: other properties";
                foreach (var name in names)
                    if (Difference(a.GetProperty(name), b.GetProperty(name), $"{path}.{name}") is { } inner) return inner;
                return null;
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return $"{path}: {a.GetArrayLength()} vs {b.GetArrayLength()} items";
                for (var i = 0; i < a.GetArrayLength(); i++)
                    if (Difference(a[i], b[i], $"{path}[{i}]") is { } inner) return inner;
                return null;
            case JsonValueKind.Number:
                return Math.Abs(a.GetDouble() - b.GetDouble()) <= 1e-5 ? null : $"{path}: {a} vs {b}";
            default:
                return a.GetRawText() == b.GetRawText() ? null : $"{path}: {a.GetRawText()} vs {b.GetRawText()}";
        }
    }
}

/// <summary>What the recommendations answers held, to tell that they were real answers.</summary>
public sealed record AnswerShape(int Answers, double TargetsPerAnswer, double PathsPerAnswer, double PlanEntriesPerAnswer, double GapsPerAnswer);

/// <summary><c>GET /api/opportunities/{id}/recommendations</c> over REST, sequential and concurrent.</summary>
public sealed class RecommendationsBench(ApiClient api, BenchOptions options, Action<string> log)
{
    private string Path(string id) => $"api/opportunities/{Uri.EscapeDataString(id)}/recommendations?pathsPerTarget={options.PathsPerTarget}";

    /// <summary>One call, to tell whether the endpoint is there at all (404 route or 501 before it is merged).</summary>
    public async Task<(bool Available, string Why)> ProbeAsync(string opportunityId)
    {
        var result = await api.GetAsync(Path(opportunityId));
        return result.Status == 200 ? (true, "200") : (false, $"{result.Status}: {Loader.Excerpt(result.Body)}");
    }

    /// <summary>
    /// The calls after the warm-up, one at a time; answers the bodies by opportunity for the concurrent comparison. With
    /// <paramref name="askTwice"/> each call is at once made a second time, and those times are a series of their own:
    /// what a caller who asks again sees (the answer cache's hits, as long as nothing was written in between).
    /// </summary>
    public async Task<(LatencySeries Series, LatencySeries? Again, AnswerShape Shape, IReadOnlyDictionary<string, byte[]> Answers)> SequentialAsync(
        IReadOnlyList<string> ids, bool askTwice)
    {
        foreach (var id in ids.Take(options.Warmup)) await api.GetAsync(Path(id));
        var times = new List<double>();
        var againTimes = new List<double>();
        var bodies = new List<byte[]>();
        var answers = new Dictionary<string, byte[]>();
        var failures = 0;
        var againFailures = 0;
        string? firstError = null, againError = null;
        var watch = Stopwatch.StartNew();
        var againSeconds = 0.0;
        foreach (var id in ids.Skip(options.Warmup).Take(options.SequentialRequests))
        {
            var result = await api.GetAsync(Path(id));
            if (result.Status != 200)
            {
                failures++;
                firstError ??= $"{result.Status}: {Loader.Excerpt(result.Body)}";
                continue;
            }
            times.Add(result.Milliseconds);
            bodies.Add(result.Body!);
            answers[id] = result.Body!;
            if (!askTwice) continue;
            var again = await api.GetAsync(Path(id), keepBody: false);
            againSeconds += again.Milliseconds / 1000;
            if (again.Status == 200) againTimes.Add(again.Milliseconds);
            else
            {
                againFailures++;
                againError ??= $"{again.Status}: {Loader.Excerpt(again.Body)}";
            }
        }
        var series = new LatencySeries("sequential", 1, times, watch.Elapsed.TotalSeconds - againSeconds, failures, firstError);
        log($"  sequential: p50 {series.P(50):F1} ms, p95 {series.P(95):F1} ms, p99 {series.P(99):F1} ms over {times.Count} calls");
        LatencySeries? againSeries = null;
        if (askTwice)
        {
            againSeries = new LatencySeries("sequential, each call asked again at once", 1, againTimes, againSeconds, againFailures, againError);
            log($"  asked again: p50 {againSeries.P(50):F1} ms, p95 {againSeries.P(95):F1} ms, p99 {againSeries.P(99):F1} ms over {againTimes.Count} calls");
        }
        return (series, againSeries, Shape(bodies), answers);
    }

    /// <summary>
    /// The same opportunities again by many clients at once, each answer compared with the sequential one (numbers within
    /// 1e-5: learned strength decays with the clock between the two series).
    /// </summary>
    public async Task<(LatencySeries Series, int Mismatches, int MinuteOnly, string? FirstMismatch)> ConcurrentAsync(IReadOnlyList<string> ids,
        IReadOnlyDictionary<string, byte[]> sequential)
    {
        var times = new ConcurrentBag<double>();
        var failures = 0;
        var mismatches = 0;
        string? firstError = null, firstMismatch = null;
        var work = Enumerable.Range(0, options.ConcurrentRequests).Select(i => ids[i % ids.Count]).ToList();
        var unlike = new ConcurrentBag<(string Id, byte[] Body)>();
        var minuteOnly = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.ConcurrentClients }, async (id, _) =>
        {
            var result = await api.GetAsync(Path(id));
            if (result.Status != 200)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstError, $"{result.Status}: {Loader.Excerpt(result.Body)}", null);
                return;
            }
            times.Add(result.Milliseconds);
            if (sequential.TryGetValue(id, out var expected) && AnswerComparison.Difference(expected, result.Body!) is not null)
                unlike.Add((id, result.Body!));
        });
        // Answers are evaluated at the start of their minute (strength decays with time): an answer unlike the sequential
        // one is asked again, alone, and compared with that; only one that differs from an answer of its own minute counts.
        foreach (var (id, body) in unlike)
        {
            var again = await api.GetAsync(Path(id));
            var difference = again.Status != 200 ? $"asked again: {again.Status}" : AnswerComparison.Difference(again.Body!, body);
            if (difference is null)
            {
                minuteOnly++;
                continue;
            }
            mismatches++;
            firstMismatch ??= $"{id}: {difference}";
        }
        var series = new LatencySeries($"{options.ConcurrentClients} concurrent", options.ConcurrentClients, times.ToList(),
            watch.Elapsed.TotalSeconds, failures, firstError);
        log($"  {options.ConcurrentClients} concurrent: p50 {series.P(50):F1} ms, p95 {series.P(95):F1} ms, p99 {series.P(99):F1} ms, " +
            $"{series.RequestsPerSecond:F1} req/s, {mismatches} answers unlike the sequential ones " +
            $"({minuteOnly} more differed only by the minute they were evaluated at)");
        return (series, mismatches, minuteOnly, firstMismatch);
    }

    private static AnswerShape Shape(List<byte[]> bodies)
    {
        double targets = 0, paths = 0, plan = 0, gaps = 0;
        foreach (var body in bodies)
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("targets", out var t))
            {
                targets += t.GetArrayLength();
                foreach (var target in t.EnumerateArray())
                    if (target.TryGetProperty("paths", out var p)) paths += p.GetArrayLength();
            }
            if (root.TryGetProperty("plan", out var pl)) plan += pl.GetArrayLength();
            if (root.TryGetProperty("gaps", out var g)) gaps += g.GetArrayLength();
        }
        var n = Math.Max(1, bodies.Count);
        return new AnswerShape(bodies.Count, targets / n, paths / n, plan / n, gaps / n);
    }
}

/// <summary>
/// The naive baseline: for each buying-center target, one <c>allShortestPaths</c> statement (baseline.cypher) straight to
/// Neo4j's Query API, then the paths ranked client-side by the product of edge trusts (the endpoint's default trusts
/// and hop penalty), keeping the k best per target.
/// </summary>
public sealed class BaselineBench(Uri neo4jUri, BenchOptions options, Action<string> log) : IDisposable
{
    private static readonly string Statement = LoadStatement();

    private readonly HttpClient http = new() { BaseAddress = neo4jUri, Timeout = TimeSpan.FromMinutes(10) };

    private static string LoadStatement()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("baseline.cypher")
            ?? throw new InvalidOperationException("baseline.cypher is not embedded.");
        return new StreamReader(stream).ReadToEnd();
    }

    public sealed record Result(LatencySeries PerOpportunity, LatencySeries PerTarget, double PathsPerTarget, double RowsPerTarget);

    public async Task<Result> RunAsync(IReadOnlyList<Opportunity> opportunities)
    {
        var perOpportunity = new List<double>();
        var perTarget = new List<double>();
        long rows = 0, kept = 0, targets = 0;
        var failures = 0;
        string? firstError = null;
        var wall = Stopwatch.StartNew();
        foreach (var opportunity in opportunities)
        {
            var watch = Stopwatch.StartNew();
            foreach (var member in opportunity.BuyingCenter)
            {
                var targetWatch = Stopwatch.StartNew();
                var (paths, error) = await QueryAsync(member.PersonId);
                if (error is not null)
                {
                    failures++;
                    firstError ??= error;
                }
                var best = paths.OrderByDescending(p => p.Score).Take(options.PathsPerTarget).ToList();
                perTarget.Add(targetWatch.Elapsed.TotalMilliseconds);
                rows += paths.Count;
                kept += best.Count;
                targets++;
            }
            perOpportunity.Add(watch.Elapsed.TotalMilliseconds);
            log($"  baseline {opportunity.Id}: {watch.Elapsed.TotalMilliseconds:F0} ms for {opportunity.BuyingCenter.Count} targets");
        }
        var seconds = wall.Elapsed.TotalSeconds;
        return new Result(
            new LatencySeries("baseline per opportunity", 1, perOpportunity, seconds, failures, firstError),
            new LatencySeries("baseline per target", 1, perTarget, seconds, failures, firstError),
            targets == 0 ? 0 : (double)kept / targets,
            targets == 0 ? 0 : (double)rows / targets);
    }

    private sealed record ScoredPath(double Score);

    private async Task<(List<ScoredPath> Paths, string? Error)> QueryAsync(string targetId)
    {
        using var response = await http.PostAsJsonAsync("db/neo4j/query/v2",
            new { statement = Statement, parameters = new { targetId } });
        var body = await response.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            return ([], errors[0].GetRawText());
        var paths = new List<ScoredPath>();
        foreach (var row in root.GetProperty("data").GetProperty("values").EnumerateArray())
        {
            var ours = row[1].EnumerateArray().Select(e => e.GetBoolean()).ToArray();
            var trust = 1d;
            var i = 0;
            foreach (var edge in row[2].EnumerateArray())
            {
                trust *= Trust(edge, ours[i] && ours[i + 1]);
                i++;
            }
            var hops = row[2].GetArrayLength();
            paths.Add(new ScoredPath(trust * Math.Pow(HopPenalty, Math.Max(0, hops - 1))));
        }
        return (paths, null);
    }

    private const double HopPenalty = 0.9;

    /// <summary>The endpoint's default edge trusts (InsightOptions), applied client-side.</summary>
    private static double Trust(JsonElement edge, bool bothOurs)
    {
        static double? Number(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return Text(edge, "type") switch
        {
            "KNOWS" => Number(edge, "declared") ?? Number(edge, "learned") ?? 0,
            "REPORTS_TO" => (Text(edge, "kind"), bothOurs) switch
            {
                ("solid", true) => 0.9,
                (_, true) => 0.7,
                ("solid", false) => 0.8,
                _ => 0.6,
            },
            "INFLUENCES" => Number(edge, "strength") ?? 0,
            "RAPPORT" => 0.6,
            _ => 0,
        };
    }

    public void Dispose() => http.Dispose();
}
