using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RelIntel.Benchmarks;

/// <summary>
/// A mixed load as CRMs and sellers make it: concurrent clients for a fixed time, 80 % reads (recommendations, power
/// maps, paths, relationship lists) and 20 % writes (a relationship's strength, an interaction, a buying-center
/// member's attitude). After each acknowledged write the same client reads it back at once: the answer must reflect
/// the write (read-your-writes), whatever the service caches. The load runs <c>--mixed-warmup-seconds</c> first without
/// its times counted (each kind of call, and so each statement's first planning by Neo4j, happens there), then for the
/// measured duration; errors and violations count throughout.
/// </summary>
public sealed class MixedLoadBench(ApiClient api, DataSet data, BenchOptions options, Action<string> log)
{
    public sealed record Result(LatencySeries All, LatencySeries Reads, LatencySeries Writes, int Violations, string? FirstViolation,
        IReadOnlyDictionary<string, int> Calls);

    private static readonly string[] Attitudes = ["champion", "supporter", "neutral", "skeptic", "opponent"];

    public async Task<Result> RunAsync(TimeSpan duration, TimeSpan warmup)
    {
        var all = new ConcurrentBag<double>();
        var reads = new ConcurrentBag<double>();
        var writes = new ConcurrentBag<double>();
        var calls = new ConcurrentDictionary<string, int>();
        var failures = 0;
        string? firstError = null;
        var violations = 0;
        string? firstViolation = null;
        var members = data.Opportunities.SelectMany(o => o.BuyingCenter.Select(m => (Opportunity: o.Id, Member: m))).ToList();
        var measuredFrom = DateTime.UtcNow + warmup;
        var deadline = measuredFrom + duration;

        async Task<CallResult> Timed(string kind, bool write, Func<Task<CallResult>> call)
        {
            // A call started in the warm-up is not timed; a failure counts wherever it happens.
            var counted = DateTime.UtcNow >= measuredFrom;
            var result = await call();
            if (result.Status >= 300)
            {
                Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstError, $"{kind}: {result.Status}: {Loader.Excerpt(result.Body)}", null);
            }
            if (!counted) return result;
            calls.AddOrUpdate(kind, 1, (_, n) => n + 1);
            all.Add(result.Milliseconds);
            (write ? writes : reads).Add(result.Milliseconds);
            return result;
        }

