using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Accounts;

/// <summary>
/// The whole account's coverage, computed once and kept per instance for the parts asked next: the summary, its pages
/// of divisions and the drill-downs into one department or division all cut the same whole answer
/// (<see cref="AccountCoverage.View"/>), so paging through a 100,000-person account does not walk it again per call.
/// </summary>
/// <remarks>
/// Kept under everything the answer depends on: the organization, the whole graph's version (every write moves it, so
/// any write anywhere shows on the next call: the senior people's warm paths may run through people at other
/// organizations, so an account's own version would not cover them) and the whole <see cref="Viewer"/> at the start of
/// the minute (<see cref="Viewer.AtWholeMinute"/>: who asks, under which charter, and the moment strengths and staleness
/// are evaluated at). The version is read before computing, with the request's bookmarks, so a caller sees at least its
/// own writes. Concurrent misses for one key compute once. The first call still costs the whole account.
/// </remarks>
public sealed class CoverageAnswers(IGraph graph, AccountCoverage coverage, IMeterFactory meters) : IDisposable
{
    private readonly Counter<long> lookups = meters.Create(Telemetry.Name).CreateCounter<long>("relintel.coverage_cache.lookups", "{lookup}",
        "Lookups of whole-account coverage answers kept for their parts, by result: hit or miss.");

    /// <summary>
    /// How many bytes of answers (as JSON, roughly) one instance keeps; the oldest go first when full. A 100,000-person
    /// account's whole answer is a few MB, several times that in memory: a few of them, not one per write.
    /// </summary>
    public const long SizeLimitBytes = 8L * 1024 * 1024;

    /// <summary>A safety net: an answer is dropped this long after it was computed, whatever happens.</summary>
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions KeyJson = new(JsonSerializerDefaults.Web);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountCoverage.Read>>> computing = new(StringComparer.Ordinal);

    /// <summary>The whole account's coverage as <paramref name="viewer"/> may see it, at the start of the current minute.</summary>
    public async Task<AccountCoverage.Read> ReadAsync(string organizationId, Viewer viewer, CancellationToken cancellationToken)
    {
        var atMinute = viewer.AtWholeMinute();
        var version = await GraphVersion.ReadAsync(graph, cancellationToken);
        var key = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { organizationId, version, viewer = atMinute }, KeyJson)));
        if (cache.TryGetValue(key, out AccountCoverage.Read? hit))
        {
            lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return hit!;
        }
        lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        Lazy<Task<AccountCoverage.Read>>? mine = null;
        mine = new Lazy<Task<AccountCoverage.Read>>(() => ComputeAsync(key, organizationId, atMinute, mine!));
        // Shared by every caller waiting for this key, so no one caller hanging up cancels it for the others.
        return await computing.GetOrAdd(key, mine).Value.WaitAsync(cancellationToken);
    }

    private async Task<AccountCoverage.Read> ComputeAsync(string key, string organizationId, Viewer viewer, Lazy<Task<AccountCoverage.Read>> flight)
    {
        try
        {
            var read = await coverage.ComputeAsync(organizationId, viewer, CancellationToken.None);
            var size = read.Answer is { } answer ? JsonSerializer.SerializeToUtf8Bytes(answer.Answer, KeyJson).Length : 64;
            cache.Set(key, read, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = Expiry });
            return read;
        }
        finally
        {
            computing.TryRemove(new KeyValuePair<string, Lazy<Task<AccountCoverage.Read>>>(key, flight));
        }
    }

    public void Dispose() => cache.Dispose();
}
