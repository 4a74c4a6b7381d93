using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace RelIntel.Benchmarks;

/// <summary>The run's figures as a Markdown report: machine, sizes, ingest, recommendations, baseline, memory, targets.</summary>
public sealed class Report(BenchOptions options)
{
    // Issue #13's targets, as ratios to what this machine does in the same run.
    public const double P50FloorRatio = 2;
    public const double P99FloorRatio = 6;
    public const double ConcurrentTarget = 200;
    public const double ConcurrentBefore = 42.2;
    public const double IngestShareOfCeiling = 0.9;
    public const double MixedP99Target = 250;
    public const double MemoryTargetMiB = 300;
    public const double CurveSpread = 0.25;
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
    /// <summary>Each of the sequential series' calls made again at once: answered from the answer cache where it holds.</summary>
    public LatencySeries? Repeated { get; set; }
    public AnswerShape? Shape { get; set; }
    public LatencySeries? Concurrent { get; set; }
    public int ConcurrentMismatches { get; set; }
    /// <summary>Concurrent answers unlike the sequential one that equal an answer asked again in their own minute.</summary>
    public int ConcurrentMinuteOnly { get; set; }
    public string? FirstMismatch { get; set; }
    public FloorBench.Result? Floor { get; set; }
    public MixedLoadBench.Result? Mixed { get; set; }
    public BaselineBench.Result? Baseline { get; set; }
    public InsightsBreakdown.Result? Breakdown { get; set; }
    public IngestCeiling.Result? Ceiling { get; set; }
    public (double PeakMiB, double CurrentMiB)? MemoryAfterLoad { get; set; }

