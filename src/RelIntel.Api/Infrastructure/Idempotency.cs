using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> for bulk writes, per caller: the same key and body again returns the first answer without
/// writing; the same key with another body is a 422; while the first request with a key still runs, a second is a 409
/// (retry shortly). A key is claimed in the graph before anything is written, under a uniqueness constraint, so two
/// concurrent first requests never both write. The answer is stored in the writing transaction and kept for
/// <see cref="RetentionHours"/>. One caller's keys never meet another's.
/// </summary>
public sealed class Idempotency(IGraph graph, TimeProvider clock, IOptions<JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    public const int RetentionHours = 24;
    private const int MaxKeyLength = 128;

    /// <summary>How long a claim holds while its request runs; a request that died is retried after it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly CypherQuery ClaimQuery = Cypher.Load("idempotency/claim");
    private static readonly CypherQuery Complete = Cypher.Load("idempotency/complete");
    private static readonly CypherQuery Release = Cypher.Load("idempotency/release");

    /// <summary>A key this request holds: write, then <see cref="SaveAsync{T}"/> in the writing transaction.</summary>
    public sealed record Claim(string Key, string Token);

    private sealed record ClaimRow(bool Claimed, string RequestHash, string State, int? Status, string? Body);

    /// <summary>The header's key, null when there is none; a bad key is a validation error.</summary>
    public static string? KeyFrom(HttpRequest request, Validation validation)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return null;
        var key = values.ToString();
        if (key.Length is > 0 and <= MaxKeyLength) return key;
        validation.Add(Header, $"Must be 1–{MaxKeyLength} characters.");
        return null;
    }

    /// <summary>
    /// Claims <paramref name="key"/> for this caller and route; answers the claim to write under, or the answer to give
    /// instead (the stored one replayed, a 422 for another body, a 409 while the first request runs). No key: go ahead.
    /// </summary>
    public async Task<(Claim? Claim, IResult? Answer)> ClaimAsync(HttpRequest request, Caller caller, string? key, string requestHash,
        CancellationToken cancellationToken)
    {
        if (key is null) return (null, null);
        var scoped = $"{caller.KeyId} {request.Method} {request.Path}|{key}";
        var token = Guid.NewGuid().ToString("N");
        var row = (await graph.WriteAsync(ClaimQuery, new
        {
            key = scoped,
            token,
            requestHash,
            now = clock.GetUtcNow(),
            retentionHours = RetentionHours,
            leaseSeconds = (int)Lease.TotalSeconds,
        }, cancellationToken)).SingleOrDefault<ClaimRow>()!;
        if (row.Claimed) return (new Claim(scoped, token), null);
        if (row.RequestHash != requestHash)
            return (null, Problems.Unprocessable("Idempotency key reused",
                "This Idempotency-Key was already used with a different request; use a new key for a new request.", Header));
        if (row.State == "done" && row.Status is { } status && row.Body is { } body) return (null, new Replay(status, body));
        return (null, InProgress());
    }

    /// <summary>Stores the answer inside the writing transaction, so writes and answer commit together.</summary>
    public async Task SaveAsync<T>(IGraphTransaction tx, Claim? claim, int status, T answer, CancellationToken cancellationToken)
    {
        if (claim is null) return;
        var body = JsonSerializer.Serialize(answer, json.Value.SerializerOptions);
        var completed = await tx.RunAsync(Complete, new { key = claim.Key, token = claim.Token, status, body, now = clock.GetUtcNow() },
            cancellationToken);
        // The lease ran out and a retry took the key over: this request must not write as well.
        if (completed.Rows.Count == 0) throw new IdempotencyClaimLostException();
    }

    /// <summary>The claimed request failed: its key is free again for a retry. Best effort (the lease frees it anyway).</summary>
    public async Task ReleaseAsync(Claim? claim)
    {
        if (claim is null) return;
        try
        {
            await graph.WriteAsync(Release, new { key = claim.Key, token = claim.Token }, CancellationToken.None);
        }
        catch (Exception e) when (e is Neo4jException or Neo4jUnavailableException)
        {
            // The claim stays until its lease runs out; a retry then takes it over.
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> under the claim: the claim is released when it throws, so a retry can go ahead at once.
    /// When the write's commit got no answer (it may have committed), the release waits for the commit's outcome and keeps
    /// a committed answer: the retry then replays what was committed instead of writing again.
    /// </summary>
    public async Task<T> UnderAsync<T>(Claim? claim, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (e is not IdempotencyClaimLostException)
        {
            await ReleaseAsync(claim);
            throw;
        }
    }

    internal static IResult InProgress() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "A request with this Idempotency-Key is still running",
        detail: "Another request with the same Idempotency-Key has not finished yet; send this one again in a moment to get its answer.",
        extensions: new Dictionary<string, object?> { ["field"] = Header });

    private sealed class Replay(int status, string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(body);
        }
    }
}

/// <summary>A request's Idempotency-Key claim was taken over before it could finish: its writes are rolled back (a 409).</summary>
public sealed class IdempotencyClaimLostException()
    : Exception("The Idempotency-Key's claim ran out before the request finished; another request with the key took it over.");
