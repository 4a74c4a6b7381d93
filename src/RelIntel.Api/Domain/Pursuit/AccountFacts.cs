using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// An account's derived facts (each person's level, the reachable people below them, their standing in the network of
/// lines, and so their influence) kept under the account's chart version (<c>Organization.chartVersion</c>), which every
/// write that changes them moves on in its own transaction. Facts are computed in memory from the account's chart
/// (<see cref="AccountFactsCalculator"/>) and saved on one <c>(:AccountFacts)</c> node per account, so an answer reads
/// them with a lookup instead of walking the whole organization. An answer that finds them behind its chart version
/// refreshes them first when the account is small (up to <c>Accounts:FactsRefreshWaitPeople</c> people); a larger account
/// answers from the last complete facts (saying so) while one refresh runs in the background. An org-chart import
/// refreshes them right after it commits (<see cref="AfterChartChangeAsync"/>), so the first answer after a load finds
/// them current.
/// </summary>
public sealed class AccountFacts(IGraph graph, IOptions<InsightOptions> insights, IOptions<AccountOptions> accounts, TimeProvider clock,
    ILogger<AccountFacts> logger)
{
    private static readonly CypherQuery Edges = Cypher.Load("accounts/facts-edges");
    private static readonly CypherQuery Save = Cypher.Load("accounts/save-facts");
    private static readonly CypherQuery Version = Cypher.Load("accounts/facts-version");
    private static readonly CypherQuery SaveHeads = Cypher.Load("accounts/save-division-heads");

    /// <summary>Division heads written per statement, each its own transaction: a first save of a large account writes
    /// every person's, too many for Neo4j's transaction memory at once.</summary>
    private const int HeadsPerStatement = 10_000;

    /// <summary>Saves refused because facts were saved meanwhile (another instance's refresh) before this one gives up.</summary>
    private const int MaxSaveAttempts = 3;

    private sealed record VersionRow(long ChartVersion, long? FactsVersion, string? SettingsKey, long People);

    /// <summary>How many of the best-ranked people the facts keep: the most an answer asks for, and room for people
    /// marked do-not-contact or gone before the next refresh.</summary>
    public const int RankedKept = 500;

    /// <summary>Refreshes bringing facts past a version read before: one that read the chart earlier can come too soon
    /// for a caller; a few more are enough unless the chart keeps changing (then the next answer tries again).</summary>
    private const int MaxRefreshesPerCall = 3;

    private readonly ConcurrentDictionary<string, Lazy<Task<long?>>> refreshing = new(StringComparer.Ordinal);

    /// <summary>Background refreshes asked for after imports, by account, waiting for the account's chart to be quiet.</summary>
    private readonly Dictionary<string, PendingRefresh> soon = new(StringComparer.Ordinal);

    private sealed class PendingRefresh(long chartVersion, DateTime due)
    {
        public long ChartVersion { get; set; } = chartVersion;

        public DateTime Due { get; set; } = due;
    }

    /// <summary>The trusts and weights facts are computed with now.</summary>
    public FactsSettings Settings
    {
        get
        {
            var options = insights.Value;
            return new FactsSettings(options.InfluencerWeights, options.EdgeTrust.Solid, options.EdgeTrust.Dotted);
        }
    }

    /// <summary>What to do about facts read at <paramref name="state"/>: use them, refresh them first, or use them while
    /// a refresh runs.</summary>
    public FactsAction Decide(FactsState state)
    {
        if (state.FactsVersion == state.ChartVersion && state.SettingsKey == Settings.Key) return FactsAction.Use;
        if (state.FactsVersion is null || state.People <= accounts.Value.FactsRefreshWaitPeople) return FactsAction.RefreshFirst;
        InBackground(state.OrganizationId, () => RefreshAsync(state.OrganizationId, state.ChartVersion, CancellationToken.None));
        return FactsAction.UseWhileRefreshing;
    }

    /// <summary>
    /// Computes and saves the account's facts until they are of chart version <paramref name="chartVersion"/> or later,
    /// once at a time per account: a caller arriving while a refresh runs waits for that one, and for one more if that
    /// one read the chart before the version asked for.
    /// </summary>
    public async Task RefreshAsync(string organizationId, long chartVersion, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxRefreshesPerCall; attempt++)
        {
            // Already there (another refresh got there first): nothing to compute, whatever the chart did since.
            if (attempt == 0 && await FactsAtAsync(organizationId, chartVersion)) return;
            var run = refreshing.GetOrAdd(organizationId, id => new Lazy<Task<long?>>(() => RunAsync(id)));
            var computed = await run.Value.WaitAsync(cancellationToken);
            if (computed is null || computed >= chartVersion) return;
        }
    }

    /// <summary>
    /// After a write that changed the account's chart (an org-chart import) at <paramref name="chartVersion"/>: a small
    /// account (as <see cref="Decide"/> counts it) has its facts refreshed now, so the write's caller pays for them rather
    /// than the next reader; a larger one in the background once its chart has had no such write for
    /// <c>Accounts:FactsRefreshDelay</c> (a bulk load of many calls refreshes once, at its end). A failed refresh is
    /// logged, not thrown: the write has committed, and the next answer refreshes.
    /// </summary>
    public async Task AfterChartChangeAsync(string organizationId, long chartVersion, long people, CancellationToken cancellationToken)
    {
        if (people > accounts.Value.FactsRefreshWaitPeople)
        {
            RefreshSoon(organizationId, chartVersion);
            return;
        }
        try
        {
            await RefreshAsync(organizationId, chartVersion, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Refreshing the derived facts of organization {OrganizationId} after its chart changed failed; the next answer tries again.",
                organizationId);
        }
    }

    private void RefreshSoon(string organizationId, long chartVersion)
    {
        // Real time, not the injected clock: this is the service pacing its own work, not a fact about the data.
        var due = DateTime.UtcNow + accounts.Value.FactsRefreshDelay;
        lock (soon)
        {
            if (soon.TryGetValue(organizationId, out var pending))
            {
                pending.ChartVersion = Math.Max(pending.ChartVersion, chartVersion);
                pending.Due = due;
                return;
            }
            soon[organizationId] = new PendingRefresh(chartVersion, due);
        }
        InBackground(organizationId, async () => await RefreshAsync(organizationId, await QuietAsync(organizationId), CancellationToken.None));
    }

    /// <summary>Waits until the account's last import is <c>Accounts:FactsRefreshDelay</c> old; answers the version asked for.</summary>
    private async Task<long> QuietAsync(string organizationId)
    {
        while (true)
        {
            TimeSpan wait;
            lock (soon)
            {
                var pending = soon[organizationId];
                wait = pending.Due - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero)
                {
                    soon.Remove(organizationId);
                    return pending.ChartVersion;
                }
            }
            await Task.Delay(wait);
        }
    }

    private void InBackground(string organizationId, Func<Task> refresh)
    {
        // Not tied to the request that asked (nor to its bookmarks): the refresh outlives it.
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(async () =>
            {
                try
                {
                    await refresh();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Refreshing the derived facts of organization {OrganizationId} failed; the next answer tries again.",
                        organizationId);
                }
            });
    }

    private async Task<bool> FactsAtAsync(string organizationId, long chartVersion)
    {
        var state = (await graph.ReadAsync(Version, new { organizationId }, CancellationToken.None)).SingleOrDefault<VersionRow>();
        return state is null || (state.FactsVersion >= chartVersion && state.SettingsKey == Settings.Key);
    }

    /// <summary>One refresh: answers the chart version the facts were computed at, or null when the organization is gone.</summary>
    private async Task<long?> RunAsync(string organizationId)
    {
        try
        {
            var (version, people) = await ComputeAndSaveAsync(organizationId);
            if (people > accounts.Value.FactsRefreshWaitPeople) GiveBackChartMemory();
            return version;
        }
        finally
        {
            refreshing.TryRemove(organizationId, out _);
        }
    }

    /// <summary>
    /// A large account's refresh leaves its chart and the computation's arrays behind (tens of MiB at 300,000 people,
    /// mostly large arrays, which only a full collection frees), and the collector would keep them, and the process's
    /// memory with them, until its next full collection: a second refresh then came on top of the first's garbage. One
    /// background collection right after gives them back, without stopping requests for a blocking one. Called once the
    /// refresh's own method has returned, so nothing of the chart is still referenced.
    /// </summary>
    private static void GiveBackChartMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);

    /// <summary>Reads, computes and saves: the chart version saved (null when the organization is gone) and the people counted.</summary>
    private async Task<(long? Version, long People)> ComputeAndSaveAsync(string organizationId)
    {
        var settings = Settings;
        // Refreshes asked for by several writes and answers often find the facts made current by one of them.
        var state = (await graph.ReadAsync(Version, new { organizationId }, CancellationToken.None)).SingleOrDefault<VersionRow>();
        if (state is null) return (null, 0);
        if (state.FactsVersion == state.ChartVersion && state.SettingsKey == settings.Key) return (state.ChartVersion, 0);
        for (var attempt = 1; ; attempt++)
        {
            var chart = await graph.ReadEachAsync(Edges, new { organizationId }, fields => new ChartReader(fields, (int)state.People),
                CancellationToken.None);
            if (chart is null) return (null, 0);
            var (chartVersion, generation, people) = chart;
            var computed = AccountFactsCalculator.Compute(people, settings, keep: RankedKept);
            var coverage = CoverageFactsCalculator.Compute(people);
            var facts = Stored(chartVersion, computed, coverage, settings);
            if (await SaveAsync(organizationId, generation, facts, coverage.HeadChanges) || attempt == MaxSaveAttempts)
            {
                logger.LogInformation("Derived facts of organization {OrganizationId} at chart version {Version}: {People} people.",
                    organizationId, chartVersion, people.Count);
                return (chartVersion, people.Count);
            }
        }
    }

    /// <summary>The account's chart, read from <c>accounts/facts-edges</c> row by row: null when the organization is gone.</summary>
    private sealed record Chart(long ChartVersion, long Generation, AccountChart People);

    /// <summary>Builds the chart one row at a time: the answer is never held whole.</summary>
    private sealed class ChartReader(IReadOnlyList<string> fields, int expectedPeople) : IRowReader<Chart?>
    {
        private readonly int versionAt = At(fields, "chartVersion");
        private readonly int generationAt = At(fields, "generation");
        private readonly int personAt = At(fields, "person");
        private readonly AccountChart.Builder chart = new(expectedPeople);
        private long? chartVersion;
        private long generation;

        public void Add(JsonElement row)
        {
            chartVersion ??= row[versionAt].GetInt64();
            generation = row[generationAt].GetInt64();
            var p = row[personAt];
            if (p.ValueKind != JsonValueKind.Array) return;
            chart.AddPerson(p[0].GetString()!, Text(p[1]), p[2].ValueKind == JsonValueKind.True, Text(p[3]), Text(p[6]), Text(p[7]));
            foreach (var dotted in p[4].EnumerateArray()) chart.AddDotted(dotted.GetString()!);
            foreach (var line in p[5].EnumerateArray())
                if (line[1].ValueKind == JsonValueKind.Number) chart.AddInfluence(line[0].GetString()!, line[1].GetDouble());
        }

        public Chart? Complete() => chartVersion is { } version ? new Chart(version, generation, chart.Build()) : null;

        private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static int At(IReadOnlyList<string> fields, string name)
        {
            for (var i = 0; i < fields.Count; i++)
                if (fields[i] == name) return i;
            throw new InvalidOperationException($"accounts/facts-edges answered without '{name}'.");
        }
    }

    /// <summary>
    /// Saves the division heads that changed, then the facts; false when facts were saved since the chart was read at
    /// <paramref name="generation"/> (another refresh: the heads compared with may have changed, so read again and
    /// mend them). Each batch of heads is a transaction of its own: an account's first heads at 300,000 people outgrew
    /// Neo4j's transaction memory in one. Until the facts are saved they stay behind the chart version, so coverage
    /// (which reads heads only from current facts) never reads heads half-written.
    /// </summary>
    private async Task<bool> SaveAsync(string organizationId, long generation, Dictionary<string, object> facts,
        IEnumerable<DivisionHeadChange> heads)
    {
        foreach (var batch in heads.Chunk(HeadsPerStatement))
            await graph.WriteAsync(SaveHeads, new { organizationId, changes = batch.Select(h => new { id = h.Id, headId = h.HeadId }) },
                CancellationToken.None);
        var saved = (await graph.WriteAsync(Save, new { organizationId, generation, facts }, CancellationToken.None)).Rows[0][0].GetInt64();
        return saved > 0;
    }

    private Dictionary<string, object> Stored(long chartVersion, ComputedFacts facts, CoverageFactsComputed coverage, FactsSettings settings)
    {
        var kept = facts.Ranked.Take(RankedKept).ToList();
        return new Dictionary<string, object>
        {
            ["chartVersion"] = chartVersion,
            ["computedAt"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["settings"] = settings.Key,
            ["people"] = facts.People,
            ["deepest"] = facts.Deepest,
            ["widest"] = facts.Widest,
            ["levelWeight"] = settings.Weights.Level,
            ["spanWeight"] = settings.Weights.Span,
            ["networkWeight"] = settings.Weights.Network,
            ["rankedIds"] = kept.Select(r => r.Id).ToArray(),
            ["rankedInfluence"] = kept.Select(r => r.Influence).ToArray(),
            ["rankedLevel"] = kept.Select(r => (long)r.Level).ToArray(),
            ["rankedLevelScore"] = kept.Select(r => r.LevelScore).ToArray(),
            ["rankedBelow"] = kept.Select(r => r.Below).ToArray(),
            ["rankedSpanScore"] = kept.Select(r => r.SpanScore).ToArray(),
            ["rankedNetworkRank"] = kept.Select(r => r.NetworkRank).ToArray(),
            ["rankedNetworkScore"] = kept.Select(r => r.NetworkScore).ToArray(),
            ["coverageGroupKinds"] = coverage.Groups.Select(g => g.Kind).ToArray(),
            ["coverageGroupKeys"] = coverage.Groups.Select(g => g.Key).ToArray(),
            ["coverageGroupCounts"] = coverage.Groups.SelectMany(g => g.Counts).ToArray(),
            ["coverageSeniorIds"] = coverage.SeniorIds.ToArray(),
        };
    }
}

/// <summary>Where an account's facts stand as an answer read them: the chart version, the facts' version (null: none
/// yet), the settings they were computed with and how many people work there.</summary>
public sealed record FactsState(string OrganizationId, long ChartVersion, long? FactsVersion, string? SettingsKey, long People);

public enum FactsAction
{
    Use,
    RefreshFirst,
    UseWhileRefreshing,
}
