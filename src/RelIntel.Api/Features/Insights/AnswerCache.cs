using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
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
/// arguments), the <see cref="GraphVersion"/> read before computing, and the whole <see cref="Viewer"/> — who asks, under
/// which charter, and when (the caller passes a viewer at the whole minute, <see cref="Viewer.AtWholeMinute"/>). A write
/// anywhere moves the version, so the next read on any instance computes afresh; a cached answer is exactly what a fresh
/// computation under the same key gives.
/// </summary>
/// <remarks>
/// The version is read before the answer is computed, in read mode with the request's bookmarks (a caller sees at least its
/// own writes, and what is computed next is at least as new): a write that lands in between can only put a newer answer
/// under an older version, which no later reader asks for. Concurrent misses for one key compute once. Audit stays with
/// the caller: a cached answer carries the relationships it shows, and is recorded like a fresh one.
/// </remarks>
public sealed class AnswerCache : IDisposable
{
    private static readonly JsonSerializerOptions KeyJson = new(JsonSerializerDefaults.Web);

    private readonly IGraph graph;
    private readonly AnswerCacheOptions options;
    private readonly MemoryCache cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> computing = new(StringComparer.Ordinal);
    private readonly Counter<long> lookups;
    private long newestVersion = -1;

    public AnswerCache(IGraph graph, IOptions<AnswerCacheOptions> options, IMeterFactory meters)
    {
        this.graph = graph;
        this.options = options.Value;
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = this.options.SizeLimitBytes });
        lookups = meters.Create(Telemetry.Name).CreateCounter<long>("relintel.answer_cache.lookups", "{lookup}",
            "Answer cache lookups of recommendations and power maps by result: hit or miss.");
    }

    /// <summary>
    /// The cached answer to <paramref name="answer"/>(<paramref name="arguments"/>) for <paramref name="viewer"/>, or
    /// <paramref name="compute"/>'s, which is kept when it is not null (an unknown opportunity is not kept).
    /// </summary>
    public async Task<Audited<T>?> GetOrComputeAsync<T>(string answer, object arguments, Viewer viewer,
        Func<CancellationToken, Task<Audited<T>?>> compute, CancellationToken cancellationToken) where T : class
    {
        if (!options.Enabled) return await compute(cancellationToken);

        var version = await GraphVersion.ReadAsync(graph, cancellationToken);
        ForgetOlderThan(version);
        var key = Key(answer, arguments, version, viewer);
        if (cache.TryGetValue(key, out Audited<T>? hit))
        {
            lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return hit;
        }
        lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));

        Lazy<Task<object?>>? mine = null;
        mine = new Lazy<Task<object?>>(() => ComputeAsync(key, version, compute, mine!));
        var flight = computing.GetOrAdd(key, mine);
        // Shared by every caller waiting for this key, so no one caller hanging up cancels it for the others; each
        // statement still has Neo4j:QueryTimeout.
        return (Audited<T>?)await flight.Value.WaitAsync(cancellationToken);
    }

    private async Task<object?> ComputeAsync<T>(string key, long version, Func<CancellationToken, Task<Audited<T>?>> compute, Lazy<Task<object?>> flight)
        where T : class
    {
        try
        {
            var computed = await compute(CancellationToken.None);
            // Kept only while its version is the newest seen: one computed under an older one would never be asked for.
            if (computed is not null && version == Interlocked.Read(ref newestVersion))
                cache.Set(key, computed, new MemoryCacheEntryOptions
                {
                    Size = JsonSerializer.SerializeToUtf8Bytes(computed, KeyJson).Length,
                    AbsoluteExpirationRelativeToNow = options.Expiry,
                });
            return computed;
        }
        finally
        {
            computing.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, flight));
        }
    }

    /// <summary>
    /// Drops every answer once a newer version is seen: they were all computed under older versions, which no reader asks
    /// for any more. Under a steady stream of writes the cache would otherwise fill with answers nobody can hit.
    /// </summary>
    private void ForgetOlderThan(long version)
    {
        var newest = Interlocked.Read(ref newestVersion);
        while (version > newest)
        {
            if (Interlocked.CompareExchange(ref newestVersion, version, newest) == newest)
            {
                cache.Clear();
                return;
            }
            newest = Interlocked.Read(ref newestVersion);
        }
    }

    /// <summary>
    /// The whole viewer goes into the key as it is (every field, the charter's too, and the moment), so a field added to
    /// <see cref="Viewer"/> later is part of the key without anyone remembering to add it. Hashed: keys stay small.
    /// </summary>
    private static string Key(string answer, object arguments, long version, Viewer viewer) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { answer, arguments, version, viewer }, KeyJson)));

    public void Dispose() => cache.Dispose();
}