    /// <summary>The API's memory after each later part of the run (its peak so far, and now), so a peak can be placed.</summary>
    public List<(string After, double PeakMiB, double CurrentMiB)> MemoryAfter { get; } = [];
    public (double PeakMiB, double CurrentMiB)? ApiMemory { get; set; }
    public (double PeakMiB, double CurrentMiB)? Neo4jMemory { get; set; }
    public double Seconds { get; set; }
    public BigAccountResult? BigAccount { get; set; }
    public FirstCallsBench.Result? FirstCalls { get; set; }
    public CaptureBench.Result? Capture { get; set; }

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
                s.AppendLine($"Neo4j's own ceiling in this run, on the product's own schema (its constraints and indexes; plain `UNWIND … MERGE` " +
                             $"batches of 5,000 straight to the Query API, {options.Clients} clients; {c.People:N0} people with `WORKS_AT`, " +
                             $"{c.Lines:N0} reporting lines, {c.Relationships:N0} relationships with the API's properties): " +
                             $"**{F(c.PeopleAndRelationshipsPerSecond)} records/s** counted as the API counts them (a person with its lines is " +
                             $"one record); people {F(c.People / c.PeopleSeconds)}/s, lines {F(c.Lines / c.LinesSeconds)}/s, relationships " +
                             $"{F(c.Relationships / c.RelationshipsSeconds)}/s." + (c.FailedBatches > 0 ? $" {c.FailedBatches} batches failed." : ""));
                s.AppendLine();
            }
        }

        if (Floor is { } floor)
        {
            s.AppendLine("### The floor");
            s.AppendLine();
            s.AppendLine("| series | calls | p50 ms | p95 ms | p99 ms |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var series in new[] { floor.Neo4jRoundTrip, floor.ApiHop })
                s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F2")} | {F(series.P(95), "F2")} | {F(series.P(99), "F2")} |");
            s.AppendLine();
            s.AppendLine($"Floor = Query API round trip p50 + API hop p50 = **{F(floor.Milliseconds, "F2")} ms**: no answer that needs the graph can be faster.");
            s.AppendLine();
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
            var floorMs = Floor?.Milliseconds ?? double.NaN;
            s.AppendLine("| series | calls | p50 ms | p95 ms | p99 ms | max ms | p50 / floor | p99 / floor | req/s | failed |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var series in new[] { Sequential, Repeated, Concurrent }.OfType<LatencySeries>())
                s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F1")} | {F(series.P(95), "F1")} | " +
                             $"{F(series.P(99), "F1")} | {F(series.P(100), "F1")} | {F(series.P(50) / floorMs, "F2")}× | {F(series.P(99) / floorMs, "F2")}× | " +
                             $"{F(series.RequestsPerSecond, "F1")} | {series.Failures} |");
            s.AppendLine();
            if (Concurrent is not null)
                s.AppendLine($"The concurrent series asked for the sequential series' opportunities again: {ConcurrentMismatches} of " +
                             $"{Concurrent.Milliseconds.Count:N0} answers differed from the sequential one" +
                             (FirstMismatch is null ? "" : $" (first: {FirstMismatch})") +
                             $"; {ConcurrentMinuteOnly} more differed from it only by the minute they were evaluated at (strength decays with " +
                             "time), each equal to the same call asked again alone in its own minute.");
            if (Shape is { } shape)
                s.AppendLine($"Answers (sequential series): {shape.TargetsPerAnswer:F1} targets, {shape.PathsPerAnswer:F1} paths, " +
                             $"{shape.PlanEntriesPerAnswer:F1} plan entries, {shape.GapsPerAnswer:F1} gaps per answer on average.");
            foreach (var series in new[] { Sequential, Repeated, Concurrent }.OfType<LatencySeries>().Where(x => x.FirstError is not null))
                s.AppendLine($"- {series.Name}: first failure {series.FirstError}");
            s.AppendLine();
        }

        if (FirstCalls is { } firstCalls) FirstCallsBench.AppendSection(s, firstCalls, Sequential);
        if (BigAccount is { } bigAccount) BigAccountReport.AppendSection(s, bigAccount);

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

        if (Mixed is { } mixed)
        {
            s.AppendLine($"### Mixed load: {options.ConcurrentClients} clients, 80 % reads, 20 % writes, {options.MixedSeconds} s");
            if (options.MixedWarmupSeconds > 0)
            {
                s.AppendLine();
                s.AppendLine($"Timed after {options.MixedWarmupSeconds} s of the same load not counted (each kind of call, and so each statement's first " +
                             "planning by Neo4j, happens there); errors and read-your-writes violations count from the first call.");
            }
            s.AppendLine();
            s.AppendLine("| series | calls | p50 ms | p95 ms | p99 ms | max ms | req/s | failed |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var series in new[] { mixed.All, mixed.Reads, mixed.Writes })
                s.AppendLine($"| {series.Name} | {series.Milliseconds.Count:N0} | {F(series.P(50), "F1")} | {F(series.P(95), "F1")} | " +
                             $"{F(series.P(99), "F1")} | {F(series.P(100), "F1")} | {F(series.RequestsPerSecond, "F1")} | {series.Failures} |");
            s.AppendLine();
            s.AppendLine("Calls: " + string.Join(", ", mixed.Calls.Select(c => $"{c.Key} {c.Value:N0}")) + ". Every write was read back by the " +
                         $"same client at once: **{mixed.Violations} read-your-writes violations**" +
                         (mixed.FirstViolation is null ? "." : $" (first: {mixed.FirstViolation}).") +
                         (mixed.All.FirstError is null ? "" : $" First failure: {mixed.All.FirstError}"));
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
        foreach (var (after, peak, current) in MemoryAfter) s.AppendLine($"| API, after {after} | {F(peak)} | {F(current)} |");
        if (ApiMemory is { } m) s.AppendLine($"| **API, end of run** | **{F(m.PeakMiB)}** | {F(m.CurrentMiB)} |");
        else s.AppendLine("| API | not measured (--api-uri) | |");
        if (Neo4jMemory is { } n) s.AppendLine($"| Neo4j (Java) | {F(n.PeakMiB)} | {F(n.CurrentMiB)} |");
        s.AppendLine();

        s.AppendLine("### Targets (issue #13; ratios to what this machine did in the same run)");
        s.AppendLine();
        s.AppendLine("| target | measured | met |");
        s.AppendLine("| --- | ---: | --- |");
        if (Sequential is { } seq && Floor is { } fl)
        {
            var p50Ratio = seq.P(50) / fl.Milliseconds;
            var p99Ratio = seq.P(99) / fl.Milliseconds;
            s.AppendLine($"| 1. recommendations p50 ≤ {P50FloorRatio:F0}× the floor ({F(fl.Milliseconds, "F1")} ms), each opportunity asked for the first time | {F(seq.P(50), "F1")} ms = {F(p50Ratio, "F2")}× | {Verdict(p50Ratio <= P50FloorRatio, P50FloorRatio / p50Ratio)} |");
            s.AppendLine($"| 1. recommendations p99 ≤ {P99FloorRatio:F0}× the floor, asked for the first time | {F(seq.P(99), "F1")} ms = {F(p99Ratio, "F2")}× | {Verdict(p99Ratio <= P99FloorRatio, P99FloorRatio / p99Ratio)} |");
            if (Repeated is { } again)
            {
                var againP50 = again.P(50) / fl.Milliseconds;
                var againP99 = again.P(99) / fl.Milliseconds;
                s.AppendLine($"| 1. the same, a call asked again (answer cache): p50 ≤ {P50FloorRatio:F0}× the floor | {F(again.P(50), "F1")} ms = {F(againP50, "F2")}× | {Verdict(againP50 <= P50FloorRatio, P50FloorRatio / againP50)} |");
                s.AppendLine($"| 1. the same, a call asked again (answer cache): p99 ≤ {P99FloorRatio:F0}× the floor | {F(again.P(99), "F1")} ms = {F(againP99, "F2")}× | {Verdict(againP99 <= P99FloorRatio, P99FloorRatio / againP99)} |");
            }
        }
        if (Concurrent is { } con)
        {
            var rate = con.RequestsPerSecond;
            var ok = rate >= ConcurrentTarget && con.Failures == 0 && ConcurrentMismatches == 0;
            s.AppendLine($"| 2. {options.ConcurrentClients} concurrent clients ≥ {ConcurrentTarget:N0} req/s (5× the {ConcurrentBefore} req/s before), 0 errors, every answer equal to the sequential one | " +
                         $"{F(rate, "F1")} req/s ({F(rate / ConcurrentBefore, "F1")}×), {con.Failures} errors, {ConcurrentMismatches} unequal | {Verdict(ok, rate / ConcurrentTarget)} |");
        }
        if (Phases.Count > 0 && Ceiling is { } ce)
        {
            var bulk = Phases.Where(p => p.Bulk).ToList();
            var rate = bulk.Sum(p => p.Records) / bulk.Sum(p => p.Seconds);
            var share = rate / ce.PeopleAndRelationshipsPerSecond;
            s.AppendLine($"| 3. bulk ingest ≥ {IngestShareOfCeiling:P0} of Neo4j's ceiling on the product's schema ({F(ce.PeopleAndRelationshipsPerSecond)} records/s) | " +
                         $"{F(rate)} records/s = {F(share * 100, "F0")} % | {Verdict(share >= IngestShareOfCeiling, share / IngestShareOfCeiling)} |");
        }
        if (FirstCalls is { } fc) FirstCallsBench.AppendTarget(s, fc, Sequential, options.ConcurrentClients);
        if (BigAccount is { } ba) BigAccountReport.AppendTargets(s, ba, Phases);
        if (Mixed is { } mx)
        {
            var ok = mx.All.P(99) <= MixedP99Target && mx.All.Failures == 0 && mx.Violations == 0 && options.MixedSeconds >= 60;
            s.AppendLine($"| 4. mixed load ≥ 60 s: p99 ≤ {MixedP99Target:N0} ms, 0 errors, read-your-writes | {options.MixedSeconds} s, p99 {F(mx.All.P(99), "F1")} ms, " +
                         $"{mx.All.Failures} errors, {mx.Violations} violations | {Verdict(ok, MixedP99Target / mx.All.P(99))} |");
        }
        s.AppendLine("| 5. cost follows the neighbourhood (p50 and ingest within 25 % at ¼, ½, 1, 2× the size) | run with `--curve 0.25,0.5,1,2` | see the curve |");
        if (ApiMemory is { } mem)
            s.AppendLine($"| 6. API peak memory ≤ {MemoryTargetMiB:N0} MiB | {F(mem.PeakMiB)} MiB | {Verdict(mem.PeakMiB <= MemoryTargetMiB, MemoryTargetMiB / mem.PeakMiB)} |");
        if (Sequential is { } sq2 && Baseline is { } bl)
        {
            var ratio = bl.PerOpportunity.P(50) / sq2.P(50);
            s.AppendLine($"| (issue #4) ≥ {RatioTarget:N0}× faster than the naive baseline (p50 per opportunity) | {F(ratio, "F1")}× | {Verdict(ratio >= RatioTarget, ratio / RatioTarget)} |");
        }
        if (Capture is { } capture) s.Append(CaptureBench.Markdown(capture, Phases.FirstOrDefault(p => p.Name == "interactions")));
        return s.ToString();
    }

    /// <summary>The curve: the same measurements at several sizes, and whether cost stayed flat.</summary>
    public static string CurveMarkdown(IReadOnlyList<CurvePoint> points, BenchOptions options)
    {
        var s = new StringBuilder();
        s.AppendLine($"## RelIntel benchmark — cost against graph size, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine($"Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemTotalGiB():F1} GiB RAM. Each size ran on a fresh Neo4j, " +
                     $"loaded through the REST API, then {options.SequentialRequests} sequential recommendations after {options.Warmup} warm-up calls.");
        s.AppendLine();
        s.AppendLine("| size | customers × people | our people | relationships | opportunities | floor ms | recommendations p50 ms | p50 / floor | p99 ms | bulk ingest records/s | ingest / ceiling | API peak MiB | load avg |");
        s.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var p in points)
        {
            var r = p.Report;
            var bulk = r.Phases.Where(x => x.Bulk).ToList();
            var ingest = bulk.Count == 0 ? double.NaN : bulk.Sum(x => x.Records) / bulk.Sum(x => x.Seconds);
            var ceiling = r.Ceiling?.PeopleAndRelationshipsPerSecond ?? double.NaN;
            var floor = r.Floor?.Milliseconds ?? double.NaN;
            var p50 = r.Sequential?.P(50) ?? double.NaN;
            s.AppendLine($"| {p.Factor}× | {p.Options.Customers:N0} × {p.Options.PeoplePerCustomer:N0} | {p.Options.OurPeople:N0} | {p.Options.Relationships:N0} | " +
                         $"{p.Options.Opportunities:N0} | {F(floor, "F2")} | {F(p50, "F1")} | {F(p50 / floor, "F2")}× | {F(r.Sequential?.P(99) ?? double.NaN, "F1")} | " +
                         $"{F(ingest)} | {F(ingest / ceiling * 100, "F0")} % | {F(r.ApiMemory?.PeakMiB ?? double.NaN)} | {r.LoadAtStart} → {r.LoadAtEnd} |");
        }
        s.AppendLine();
        var p50s = points.Select(p => p.Report.Sequential?.P(50) ?? double.NaN).Where(v => !double.IsNaN(v)).ToList();
        var ingests = points.Select(p => p.Report.Phases.Where(x => x.Bulk).ToList()).Where(b => b.Count > 0)
            .Select(b => b.Sum(x => x.Records) / b.Sum(x => x.Seconds)).ToList();
        static double Spread(IReadOnlyList<double> v) => v.Count == 0 ? double.NaN : (v.Max() - v.Min()) / v.Min();
        var p50Spread = Spread(p50s);
        var ingestSpread = Spread(ingests);
        s.AppendLine("| target (issue #13, 5) | measured | met |");
        s.AppendLine("| --- | ---: | --- |");
        s.AppendLine($"| recommendations p50 within {CurveSpread:P0} of each other across sizes | largest {F(p50Spread * 100, "F0")} % above smallest | " +
                     $"{Verdict(p50Spread <= CurveSpread, CurveSpread / p50Spread)} |");
        s.AppendLine($"| bulk ingest records/s flat across sizes (within {CurveSpread:P0}) | largest {F(ingestSpread * 100, "F0")} % above smallest | " +
                     $"{Verdict(ingestSpread <= CurveSpread, CurveSpread / ingestSpread)} |");
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

/// <summary>One size of the curve: its factor, the options it ran with and what it measured.</summary>
public sealed record CurvePoint(double Factor, BenchOptions Options, Report Report);
