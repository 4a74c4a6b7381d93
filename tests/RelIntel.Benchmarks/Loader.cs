using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace RelIntel.Benchmarks;

/// <summary>One loading phase: how many records in how many calls, how long, and what failed.</summary>
public sealed record PhaseResult(string Name, string Endpoint, bool Bulk, long Records, int Calls, double Seconds, long FailedRecords,
    int FailedCalls, IReadOnlyList<double> CallMilliseconds, string? FirstError)
{
    public double RecordsPerSecond => Seconds > 0 ? Records / Seconds : 0;
}

/// <summary>Loads a <see cref="DataSet"/> through the REST API only, with a few concurrent clients, phase by phase.</summary>
public sealed class Loader(ApiClient api, BenchOptions options, Action<string> log)
{
    public async Task<List<PhaseResult>> LoadAsync(DataSet data)
    {
        var phases = new List<PhaseResult>();
        var organizations = new[] { data.Own }.Concat(data.Customers).Concat(data.Competitors).ToList();
        phases.Add(await SinglesAsync("organizations", "PUT /api/organizations/{id}", organizations,
            o => api.PutAsync($"api/organizations/{Esc(o.Id)}", o.Body)));

        // Our org chart first (one call), then the customers' in parallel: one merge call per organization.
        var charts = new[] { data.Own }.Concat(data.Customers).ToList();
        phases.Add(await BulkAsync("org charts", "POST /api/organizations/{id}/org-chart", charts, c => c.People.Count,
            c => api.PostAsync($"api/organizations/{Esc(c.Id)}/org-chart", new OrgChartBody("merge", c.People))));

        var batches = data.Relationships.Chunk(options.RelationshipBatch).ToList();
        phases.Add(await BulkAsync("relationships", "POST /api/relationships/batch", batches, b => b.Length,
            b => api.PostAsync("api/relationships/batch", b)));

        phases.Add(await SinglesAsync("influences", "PUT /api/influences", data.Influences, i => api.PutAsync("api/influences", i)));
        phases.Add(await SinglesAsync("rapport", "PUT /api/rapport", data.Rapport, r => api.PutAsync("api/rapport", r)));
        phases.Add(await SinglesAsync("opportunities", "PUT /api/opportunities/{id}", data.Opportunities,
            o => api.PutAsync($"api/opportunities/{Esc(o.Id)}", o.Body)));
        var members = data.Opportunities.SelectMany(o => o.BuyingCenter.Select(m => (o.Id, m))).ToList();
        phases.Add(await SinglesAsync("buying-center members", "PUT /api/opportunities/{id}/buying-center/{personId}", members,
            x => api.PutAsync($"api/opportunities/{Esc(x.Id)}/buying-center/{Esc(x.m.PersonId)}", x.m.Body)));
        var team = data.Opportunities.SelectMany(o => o.Team.Select(m => (o.Id, m))).ToList();
        phases.Add(await SinglesAsync("team members", "PUT /api/opportunities/{id}/team/{personId}", team,
            x => api.PutAsync($"api/opportunities/{Esc(x.Id)}/team/{Esc(x.m.PersonId)}", x.m.Body)));
        phases.Add(await SinglesAsync("interactions", "POST /api/interactions", data.Interactions, i => api.PostAsync("api/interactions", i)));
        return phases;
    }

    private static string Esc(string id) => Uri.EscapeDataString(id);

    /// <summary>One phase of single calls (twice the bulk clients), for loads beyond the data set (the big account).</summary>
    public Task<PhaseResult> SinglesPhaseAsync<T>(string name, string endpoint, IReadOnlyList<T> items, Func<T, Task<CallResult>> call) =>
        SinglesAsync(name, endpoint, items, call);

    /// <summary>One phase with the given number of clients.</summary>
    public Task<PhaseResult> PhaseAsync<T>(string name, string endpoint, bool bulk, IReadOnlyList<T> items, Func<T, int> records,
        Func<T, Task<CallResult>> call, int clients) =>
        RunAsync(name, endpoint, bulk, items, records, call, clients);

    private Task<PhaseResult> SinglesAsync<T>(string name, string endpoint, IReadOnlyList<T> items, Func<T, Task<CallResult>> call) =>
        RunAsync(name, endpoint, bulk: false, items, _ => 1, call, options.Clients * 2);

    private Task<PhaseResult> BulkAsync<T>(string name, string endpoint, IReadOnlyList<T> items, Func<T, int> records, Func<T, Task<CallResult>> call) =>
        RunAsync(name, endpoint, bulk: true, items, records, call, options.Clients);

    private async Task<PhaseResult> RunAsync<T>(string name, string endpoint, bool bulk, IReadOnlyList<T> items, Func<T, int> records,
        Func<T, Task<CallResult>> call, int clients)
    {
        log($"loading {name}: {items.Count:N0} calls, {clients} clients");
        var times = new ConcurrentBag<double>();
        long failedRecords = 0;
        var failedCalls = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (item, _) =>
        {
            var result = await call(item);
            times.Add(result.Milliseconds);
            var failed = result.Status switch
            {
                207 => FailedInAnswer(result.Body),
                < 300 => 0,
                _ => records(item),
            };
            if (failed == 0) return;
            Interlocked.Add(ref failedRecords, failed);
            Interlocked.Increment(ref failedCalls);
            Interlocked.CompareExchange(ref firstError, $"{result.Status}: {Excerpt(result.Body)}", null);
        });
        var seconds = watch.Elapsed.TotalSeconds;
        var total = items.Sum(i => (long)records(i));
        var phase = new PhaseResult(name, endpoint, bulk, total, items.Count, seconds, failedRecords, failedCalls, times.ToList(), firstError);
        log($"  {total:N0} records in {seconds:F1} s = {phase.RecordsPerSecond:N0} records/s" +
            (failedRecords > 0 ? $"; {failedRecords:N0} records failed, first: {firstError}" : ""));
        return phase;
    }

    private static long FailedInAnswer(byte[]? body)
    {
        if (body is null) return 0;
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("failed", out var failed) ? failed.GetInt64() : 0;
    }

    internal static string Excerpt(byte[]? body) =>
        body is null ? "" : Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400)).ReplaceLineEndings(" ");
}
