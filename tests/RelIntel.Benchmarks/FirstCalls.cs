using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RelIntel.Benchmarks;

/// <summary>
/// Throughput, honestly (issue #22, target 4): 16 clients at once on opportunities not asked before in the run, so every
/// call is computed (a first call), never an answer cache hit. Each answer is then compared with the same opportunity
/// asked again alone in a later minute: answers are evaluated at the start of their minute and kept per minute, so that
/// call is computed afresh too (and its series is a sequential first-call rate of its own).
/// </summary>
public sealed class FirstCallsBench(ApiClient api, BenchOptions options, Action<string> log)
{
    public sealed record Result(LatencySeries Concurrent, LatencySeries Reference, int Mismatches, string? FirstMismatch);

    private string Path(string id) => $"api/opportunities/{Uri.EscapeDataString(id)}/recommendations?pathsPerTarget={options.PathsPerTarget}";

    public async Task<Result> RunAsync(IReadOnlyList<string> fresh)
    {
        log($"first calls: {fresh.Count} opportunities not asked before, {options.ConcurrentClients} clients ...");
        var times = new ConcurrentBag<double>();
        var bodies = new ConcurrentDictionary<string, byte[]>();
        var failures = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = options.ConcurrentClients }, async (id, _) =>
        {
            var result = await api.GetAsync(Path(id));
            times.Add(result.Milliseconds);
            if (result.Status == 200) bodies[id] = result.Body!;
            else
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstError, $"{result.Status}: {Loader.Excerpt(result.Body)}", null);
            }
        });
        var concurrent = new LatencySeries($"{options.ConcurrentClients} concurrent, first calls", options.ConcurrentClients, times.ToList(),
            watch.Elapsed.TotalSeconds, failures, firstError);
        log($"  first calls, {options.ConcurrentClients} clients: p50 {concurrent.P(50):F1} ms, p99 {concurrent.P(99):F1} ms, {concurrent.RequestsPerSecond:F1} req/s, {failures} failed");

        // The next minute, so the reference answers are computed, not the ones just cached.
        var now = DateTimeOffset.UtcNow;
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1).AddSeconds(1);
        await Task.Delay(next - now);
        var reference = new List<double>();
        var mismatches = 0;
        var referenceFailures = 0;
        string? firstMismatch = null, referenceError = null;
        watch.Restart();
        foreach (var id in fresh)
        {
            var result = await api.GetAsync(Path(id));
            if (result.Status != 200)
            {
                referenceFailures++;
                referenceError ??= $"{result.Status}: {Loader.Excerpt(result.Body)}";
                continue;
            }
            reference.Add(result.Milliseconds);
            if (!bodies.TryGetValue(id, out var seen)) continue;
            if (AnswerComparison.Difference(result.Body!, seen) is { } difference)
            {
                mismatches++;
                firstMismatch ??= $"{id}: {difference}";
            }
        }
        var sequential = new LatencySeries("sequential, the same opportunities a minute later (computed again)", 1, reference,
            watch.Elapsed.TotalSeconds, referenceFailures, referenceError);
        log($"  reference: p50 {sequential.P(50):F1} ms, {sequential.RequestsPerSecond:F1} req/s; {mismatches} answers differ");
        return new Result(concurrent, sequential, mismatches, firstMismatch);
    }

    private static string F(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static void AppendSection(StringBuilder s, Result r, LatencySeries? sequential)
    {
        s.AppendLine("#### Throughput on first calls (issue #22, target 4)");
        s.AppendLine();
        s.AppendLine("| series | calls | p50 ms | p95 ms | p99 ms | max ms | req/s | failed |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var series in new[] { sequential, r.Concurrent, r.Reference }.OfType<LatencySeries>())
            s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F1")} | {F(series.P(95), "F1")} | {F(series.P(99), "F1")} | " +
                         $"{F(series.P(100), "F1")} | {F(series.RequestsPerSecond, "F1")} | {series.Failures} |");
        s.AppendLine();
        s.AppendLine($"The concurrent first calls asked for {r.Concurrent.Milliseconds.Count:N0} opportunities no series had asked for before; each answer " +
                     $"was compared with the same opportunity asked again alone in the next minute (computed afresh): **{r.Mismatches} differed**" +
                     (r.FirstMismatch is null ? "." : $" (first: {r.FirstMismatch}).") +
                     (r.Concurrent.FirstError is null ? "" : $" First failure: {r.Concurrent.FirstError}"));
        s.AppendLine();
    }

    public static void AppendTarget(StringBuilder s, Result r, LatencySeries? sequential, int clients)
    {
        if (sequential is null) return;
        var ratio = r.Concurrent.RequestsPerSecond / sequential.RequestsPerSecond;
        var ok = ratio >= 2 && r.Concurrent.Failures == 0 && r.Mismatches == 0;
        s.AppendLine($"| 4. (#22) {clients} clients on first calls ≥ 2× the sequential first-call rate ({F(sequential.RequestsPerSecond, "F1")} req/s), 0 errors, " +
                     $"answers equal | {F(r.Concurrent.RequestsPerSecond, "F1")} req/s = {F(ratio, "F2")}×, {r.Concurrent.Failures} errors, {r.Mismatches} unequal | " +
                     (ok ? "yes" : $"**no** ({F(ratio / 2 * 100, "F0")} % of target)") + " |");
    }
}
