using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Answers kept per instance under a key that names everything they depend on (the caller builds it: versions read
/// before computing, the whole viewer at the minute, the question). Bounded by their size as JSON, the oldest going first
/// when full, each dropped after an expiry whatever happens; concurrent misses for one key compute once; every lookup
/// is counted on the given metric by result (hit or miss).
/// </summary>
/// <remarks>
/// An answer is kept as its JSON (UTF-8) and read back on each hit: as objects, the 16 MiB of JSON the answer cache
/// holds took about 45 MiB of the API's memory, and reading 40–70 KiB of JSON back costs a fraction of a millisecond.
/// The answers kept are plain records, which read back equal to what was computed (a property left out of JSON is one
/// worked out from the others).
/// </remarks>
public sealed class KeptAnswers : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly MemoryCache cache;
    private readonly TimeSpan expiry;
    private readonly Counter<long> lookups;
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> computing = new(StringComparer.Ordinal);

    public KeptAnswers(long sizeLimitBytes, TimeSpan expiry, Counter<long> lookups)
    {
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes });
        this.expiry = expiry;
        this.lookups = lookups;
    }

    /// <summary>
    /// A key from everything an answer depends on, taken whole (a field added to a part later is in the key without anyone
    /// remembering to add it). Hashed: keys stay small.
    /// </summary>
    public static string Key(object dependsOn) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(dependsOn, Json)));

    /// <summary>The answer kept under <paramref name="key"/>, or <paramref name="compute"/>'s, which is kept when it is not null.</summary>
    public async Task<T?> GetOrComputeAsync<T>(string key, Func<CancellationToken, Task<T?>> compute, CancellationToken cancellationToken)
        where T : class
    {
        if (cache.TryGetValue(key, out byte[]? hit))
        {
            lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return JsonSerializer.Deserialize<T>(hit!, Json);
        }
        lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        Lazy<Task<object?>>? mine = null;
        mine = new Lazy<Task<object?>>(() => ComputeAsync(key, compute, mine!));
        // Shared by every caller waiting for this key, so no one caller hanging up cancels it for the others; each
        // statement still has Neo4j:QueryTimeout (Neo4j:LongQueryTimeout if marked long-running).
        return (T?)await computing.GetOrAdd(key, mine).Value.WaitAsync(cancellationToken);
    }

    private async Task<object?> ComputeAsync<T>(string key, Func<CancellationToken, Task<T?>> compute, Lazy<Task<object?>> flight)
        where T : class
    {
        try
        {
            var computed = await compute(CancellationToken.None);
            if (computed is not null)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(computed, Json);
                cache.Set(key, json, new MemoryCacheEntryOptions { Size = json.Length, AbsoluteExpirationRelativeToNow = expiry });
            }
            return computed;
        }
        finally
        {
            computing.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, flight));
        }
    }

    public void Dispose() => cache.Dispose();
}
