using System.Diagnostics.Metrics;
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
    /// <summary>
    /// How many bytes of answers (as JSON, roughly) one instance keeps; the oldest go first when full. One part is at most
    /// a few hundred KiB, even on a 100,000-person account.
    /// </summary>
    public const long SizeLimitBytes = 8L * 1024 * 1024;

    /// <summary>A safety net: an answer is dropped this long after it was computed, whatever happens.</summary>
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    private readonly KeptAnswers kept = new(SizeLimitBytes, Expiry,
        meters.Create(Telemetry.Name).CreateCounter<long>("relintel.coverage_cache.lookups", "{lookup}",
            "Lookups of whole-account coverage answers kept for their parts, by result: hit or miss."));

    /// <summary>The part of the account's coverage asked for, as <paramref name="viewer"/> may see it, at the start of the current minute.</summary>
    public async Task<AccountCoverage.Read> ReadAsync(string organizationId, Viewer viewer, AccountCoverage.Part part, CancellationToken cancellationToken)
    {
        var atMinute = viewer.AtWholeMinute();
        var version = await GraphVersion.ReadAsync(graph, cancellationToken);
        var key = KeptAnswers.Key(new { organizationId, version, viewer = atMinute, part });
        return (await kept.GetOrComputeAsync<AccountCoverage.Read>(key,
            _ => coverage.ComputeAsync(organizationId, atMinute, part, CancellationToken.None)!, cancellationToken))!;
    }

    public void Dispose() => kept.Dispose();
}
