using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace RelIntel.Benchmarks;

/// <summary>The run's figures as a Markdown report: machine, sizes, ingest, recommendations, baseline, memory, targets.</summary>
public sealed class Report(BenchOptions options)
{
    public const double IngestTarget = 20_000;
    public const double P50Target = 50;
    public const double RatioTarget = 10;

    public DateTimeOffset StartedAt { get; init; }
    public string? LoadAtStart { get; init; }
    public string? LoadAtEnd { get; set; }
    public DataSet? Data { get; set; }
    public string? Neo4jSource { get; set; }
    public string? ApiSource { get; set; }
    public List<PhaseResult> Phases { get; set; } = [];
    public Dictionary<string, long>? GraphCounts { get; set; }
    public bool RecommendationsAvailable { get; set; }
    public string? RecommendationsMissing { get; set; }
    public LatencySeries? Sequential { get; set; }
    public AnswerShape? Shape { get; set; }
    public LatencySeries? Concurrent { get; set; }
    public BaselineBench.Result? Baseline { get; set; }
    public InsightsBreakdown.Result? Breakdown { get; set; }
    public IngestCeiling.Result? Ceiling { get; set; }
    public (double PeakMiB, double CurrentMiB)? MemoryAfterLoad { get; set; }
    public (double PeakMiB, double CurrentMiB)? ApiMemory { get; set; }
    public (double PeakMiB, double CurrentMiB)? Neo4jMemory { get; set; }
    public double Seconds { get; set; }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string F(double value, string format = "N0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var s = new StringBuilder();
        var d = Data!;
        s.AppendLine($"## RelIntel benchmark — {StartedAt:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemTotalGiB():F1} GiB RAM, {RuntimeInformation.OSDescription}, " +
                     $".NET {Environment.Version}. Load average at start {LoadAtStart}, at end {LoadAtEnd}. Run took {Seconds / 60:F1} min.");
        s.AppendLine($"Neo4j: {Neo4jSource}. API: {ApiSource}.");
        s.AppendLine();
        s.AppendLine("### Data (seed " + options.Seed + ")");
        s.AppendLine();
        s.AppendLine("| what | count |");
        s.AppendLine("| --- | ---: |");
        s.AppendLine($"| customer organizations × people | {d.Customers.Count:N0} × {options.PeoplePerCustomer:N0} |");
        s.AppendLine($"| our people | {d.Own.People.Count:N0} |");
        s.AppendLine($"| competitors | {d.Competitors.Count:N0} |");
        s.AppendLine($"| people / reporting lines (solid + dotted) | {d.People:N0} / {d.ReportingLines:N0} |");
        s.AppendLine($"| informal influence lines / rapport lines | {d.Influences.Count:N0} / {d.Rapport.Count:N0} |");
        s.AppendLine($"| relationships ours → theirs (declared / learned) | {d.Relationships.Count:N0} ({d.Relationships.Count(r => r.Strength is not null):N0} / {d.Relationships.Count(r => r.Strength is null):N0}) |");
        s.AppendLine($"| interactions | {d.Interactions.Count:N0} |");
        s.AppendLine($"| opportunities / buying-center members / team members | {d.Opportunities.Count:N0} / {d.BuyingCenterMembers:N0} / {d.TeamMembers:N0} |");
        if (GraphCounts is not null)
            s.AppendLine($"| in Neo4j afterwards: nodes / relationships (KNOWS) | {GraphCounts["nodes"]:N0} / {GraphCounts["relationships"]:N0} ({GraphCounts["knows"]:N0}) |");
        s.AppendLine();

        if (Phases.Count > 0)
        {
            s.AppendLine($"### Ingest through the REST API ({options.Clients} concurrent clients for bulk calls, {options.Clients * 2} for single calls)");
            s.AppendLine();
            s.AppendLine("| phase | endpoint | records | calls | seconds | records/s | call p50 ms | call p95 ms | failed |");
            s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var p in Phases)
                s.AppendLine($"| {p.Name} | `{p.Endpoint}` | {p.Records:N0} | {p.Calls:N0} | {F(p.Seconds, "F1")} | {F(p.RecordsPerSecond)} | " +
                             $"{F(Stats.Percentile(p.CallMilliseconds, 50), "F1")} | {F(Stats.Percentile(p.CallMilliseconds, 95), "F1")} | {p.FailedRecords:N0} |");
            var bulk = Phases.Where(p => p.Bulk).ToList();
            var bulkRate = bulk.Sum(p => p.Records) / bulk.Sum(p => p.Seconds);
            var all = Phases.Sum(p => p.Records) / Phases.Sum(p => p.Seconds);
            s.AppendLine($"| **bulk endpoints** | org charts + relationships batch | {bulk.Sum(p => p.Records):N0} | {bulk.Sum(p => p.Calls):N0} | " +
                         $"{F(bulk.Sum(p => p.Seconds), "F1")} | **{F(bulkRate)}** | | | {bulk.Sum(p => p.FailedRecords):N0} |");
            s.AppendLine($"| all phases | | {Phases.Sum(p => p.Records):N0} | {Phases.Sum(p => p.Calls):N0} | {F(Phases.Sum(p => p.Seconds), "F1")} | {F(all)} | | | {Phases.Sum(p => p.FailedRecords):N0} |");
            s.AppendLine();
            foreach (var p in Phases.Where(p => p.FirstError is not null))
                s.AppendLine($"- {p.Name}: first failure {p.FirstError}");
            s.AppendLine();
            if (Ceiling is { } c)
            {
                s.AppendLine($"Neo4j's own ceiling in this run (plain `UNWIND … MERGE` batches of 5,000 straight to the Query API, as " +
                             $"`shared/neo4j/calibrate/ingest_ceiling.py`; {c.People:N0} people, {c.Lines:N0} reporting lines, " +
                             $"{c.Relationships:N0} relationships): **{F(c.RecordsPerSecond)} records/s** counting lines as records " +
                             $"(people {F(c.People / c.PeopleSeconds)}/s, lines {F(c.Lines / c.LinesSeconds)}/s, relationships " +
                             $"{F(c.Relationships / c.RelationshipsSeconds)}/s); {F(c.PeopleAndRelationshipsPerSecond)} records/s counted " +
                             "as the API counts them (a person with its lines is one record).");
                s.AppendLine();
            }
        }