        void Violation(string what)
        {
            Interlocked.Increment(ref violations);
            Interlocked.CompareExchange(ref firstViolation, what, null);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, options.ConcurrentClients),
            new ParallelOptions { MaxDegreeOfParallelism = options.ConcurrentClients }, async (client, _) =>
        {
            var random = new Random(options.Seed * 1000 + client);
            // Each client writes its own share of the data, so a read-back sees that client's own write.
            bool Mine(int index) => index % options.ConcurrentClients == client;
            var sequence = 0;
            while (DateTime.UtcNow < deadline)
            {
                var dice = random.Next(100);
                if (dice < 40)
                {
                    var opportunity = data.Opportunities[random.Next(data.Opportunities.Count)];
                    await Timed("recommendations", false, () =>
                        api.GetAsync($"api/opportunities/{opportunity.Id}/recommendations?pathsPerTarget={options.PathsPerTarget}", keepBody: false));
                }
                else if (dice < 55)
                {
                    var opportunity = data.Opportunities[random.Next(data.Opportunities.Count)];
                    await Timed("power map", false, () => api.GetAsync($"api/opportunities/{opportunity.Id}/power-map", keepBody: false));
                }
                else if (dice < 70)
                {
                    var r = data.Relationships[random.Next(data.Relationships.Count)];
                    var (from, to) = (r.OurPersonId, members[random.Next(members.Count)].Member.PersonId);
                    await Timed("paths", false, () => api.GetAsync($"api/paths?from={from}&to={to}&k={options.PathsPerTarget}", keepBody: false));
                }
                else if (dice < 80)
                {
                    var r = data.Relationships[random.Next(data.Relationships.Count)];
                    await Timed("relationship list", false, () => api.GetAsync($"api/people/{r.TheirPersonId}/relationships?pageSize=100", keepBody: false));
                }
                else if (dice < 88)
                {
                    var index = Pick(random, data.Relationships.Count, Mine);
                    var r = data.Relationships[index];
                    var strength = Math.Round(0.1 + random.NextDouble() * 0.85, 4);
                    var written = await Timed("relationship write", true, () =>
                        api.PutAsync("api/relationships", new { ourPersonId = r.OurPersonId, theirPersonId = r.TheirPersonId, strength }));
                    if (written.Status >= 300) continue;
                    var read = await Timed("relationship list", false, () => api.GetAsync($"api/people/{r.TheirPersonId}/relationships?pageSize=500"));
                    var seen = Declared(read.Body, r.OurPersonId);
                    if (seen != strength) Violation($"relationship {r.OurPersonId}→{r.TheirPersonId}: wrote {strength}, read {seen}");
                }
                else if (dice < 94)
                {
                    var index = Pick(random, data.Relationships.Count, Mine);
                    var r = data.Relationships[index];
                    // Later than any earlier interaction of the pair (only this client writes it), so the read-back can tell it.
                    var at = DateTimeOffset.UtcNow.AddSeconds(-1);
                    var id = $"mix-{client}-{sequence++}-{Guid.NewGuid():N}"[..40];
                    var written = await Timed("interaction", true, () =>
                        api.PostAsync("api/interactions", new { id, at, kind = "call", participantIds = new[] { r.OurPersonId, r.TheirPersonId } }));
                    if (written.Status >= 300) continue;
                    var read = await Timed("relationship list", false, () => api.GetAsync($"api/people/{r.TheirPersonId}/relationships?pageSize=500"));
                    if (LastInteraction(read.Body, r.OurPersonId) is not { } last || last < at.AddMilliseconds(-1))
                        Violation($"interaction {id}: {r.OurPersonId}→{r.TheirPersonId} last interaction {LastInteraction(read.Body, r.OurPersonId)}, wrote {at:O}");
                }
                else
                {
                    var index = Pick(random, members.Count, Mine);
                    var (opportunityId, member) = members[index];
                    var attitude = Attitudes[random.Next(Attitudes.Length)];
                    var body = member.Body with { Attitude = attitude };
                    var written = await Timed("buying-center write", true, () =>
                        api.PutAsync($"api/opportunities/{opportunityId}/buying-center/{member.PersonId}", body));
                    if (written.Status >= 300) continue;
                    var read = await Timed("recommendations", false, () =>
                        api.GetAsync($"api/opportunities/{opportunityId}/recommendations?pathsPerTarget={options.PathsPerTarget}"));
                    var seen = TargetAttitude(read.Body, member.PersonId);
                    if (seen is not null && seen != attitude)
                        Violation($"buying center {opportunityId}/{member.PersonId}: wrote {attitude}, recommendations show {seen}");
                }
            }
        });

        var seconds = (DateTime.UtcNow - measuredFrom).TotalSeconds;
        var result = new Result(
            new LatencySeries($"mixed, {options.ConcurrentClients} clients", options.ConcurrentClients, all.ToList(), seconds, failures, firstError),
            new LatencySeries("reads", options.ConcurrentClients, reads.ToList(), seconds, 0, null),
            new LatencySeries("writes", options.ConcurrentClients, writes.ToList(), seconds, 0, null),
            violations, firstViolation, calls.OrderBy(c => c.Key).ToDictionary(c => c.Key, c => c.Value));
        log($"  mixed: {result.All.Milliseconds.Count:N0} calls in {seconds:F0} s ({result.All.RequestsPerSecond:F1} req/s), " +
            $"p50 {result.All.P(50):F1} ms, p99 {result.All.P(99):F1} ms, {failures} errors, {violations} read-your-writes violations" +
            (firstViolation is null ? "" : $" (first: {firstViolation})") + (firstError is null ? "" : $"; first error {firstError}"));
        return result;
    }

    private static int Pick(Random random, int count, Func<int, bool> mine)
    {
        while (true)
        {
            var index = random.Next(count);
            if (mine(index)) return index;
        }
    }

    private static JsonElement? Item(byte[]? body, string ourPersonId)
    {
        if (body is null) return null;
        using var json = JsonDocument.Parse(body);
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            if (item.GetProperty("ourPerson").GetProperty("id").GetString() == ourPersonId) return item.Clone();
        return null;
    }

    private static double? Declared(byte[]? body, string ourPersonId) =>
        Item(body, ourPersonId) is { } item && item.GetProperty("strength").GetProperty("declared") is { ValueKind: JsonValueKind.Number } d
            ? d.GetDouble()
            : null;

    private static DateTimeOffset? LastInteraction(byte[]? body, string ourPersonId) =>
        Item(body, ourPersonId) is { } item && item.GetProperty("strength").GetProperty("lastInteractionAt") is { ValueKind: JsonValueKind.String } at
            ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The target's attitude in a recommendations answer; null when the member is not a target (do-not-contact, say).</summary>
    private static string? TargetAttitude(byte[]? body, string personId)
    {
        if (body is null) return null;
        using var json = JsonDocument.Parse(body);
        foreach (var target in json.RootElement.GetProperty("targets").EnumerateArray())
            if (target.GetProperty("person").GetProperty("id").GetString() == personId) return target.GetProperty("attitude").GetString();
        return null;
    }
}
