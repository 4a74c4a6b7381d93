using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RelIntel.Benchmarks;

/// <summary>
/// One very large customer (issue #22): a 9-level pyramid of <c>--big-account N</c> people with departments, dotted lines
/// and influence lines, about 2 % of it known by up to 2,000 of ours (N relationships into it), and a deal there with a
/// 15-member buying center. Generated from the run's seed, loaded through the bulk API beside the rest of the data set.
/// </summary>
public sealed record BigAccountData(Organization Organization, IReadOnlyList<RelationshipBody> Relationships, IReadOnlyList<InfluenceBody> Influences,
    Opportunity Deal, IReadOnlyList<string> Roots, IReadOnlyList<int> LevelCounts, int KnownPeople);

public static class BigAccountGenerator
{
    public const int Levels = 9;
    public const int ChartCall = 5_000;

    private static readonly string[] Seniority = ["executive", "vp", "director", "director", "manager", "manager", "manager", "individual", "individual"];

    private static readonly string[] Departments =
        ["Finance", "IT", "Operations", "Procurement", "Sales", "Marketing", "Engineering", "HR", "Legal", "Manufacturing", "Supply Chain", "Product"];

    /// <summary>Level sizes: a CEO, 12 C-level and VPs, then a constant span of control down to the individual contributors.</summary>
    public static int[] LevelCounts(int size)
    {
        var top = Math.Min(12, Math.Max(2, size / 100));
        // The span r with top·(r + r² + … + r⁷) = size − 1 − top, by bisection.
        double low = 1.01, high = 50;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            var sum = 0d;
            for (var k = 1; k < Levels - 1; k++) sum += top * Math.Pow(mid, k);
            if (sum > size - 1 - top) high = mid; else low = mid;
        }
        var counts = new int[Levels];
        counts[0] = 1;
        counts[1] = top;
        for (var k = 2; k < Levels - 1; k++) counts[k] = Math.Max(1, (int)Math.Round(top * Math.Pow(low, k - 1)));
        counts[Levels - 1] = size - counts.Take(Levels - 1).Sum();
        return counts;
    }

    public static BigAccountData Generate(int size, int seed, Organization own)
    {
        var random = new Random(seed * 7919 + size);
        var id = $"big{size}";
        var domain = $"{id}.example";
        var counts = LevelCounts(size);
        var ids = new List<string>(size);
        var levelOf = new List<int>(size);
        var managerOf = new List<int?>(size);
        var department = new List<string>(size);
        var levels = new List<List<int>>();
        for (var level = 0; level < Levels; level++)
        {
            var members = new List<int>(counts[level]);
            for (var j = 0; j < counts[level]; j++)
            {
                var index = ids.Count;
                ids.Add($"{id}-p{index:D6}");
                levelOf.Add(level);
                members.Add(index);
                if (level == 0)
                {
                    managerOf.Add(null);
                    department.Add("Executive");
                    continue;
                }
                var above = levels[level - 1];
                var manager = above[Math.Clamp((int)((j + random.NextDouble() * 0.8) * above.Count / counts[level]), 0, above.Count - 1)];
                managerOf.Add(manager);
                department.Add(level == 1 ? Departments[j % Departments.Length] : department[manager]);
            }
            levels.Add(members);
        }

        var people = new List<ChartPerson>(size);
        for (var i = 0; i < size; i++)
        {
            var level = levelOf[i];
            List<string>? dotted = null;
            if (level >= 2 && random.NextDouble() < 0.05)
            {
                var above = levels[level - 1];
                var candidate = above[random.Next(above.Count)];
                if (candidate != managerOf[i]) dotted = [ids[candidate]];
            }
            var name = $"Person {i}";
            people.Add(new ChartPerson(ids[i], name, $"{department[i]} L{level}", $"p{i}@{domain}", department[i], Seniority[level],
                managerOf[i] is { } m ? ids[m] : null, dotted));
        }
        // Sent top-down in merge calls of 5,000 (a manager is known before the call that names them), shuffled within a call.
        for (var start = 0; start < people.Count; start += ChartCall)
            Shuffle(random, people, start, Math.Min(people.Count, start + ChartCall));

        // Informal influence, one line per 20 people, 75 % toward the upper levels.
        var influences = new List<InfluenceBody>();
        var senior = Enumerable.Range(0, size).Where(i => levelOf[i] <= 4).ToList();
        var pairs = new HashSet<(int, int)>();
        string[] kinds = ["advisor", "mentor", "expert", "other"];
        while (influences.Count < size / 20)
        {
            var from = random.Next(size);
            var to = random.NextDouble() < 0.75 ? senior[random.Next(senior.Count)] : random.Next(size);
            if (from == to || !pairs.Add((from, to))) continue;
            influences.Add(new InfluenceBody(ids[from], ids[to], Math.Round(0.3 + random.NextDouble() * 0.65, 2), kinds[random.Next(kinds.Length)]));
        }

        // About 2 % of the account known (the senior far more often), by up to 2,000 of ours; `size` relationships in all.
        double[] weightOfLevel = [50, 20, 10, 6, 4, 2, 1.5, 1, 1];
        var knownCount = Math.Max(20, size / 50);
        var known = new HashSet<int>();
        var byWeight = Enumerable.Range(0, size).Select(i => weightOfLevel[levelOf[i]]).ToArray();
        var cumulative = new double[size];
        var total = 0d;
        for (var i = 0; i < size; i++) cumulative[i] = total += byWeight[i];
        while (known.Count < knownCount)
        {
            var x = random.NextDouble() * total;
            var index = Array.BinarySearch(cumulative, x);
            known.Add(Math.Min(index < 0 ? ~index : index, size - 1));
        }
        var knownList = known.Order().ToList();
        var ours = own.People.Take(2_000).ToList();
        var relationshipCount = (int)Math.Min(size, (long)knownList.Count * ours.Count / 2);
        var relationshipPairs = new HashSet<(int, int)>();
        var relationships = new List<RelationshipBody>(relationshipCount);
        string[] sources = ["crm", "crm", "email", "calendar", "event", "manual"];
        while (relationships.Count < relationshipCount)
        {
            var seller = random.Next(ours.Count);
            var person = knownList[random.Next(knownList.Count)];
            if (!relationshipPairs.Add((seller, person))) continue;
            double? strength = random.NextDouble() < 0.7 ? Math.Round(0.15 + random.NextDouble() * 0.8, 2) : null;
            var visibility = random.NextDouble() switch { < 0.5 => "company", < 0.85 => "team", _ => "private" };
            var since = new DateOnly(2026, 11, 1).AddDays(-random.Next(30, 3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            relationships.Add(new RelationshipBody(ours[seller].Id, ids[person], strength, since, sources[random.Next(sources.Length)], visibility));
        }

        var deal = Deal(random, id, ids, levels, relationships);
        var roots = levels[1].Concat(levels[2].Take(12)).Select(i => ids[i]).ToList();
        return new BigAccountData(new Organization(id, new OrganizationBody($"Big Customer {size:N0}", "customer", domain, "manufacturing"), people),
            relationships, influences, deal, roots, counts, knownList.Count);
    }

    /// <summary>A deal with a 15-member buying center from the CEO down to level 5, and a pursuit team of two who know people there.</summary>
    private static Opportunity Deal(Random random, string account, List<string> ids, List<List<int>> levels, List<RelationshipBody> relationships)
    {
        string[] attitudes = ["champion", "supporter", "supporter", "neutral", "neutral", "skeptic", "opponent"];
        var chosen = new HashSet<int> { levels[0][0], levels[1][random.Next(levels[1].Count)] };
        while (chosen.Count < 15)
        {
            var level = random.Next(2, 6);
            chosen.Add(levels[level][random.Next(levels[level].Count)]);
        }
        var members = chosen.Select((person, n) =>
        {
            List<string> roles = n switch { 0 => ["approver"], 1 => ["decider"], 2 => ["buyer"], 3 => ["gatekeeper"], _ => [n % 2 == 0 ? "influencer" : "user"] };
            var attitude = attitudes[random.Next(attitudes.Length)];
            return new BuyingCenterMember(ids[person], new BuyingCenterBody(roles, attitude, Math.Clamp(5 - n / 3, 1, 5),
                attitude is "champion" or "supporter" && random.NextDouble() < 0.4, null));
        }).ToList();
        var sellers = relationships.Select(r => r.OurPersonId).Distinct().Take(2).ToList();
        var team = sellers.Select((s, n) => new TeamMember(s, new TeamBody(n == 0 ? "account-executive" : "solution-engineer"))).ToList();
        var body = new OpportunityBody($"{account} platform deal", account, "proposal", 1_500_000m, "EUR", "2027-06-30",
            new BantBody("confirmed"), new BantBody("identified"), new BantBody("confirmed"), new BantBody("unknown"));
        return new Opportunity($"{account}-deal", body, members, team);
    }

    private static void Shuffle<T>(Random random, List<T> items, int from, int to)
    {
        for (var i = to - 1; i > from; i--)
        {
            var j = random.Next(from, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

/// <summary>One answer on the big account, called again and again: latencies, answer sizes and statuses.</summary>
public sealed record BigAnswerSeries(string Name, string Endpoint, LatencySeries Series, IReadOnlyList<int> AnswerBytes, IReadOnlyDictionary<int, int> Statuses)
{
    public double P50 => Series.P(50);

    public double AnswerKiBP50 => AnswerBytes.Count == 0 ? double.NaN : Stats.Percentile(AnswerBytes.Select(b => (double)b).ToList(), 50) / 1024;

    public int ServerErrors => Statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
}

/// <summary>What the big-account mode measured: how it loaded, then each answer.</summary>
public sealed record BigAccountResult(int Size, BigAccountData Data, IReadOnlyList<PhaseResult> Phases, IReadOnlyList<BigAnswerSeries> Answers)
{
    public BigAnswerSeries? Answer(string name) => Answers.FirstOrDefault(a => a.Name == name);

    /// <summary>Loading calls that failed: the big account's and the rest of the data set's (<paramref name="dataSetPhases"/>).</summary>
    public int FailedLoadingCalls(IReadOnlyList<PhaseResult> dataSetPhases) =>
        Phases.Sum(p => p.FailedCalls) + dataSetPhases.Sum(p => p.FailedCalls);
}

/// <summary>Loads the big account through the REST API (bulk calls where there are some) and measures its answers.</summary>
/// <remarks><c>memoryAfter</c> is called with a part's name after each load phase and answer series, for the API's memory then.</remarks>
public sealed class BigAccountBench(ApiClient api, DataSet data, BenchOptions options, Action<string> log, Action<string>? memoryAfter = null)
{
    public const string Influencers = "influencers, top 10";
    public const string Coverage = "coverage";
    public const string OrgChart = "org chart by rootId, depth 2";
    public const string Recommendations = "recommendations, first call after a write there";

    public async Task<BigAccountResult> RunAsync(int size)
    {
        log($"big account: generating {size:N0} people ...");
        var big = BigAccountGenerator.Generate(size, options.Seed, data.Own);
        log($"  levels {string.Join(", ", big.LevelCounts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}; " +
            $"{big.Relationships.Count:N0} relationships to {big.KnownPeople:N0} known people, {big.Influences.Count:N0} influence lines");
        var phases = await LoadAsync(big);
        var id = Uri.EscapeDataString(big.Organization.Id);
        phases.Add(MemoryNoted(await DerivedFactsCurrentAsync(id, big.Organization.People.Count)));
        var answers = new List<BigAnswerSeries>();
        answers.Add(MemoryNoted(await SeriesAsync(Influencers, "GET /api/organizations/{id}/influencers?top=10", _ => $"api/organizations/{id}/influencers?top=10")));
        // After a write each time too: the API keeps the whole account's coverage for the parts asked next (pages,
        // drill-downs) until the next write, and the target is the answer computed.
        answers.Add(MemoryNoted(await SeriesAsync(Coverage, "GET /api/organizations/{id}/coverage after a write", _ => $"api/organizations/{id}/coverage",
            n => FlipAttitudeAsync(big.Deal, n))));
        answers.Add(MemoryNoted(await SeriesAsync(OrgChart, "GET /api/organizations/{id}/org-chart?rootId=…&depth=2",
            n => $"api/organizations/{id}/org-chart?rootId={Uri.EscapeDataString(big.Roots[n % big.Roots.Count])}&depth=2")));
        answers.Add(MemoryNoted(await RecommendationsAsync(big)));
        return new BigAccountResult(size, big, phases, answers);
    }

    private PhaseResult MemoryNoted(PhaseResult phase)
    {
        memoryAfter?.Invoke(phase.Name);
        return phase;
    }

    private BigAnswerSeries MemoryNoted(BigAnswerSeries series)
    {
        memoryAfter?.Invoke("big: " + series.Name);
        return series;
    }

    private async Task<List<PhaseResult>> LoadAsync(BigAccountData big)
    {
        var org = big.Organization;
        var loader = new Loader(api, options, log);
        var phases = new List<PhaseResult>
        {
            MemoryNoted(await loader.SinglesPhaseAsync("big: organization", "PUT /api/organizations/{id}", [org], o => api.PutAsync($"api/organizations/{o.Id}", o.Body))),
            // One call at a time, top-down: each call's managers are in the calls before it.
            MemoryNoted(await loader.PhaseAsync("big: org chart", "POST /api/organizations/{id}/org-chart", bulk: true, org.People.Chunk(BigAccountGenerator.ChartCall).ToList(),
                c => c.Length, c => api.PostAsync($"api/organizations/{org.Id}/org-chart", new OrgChartBody("merge", c)), clients: 1)),
            MemoryNoted(await loader.PhaseAsync("big: relationships", "POST /api/relationships/batch", bulk: true, big.Relationships.Chunk(options.RelationshipBatch).ToList(),
                b => b.Length, b => api.PostAsync("api/relationships/batch", b), options.Clients)),
            MemoryNoted(await loader.SinglesPhaseAsync("big: influences", "PUT /api/influences", big.Influences, i => api.PutAsync("api/influences", i))),
            MemoryNoted(await loader.SinglesPhaseAsync("big: deal", "PUT /api/opportunities/{id}", [big.Deal], o => api.PutAsync($"api/opportunities/{o.Id}", o.Body))),
            MemoryNoted(await loader.SinglesPhaseAsync("big: buying center", "PUT /api/opportunities/{id}/buying-center/{personId}", big.Deal.BuyingCenter,
                m => api.PutAsync($"api/opportunities/{big.Deal.Id}/buying-center/{m.PersonId}", m.Body))),
            MemoryNoted(await loader.SinglesPhaseAsync("big: team", "PUT /api/opportunities/{id}/team/{personId}", big.Deal.Team,
                m => api.PutAsync($"api/opportunities/{big.Deal.Id}/team/{m.PersonId}", m.Body))),
        };
        return phases;
    }

    /// <summary>
    /// Waits until the account's derived facts (levels, people below, influence, coverage groups) have caught up with its
    /// last chart change, and reports how long that took as a phase of its own. The load ends with writes that move the
    /// chart (the influence lines), so the API is still refreshing the facts of the whole account in the background: the
    /// answers are timed on an account at rest, not against that refresh for the machine's two cores (on a 30,000-person
    /// account the first influencer calls took 60 to 140 ms during it, 20 ms after it).
    /// </summary>
    private async Task<PhaseResult> DerivedFactsCurrentAsync(string id, int people)
    {
        log("big account: waiting for its derived facts to be current ...");
        var clock = Stopwatch.StartNew();
        var calls = new List<double>();
        string? error = null;
        var failed = 0;
        while (clock.Elapsed < FactsWait)
        {
            var result = await api.GetAsync($"api/organizations/{id}/influencers?top=1");
            calls.Add(result.Milliseconds);
            if (result.Status >= 300)
            {
                failed++;
                error ??= $"{result.Status}: {Loader.Excerpt(result.Body)}";
            }
            else if (JsonDocument.Parse(result.Body!).RootElement.GetProperty("facts").GetProperty("current").GetBoolean()) break;
            await Task.Delay(250);
        }
        var current = clock.Elapsed < FactsWait;
        log($"  derived facts {(current ? "current" : "still behind")} after {clock.Elapsed.TotalSeconds:F1} s");
        return new PhaseResult("big: derived facts current", "GET /api/organizations/{id}/influencers?top=1 until facts.current", false,
            people, calls.Count, clock.Elapsed.TotalSeconds, 0, failed, calls, error ?? (current ? null : $"not current after {FactsWait.TotalSeconds:F0} s"));
    }

    private static readonly TimeSpan FactsWait = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Two warm-up calls (one when it takes seconds), then up to <c>--big-account-calls</c> calls, stopped early after
    /// 90 s but never before one measured call (a series that times out should not hold the run for half an hour).
    /// </summary>
    private async Task<BigAnswerSeries> SeriesAsync(string name, string endpoint, Func<int, string> path, Func<int, Task>? before = null)
    {
        log($"big account: {name} ...");
        var times = new List<double>();
        var sizes = new List<int>();
        var statuses = new Dictionary<int, int>();
        var failures = 0;
        string? firstError = null;
        var budget = Stopwatch.StartNew();
        var wall = 0d;
        var slow = false;
        // At least one measured call, whatever the warm-up took; then until the calls or the time budget are spent.
        for (var n = -2; n < options.BigAccountCalls && (n < 1 || budget.Elapsed < TimeSpan.FromSeconds(90)); n++)
        {
            // One warm-up call is enough for an answer that takes seconds.
            if (n == -1 && slow) continue;
            if (before is not null) await before(n);
            var result = await api.GetAsync(path(n + 2));
            if (n < 0 && result.Status < 300)
            {
                slow = result.Milliseconds > 5_000;
                continue;
            }
            statuses[result.Status] = statuses.GetValueOrDefault(result.Status) + 1;
            wall += result.Milliseconds / 1000;
            if (result.Status >= 300)
            {
                failures++;
                firstError ??= $"{result.Status} after {result.Milliseconds:F0} ms: {Loader.Excerpt(result.Body)}";
                // A failure is measured too (its time), so the series says how long the caller waited.
                times.Add(result.Milliseconds);
                continue;
            }
            times.Add(result.Milliseconds);
            sizes.Add(result.Body!.Length);
        }
        var series = new LatencySeries(name, 1, times, wall, failures, firstError);
        var answer = new BigAnswerSeries(name, endpoint, series, sizes, statuses);
        log($"  {name}: p50 {series.P(50):F1} ms, p95 {series.P(95):F1} ms over {times.Count} calls, answer p50 {answer.AnswerKiBP50:F0} KiB" +
            (firstError is null ? "" : $"; first failure {firstError}"));
        return answer;
    }

    /// <summary>Each call follows a write to the deal's buying center (an attitude changed), so it is computed, not cached.</summary>
    private Task<BigAnswerSeries> RecommendationsAsync(BigAccountData big)
    {
        var deal = big.Deal;
        return SeriesAsync(Recommendations, "GET /api/opportunities/{id}/recommendations?pathsPerTarget=3 after a buying-center write",
            _ => $"api/opportunities/{deal.Id}/recommendations?pathsPerTarget={options.PathsPerTarget}",
            n => FlipAttitudeAsync(deal, n));
    }

    /// <summary>A write at the big account: the last buying-center member's attitude, supporter and neutral in turn.</summary>
    private async Task FlipAttitudeAsync(Opportunity deal, int n)
    {
        string[] attitudes = ["supporter", "neutral"];
        var member = deal.BuyingCenter[^1];
        await api.PutAsync($"api/opportunities/{deal.Id}/buying-center/{member.PersonId}", member.Body with { Attitude = attitudes[(n + 2) % 2] });
    }
}

/// <summary>The big account's part of the report: its load, its answers, and issue #22's targets 1 and 6 on it.</summary>
public static class BigAccountReport
{
    public const double InfluencersP50 = 200;
    public const double CoverageP50 = 300;
    public const double CoverageKiB = 256;
    public const double OrgChartP50 = 100;
    public const double RecommendationsP50 = 100;
    public const double CurveRatio = 2;

    private static string F(double value, string format = "N0") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Verdict(bool met, double fraction) => met ? "yes" : $"**no** ({F(fraction * 100, "F0")} % of target)";

    public static void AppendSection(StringBuilder s, BigAccountResult big)
    {
        var d = big.Data;
        s.AppendLine($"### Big account: one customer of {big.Size:N0} people (issue #22)");
        s.AppendLine();
        s.AppendLine($"A {BigAccountGenerator.Levels}-level pyramid (people per level {string.Join(" / ", d.LevelCounts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}), " +
                     $"{d.Organization.People.Count(p => p.DottedManagerIds is not null):N0} dotted lines, {d.Influences.Count:N0} influence lines, " +
                     $"{d.Relationships.Count:N0} relationships from {d.Relationships.Select(r => r.OurPersonId).Distinct().Count():N0} of ours to " +
                     $"{d.KnownPeople:N0} of its people ({d.KnownPeople * 100.0 / big.Size:F1} %), a deal with a {d.Deal.BuyingCenter.Count}-member buying center; " +
                     "loaded after the rest of the data set.");
        s.AppendLine();
        s.AppendLine("| phase | endpoint | records | calls | seconds | records/s | call p50 ms | failed |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in big.Phases)
            s.AppendLine($"| {p.Name} | `{p.Endpoint}` | {p.Records:N0} | {p.Calls:N0} | {F(p.Seconds, "F1")} | {F(p.RecordsPerSecond)} | " +
                         $"{F(Stats.Percentile(p.CallMilliseconds, 50), "F1")} | {p.FailedRecords:N0} |");
        s.AppendLine();
        foreach (var p in big.Phases.Where(p => p.FirstError is not null))
            s.AppendLine($"- {p.Name}: {p.FirstError}");
        s.AppendLine("| answer | calls | p50 ms | p95 ms | max ms | answer p50 KiB | statuses |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var a in big.Answers)
            s.AppendLine($"| {a.Name} (`{a.Endpoint}`) | {a.Series.Milliseconds.Count:N0} | {F(a.P50, "F1")} | {F(a.Series.P(95), "F1")} | " +
                         $"{F(a.Series.P(100), "F1")} | {F(a.AnswerKiBP50, "F1")} | {string.Join(", ", a.Statuses.OrderBy(x => x.Key).Select(x => $"{x.Key}: {x.Value}"))} |");
        s.AppendLine();
        foreach (var a in big.Answers.Where(a => a.Series.FirstError is not null))
            s.AppendLine($"- {a.Name}: first failure {a.Series.FirstError}");
        s.AppendLine();
    }

    /// <summary>Target 1's rows, for the report's targets table: "nothing 5xx" counts the loading of the rest of the data
    /// set (<paramref name="dataSetPhases"/>) too.</summary>
    public static void AppendTargets(StringBuilder s, BigAccountResult big, IReadOnlyList<PhaseResult> dataSetPhases)
    {
        void Row(string name, string target, double limit, Func<BigAnswerSeries, double> measure, string unit)
        {
            if (big.Answer(name) is not { } a) return;
            var value = measure(a);
            var ok = value <= limit && a.Series.Failures == 0;
            s.AppendLine($"| 1. {big.Size:N0}-person account: {target} | {F(value, "F1")} {unit}" + (a.Series.Failures > 0 ? $", {a.Series.Failures} failed" : "") +
                         $" | {Verdict(ok, limit / value)} |");
        }
        Row(BigAccountBench.Influencers, $"influencers top 10 p50 ≤ {InfluencersP50:N0} ms", InfluencersP50, a => a.P50, "ms");
        Row(BigAccountBench.Coverage, $"coverage p50 ≤ {CoverageP50:N0} ms", CoverageP50, a => a.P50, "ms");
        Row(BigAccountBench.Coverage, $"coverage answer ≤ {CoverageKiB:N0} KiB", CoverageKiB, a => a.AnswerKiBP50, "KiB");
        Row(BigAccountBench.OrgChart, $"org chart by rootId p50 ≤ {OrgChartP50:N0} ms", OrgChartP50, a => a.P50, "ms");
        Row(BigAccountBench.Recommendations, $"recommendations for the deal there, first call, p50 ≤ {RecommendationsP50:N0} ms", RecommendationsP50, a => a.P50, "ms");
        var serverErrors = big.Answers.Sum(a => a.ServerErrors) + big.FailedLoadingCalls(dataSetPhases);
        s.AppendLine($"| 1. {big.Size:N0}-person account: everything answers, nothing 5xx (loading included) | {serverErrors} failed calls | {Verdict(serverErrors == 0, 0)} |");
    }

    /// <summary>Target 2: the same answers at several account sizes, p50 each, and the largest over the smallest.</summary>
    public static string CurveMarkdown(IReadOnlyList<BigAccountResult> points, BenchOptions options, IReadOnlyList<Report> reports)
    {
        var s = new StringBuilder();
        s.AppendLine($"## RelIntel benchmark — big-account curve, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine($"Each size on a fresh Neo4j, beside the rest of the data set ({options.Customers:N0} customers × {options.PeoplePerCustomer:N0}, " +
                     $"{options.OurPeople:N0} of ours, {options.Relationships:N0} relationships); {options.BigAccountCalls} calls per answer after 2 warm-up calls.");
        s.AppendLine();
        var names = new[] { BigAccountBench.Influencers, BigAccountBench.Coverage, BigAccountBench.OrgChart, BigAccountBench.Recommendations };
        s.AppendLine("| people | " + string.Join(" | ", names.Select(n => $"{n} p50 ms")) + " | coverage KiB | API peak MiB | failed answers | failed loading calls | load avg |");
        s.AppendLine("| ---: | " + string.Join(" | ", names.Select(_ => "---:")) + " | ---: | ---: | ---: | ---: | --- |");
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var r = reports[i];
            s.AppendLine($"| {p.Size:N0} | " + string.Join(" | ", names.Select(n => F(p.Answer(n)?.P50 ?? double.NaN, "F1"))) +
                         $" | {F(p.Answer(BigAccountBench.Coverage)?.AnswerKiBP50 ?? double.NaN, "F0")} | {F(r.ApiMemory?.PeakMiB ?? double.NaN)} | " +
                         $"{p.Answers.Sum(a => a.Series.Failures)} | {p.FailedLoadingCalls(r.Phases)} | " +
                         $"{r.LoadAtStart} → {r.LoadAtEnd} |");
        }
        s.AppendLine();
        s.AppendLine("| target (issue #22, 2) | smallest → largest p50 | largest / smallest | met |");
        s.AppendLine("| --- | ---: | ---: | --- |");
        if (points.Count >= 2)
        {
            var smallest = points.MinBy(p => p.Size)!;
            var largest = points.MaxBy(p => p.Size)!;
            foreach (var name in names)
            {
                var a = smallest.Answer(name)?.P50 ?? double.NaN;
                var b = largest.Answer(name)?.P50 ?? double.NaN;
                var ratio = b / a;
                var failed = largest.Answer(name)?.Series.Failures ?? 0;
                s.AppendLine($"| {name}: p50 at {largest.Size:N0} within {CurveRatio:F0}× of {smallest.Size:N0} | {F(a, "F1")} → {F(b, "F1")} ms" +
                             (failed > 0 ? $" ({failed} failed)" : "") + $" | {F(ratio, "F2")}× | {Verdict(ratio <= CurveRatio && failed == 0, CurveRatio / ratio)} |");
            }
        }
        return s.ToString();
    }
}