        s.AppendLine($"### `GET /api/opportunities/{{id}}/recommendations?pathsPerTarget={options.PathsPerTarget}` over REST");
        s.AppendLine();
        if (!RecommendationsAvailable)
        {
            s.AppendLine($"Not measured: the endpoint answered {RecommendationsMissing}");
            s.AppendLine();
        }
        else
        {
            s.AppendLine("| series | calls | p50 ms | p95 ms | p99 ms | max ms | req/s | failed |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var series in new[] { Sequential!, Concurrent! })
                s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F1")} | {F(series.P(95), "F1")} | " +
                             $"{F(series.P(99), "F1")} | {F(series.P(100), "F1")} | {F(series.RequestsPerSecond, "F1")} | {series.Failures} |");
            s.AppendLine();
            if (Shape is { } shape)
                s.AppendLine($"Answers (sequential series): {shape.TargetsPerAnswer:F1} targets, {shape.PathsPerAnswer:F1} paths, " +
                             $"{shape.PlanEntriesPerAnswer:F1} plan entries, {shape.GapsPerAnswer:F1} gaps per answer on average.");
            foreach (var series in new[] { Sequential!, Concurrent! }.Where(x => x.FirstError is not null))
                s.AppendLine($"- {series.Name}: first failure {series.FirstError}");
            s.AppendLine();
        }

