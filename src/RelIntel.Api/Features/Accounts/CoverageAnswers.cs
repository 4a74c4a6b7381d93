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
/// Parts of an account's coverage (the summary with one page of divisions, or one department or division with one page
/// of its lists), each computed once and kept per instance for a minute, so callers asking the same part again (a
/// dashboard, a page reloaded) do not count the account again.
/// </summary>
/// <remarks>
/// Kept under everything the answer depends on: the organization, the whole graph's version (every write moves it, so
/// any write anywhere shows on the next call: the senior people's warm paths may run through people at other
/// organizations, so an account's own version would not cover them) and the whole <see cref="Viewer"/> at the start of
/// the minute (<see cref="Viewer.AtWholeMinute"/>: who asks, under which charter, and the moment strengths and staleness
/// are evaluated at), and the part asked. The version is read before computing, with the request's bookmarks, so a
/// caller sees at least its own writes. Concurrent misses for one key compute once.
/// </remarks>
public sealed class CoverageAnswers(IGraph graph, AccountCoverage coverage, IMeterFactory meters) : IDisposable
{
    private readonly Counter<long> lookups = meters.Create(Telemetry.Name).CreateCounter<long>("relintel.coverage_cache.lookups", "{lookup}",
        "Lookups of whole-account coverage answers kept for their parts, by result: hit or miss.");

    /// <summary>
    /// How many bytes of answers (as JSON, roughly) one instance keeps; the oldest go first when full. One part is at most
    /// a few hundred KiB, even on a 100,000-person account.
    /// </summary>
    public const long SizeLimitBytes = 8L * 1024 * 1024;

    /// <summary>A safety net: an answer is dropped this long after it was computed, whatever happens.</summary>
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions KeyJson = new(JsonSerializerDefaults.Web);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountCoverage.Read>>> computing = new(StringComparer.Ordinal);

    /// <summary>The part of the account's coverage asked for, as <paramref name="viewer"/> may see it, at the start of the current minute.</summary>
    public async Task<AccountCoverage.Read> ReadAsync(string organizationId, Viewer viewer, AccountCoverage.Part part, CancellationToken cancellationToken)
    {
        var atMinute = viewer.AtWholeMinute();
        var version = await GraphVersion.ReadAsync(graph, cancellationToken);
        var key = Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { organizationId, version, viewer = atMinute, part }, KeyJson)));
        if (cache.TryGetValue(key, out AccountCoverage.Read? hit))
        {
            lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            return hit!;
        }
        lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
        Lazy<Task<AccountCoverage.Read>>? mine = null;
        mine = new Lazy<Task<AccountCoverage.Read>>(() => ComputeAsync(key, organizationId, atMinute, part, mine!));
        // Shared by every caller waiting for this key, so no one caller hanging up cancels it for the others.
        return await computing.GetOrAdd(key, mine).Value.WaitAsync(cancellationToken);
    }

    private async Task<AccountCoverage.Read> ComputeAsync(string key, string organizationId, Viewer viewer, AccountCoverage.Part part, Lazy<Task<AccountCoverage.Read>> flight)
    {
        try
        {
            var read = await coverage.ComputeAsync(organizationId, viewer, part, CancellationToken.None);
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
