using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Features.Insights;

/// <summary><c>Insights:AnswerCache</c>: the per-instance cache of recommendations and power maps.</summary>
public sealed class AnswerCacheOptions
{
    public const string Section = "Insights:AnswerCache";

    /// <summary>Off: every answer is computed (the answers are the same either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many bytes of answers (as JSON, roughly) one instance keeps; the oldest go first when full.</summary>
    [Range(1024, long.MaxValue)]
    public long SizeLimitBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>A safety net: an answer is dropped this long after it was computed, whatever happens.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Answers for one opportunity, kept per instance under everything they depend on: the question (which answer, its
/// arguments), the versions read before computing, and the whole <see cref="Viewer"/> — who asks, under which charter,
/// and when (the caller passes a viewer at the whole minute, <see cref="Viewer.AtWholeMinute"/>). The versions are the
/// opportunity's account and its version, moved by every write that concerns that account (<see cref="WriteScope"/>),
/// and the version every write that concerns every account moves (the charter, do-not-contact marks, people, lines, our
/// own organization: whatever declares no narrower scope). So a write at one account leaves the answers at another
/// cached, and any write an answer depends on shows on the next read on every instance.
/// </summary>
/// <remarks>
/// An account's version covers an opportunity's answers only while what they can reach on the customer side all works
/// there (<c>insights/answer-neighbourhood</c>: its buying center and everyone within two lines of them); an opportunity
/// whose answers reach into another organization (an external advisor, a partner's person in the buying center) is kept
/// under the whole graph's version instead, which every write moves. That check is kept per opportunity while its
/// versions stay the same: what changes it (a line, a person, the buying center) moves one of them.
///
/// The versions are read before the answer is computed, in read mode with the request's bookmarks (a caller sees at
/// least its own writes, and what is computed next is at least as new): a write that lands in between can only put a
/// newer answer under an older version, which no later reader asks for. Concurrent misses for one key compute once.
/// Audit stays with the caller: a cached answer carries the relationships it shows, and is recorded like a fresh one.
/// Answers under versions nobody asks for any more leave as the cache fills (oldest first) or expire.
/// </remarks>
public sealed class AnswerCache : IDisposable
{
    private static readonly CypherQuery Versions = Cypher.Load("insights/answer-versions");
    private static readonly CypherQuery Neighbourhood = Cypher.Load("insights/answer-neighbourhood");

    /// <summary>More opportunities than this in the neighbourhood memo: it starts again (it is only a shortcut).</summary>
    private const int MaxRemembered = 100_000;

    private readonly IGraph graph;
    private readonly AnswerCacheOptions options;
    private readonly KeptAnswers kept;
    private readonly ConcurrentDictionary<string, Locality> locality = new(StringComparer.Ordinal);

    private sealed record VersionsRow(string? AccountId, long Account, long Everywhere, long Graph);

    /// <summary>Whether an opportunity's answers stay inside its account, as of its account's and everywhere's versions.</summary>
    private sealed record Locality(long Account, long Everywhere, bool Local);

    public AnswerCache(IGraph graph, IOptions<AnswerCacheOptions> options, IMeterFactory meters)
    {
        this.graph = graph;
        this.options = options.Value;
        kept = new KeptAnswers(this.options.SizeLimitBytes, this.options.Expiry,
            meters.Create(Telemetry.Name).CreateCounter<long>("relintel.answer_cache.lookups", "{lookup}",
                "Answer cache lookups of recommendations and power maps by result: hit or miss."));
    }

    /// <summary>
    /// The cached answer to <paramref name="answer"/>(<paramref name="arguments"/>) about opportunity
    /// <paramref name="opportunityId"/> for <paramref name="viewer"/>, or <paramref name="compute"/>'s, which is kept when
    /// it is not null (an unknown opportunity is not kept).
    /// </summary>
    public async Task<Audited<T>?> GetOrComputeAsync<T>(string answer, string opportunityId, object arguments, Viewer viewer,
        Func<CancellationToken, Task<Audited<T>?>> compute, CancellationToken cancellationToken) where T : class
    {
        if (!options.Enabled) return await compute(cancellationToken);

        var versions = (await graph.ReadAsync(Versions, new { id = opportunityId, everywhere = GraphVersion.EverywhereIds }, cancellationToken))
            .SingleOrDefault<VersionsRow>()!;
        if (versions.AccountId is null) return await compute(cancellationToken);
        var local = await LocalAsync(opportunityId, versions, cancellationToken);
        // Inside its account, the account's version and everywhere's cover every write the answer depends on; otherwise
        // only the whole graph's does.
        var version = local ? versions.Account : versions.Graph;
        // The whole viewer goes into the key as it is (every field, the charter's too, and the moment).
        var key = KeptAnswers.Key(new { answer, arguments, versions = new { versions.AccountId, local, version, versions.Everywhere }, viewer });
        return await kept.GetOrComputeAsync(key, compute, cancellationToken);
    }

    private async Task<bool> LocalAsync(string opportunityId, VersionsRow versions, CancellationToken cancellationToken)
    {
        if (locality.TryGetValue(opportunityId, out var known) && known.Account == versions.Account && known.Everywhere == versions.Everywhere)
            return known.Local;
        var local = (await graph.ReadAsync(Neighbourhood, new { id = opportunityId }, cancellationToken)).SingleOrDefault<LocalRow>()?.Local ?? false;
        if (locality.Count >= MaxRemembered) locality.Clear();
        locality[opportunityId] = new Locality(versions.Account, versions.Everywhere, local);
        return local;
    }

    private sealed record LocalRow(bool Local);

    public void Dispose() => kept.Dispose();
}