        if (Breakdown is { } br && Sequential is { } sq)
        {
            s.AppendLine("Where the time goes: the endpoint's two statements run straight against Neo4j (same parameters as the endpoint's defaults, " +
                         "same opportunities, sequential, HTTP round trip included):");
            s.AppendLine();
            s.AppendLine("| statement | samples | p50 ms | p95 ms | p99 ms | max ms |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var series in new[] { br.Opportunity, br.WarmPaths, br.Both })
                s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F1")} | {F(series.P(95), "F1")} | " +
                             $"{F(series.P(99), "F1")} | {F(series.P(100), "F1")} |");
            s.AppendLine();
            s.AppendLine($"Neo4j's share of the sequential p50: {F(br.Both.P(50) / sq.P(50) * 100, "F0")} % " +
                         $"({F(br.Both.P(50), "F1")} of {F(sq.P(50), "F1")} ms); warm-paths answers average {F(br.WarmPathsKiB, "F0")} KiB of JSON.");
            if (br.Both.FirstError is not null) s.AppendLine($"- first error: {br.Both.FirstError}");
            s.AppendLine();
        }

        if (Baseline is { } b)
        {
            s.AppendLine("### Naive baseline: `allShortestPaths` per target straight to Neo4j, ranked client-side");
            s.AppendLine();
            s.AppendLine("| series | samples | p50 ms | p95 ms | p99 ms | max ms | failed |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var series in new[] { b.PerOpportunity, b.PerTarget })
                s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F1")} | {F(series.P(95), "F1")} | " +
                             $"{F(series.P(99), "F1")} | {F(series.P(100), "F1")} | {series.Failures} |");
            s.AppendLine();
            s.AppendLine($"Rows (shortest paths) returned per target: {b.RowsPerTarget:F1} on average; kept {b.PathsPerTarget:F2} per target.");
            if (b.PerOpportunity.FirstError is not null) s.AppendLine($"- first failure: {b.PerOpportunity.FirstError}");
            s.AppendLine();
        }

        s.AppendLine("### Memory");
        s.AppendLine();
        s.AppendLine("| process | peak resident (VmHWM) MiB | resident at end (VmRSS) MiB |");
        s.AppendLine("| --- | ---: | ---: |");
        if (MemoryAfterLoad is { } afterLoad) s.AppendLine($"| API, after loading | {F(afterLoad.PeakMiB)} | {F(afterLoad.CurrentMiB)} |");
        if (ApiMemory is { } m) s.AppendLine($"| **API, end of run** | **{F(m.PeakMiB)}** | {F(m.CurrentMiB)} |");
        else s.AppendLine("| API | not measured (--api-uri) | |");
        if (Neo4jMemory is { } n) s.AppendLine($"| Neo4j (Java) | {F(n.PeakMiB)} | {F(n.CurrentMiB)} |");
        s.AppendLine();

        s.AppendLine("### Targets (issue #4, 2-core machine)");
        s.AppendLine();
        s.AppendLine("| target | measured | met |");
        s.AppendLine("| --- | ---: | --- |");
        if (Phases.Count > 0)
        {
            var bulk = Phases.Where(p => p.Bulk).ToList();
            var rate = bulk.Sum(p => p.Records) / bulk.Sum(p => p.Seconds);
            s.AppendLine($"| bulk ingest ≥ {IngestTarget:N0} records/s | {F(rate)} records/s | {Verdict(rate >= IngestTarget, rate / IngestTarget)} |");
        }
        if (Sequential is { } seq)
        {
            var p50 = seq.P(50);
            s.AppendLine($"| recommendations p50 ≤ {P50Target:N0} ms | {F(p50, "F1")} ms | {Verdict(p50 <= P50Target, P50Target / p50)} |");
            if (Baseline is { } bl)
            {
                var ratio = bl.PerOpportunity.P(50) / p50;
                s.AppendLine($"| ≥ {RatioTarget:N0}× faster than the baseline (p50 per opportunity) | {F(ratio, "F1")}× | {Verdict(ratio >= RatioTarget, ratio / RatioTarget)} |");
            }
        }
        else s.AppendLine("| recommendations p50 ≤ 50 ms, ≥ 10× the baseline | not measured | — |");
        return s.ToString();
    }

    private static string Verdict(bool met, double fraction) =>
        met ? "yes" : $"**no** ({F(fraction * 100, "F0")} % of target)";

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo")) return "unknown CPU";
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static double MemTotalGiB()
    {
        if (!File.Exists("/proc/meminfo")) return double.NaN;
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024d / 1024d;
    }
}
