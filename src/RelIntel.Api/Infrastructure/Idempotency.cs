using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// <c>Idempotency-Key</c> for bulk writes: the same key and body again returns the first answer without writing;
/// the same key with another body is a 422. The answer is stored in the same transaction as the writes, and kept
/// for <see cref="RetentionHours"/>.
/// </summary>
public sealed class Idempotency(IGraph graph, TimeProvider clock, IOptions<JsonOptions> json)
{
    public const string Header = "Idempotency-Key";
    public const int RetentionHours = 24;
    private const int MaxKeyLength = 128;

    private static readonly CypherQuery Find = Cypher.Load("idempotency/find");
    private static readonly CypherQuery Save = Cypher.Load("idempotency/save");

    /// <summary>The request's key scoped to its route, and a hash of what was sent.</summary>
    public sealed record Claim(string Key, string RequestHash);

    private sealed record StoredRow(string RequestHash, int Status, string Body);

    /// <summary>Reads the header; null claim when there is none. A bad key is a validation error.</summary>
    public static Claim? ClaimFor(HttpRequest request, byte[] body, Validation validation)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return null;
        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength)
        {
            validation.Add(Header, $"Must be 1–{MaxKeyLength} characters.");
            return null;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {request.ContentType}\n"));
        hash.AppendData(body);
        return new Claim($"{request.Method} {request.Path}|{key}", Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The stored answer to replay, a 422 for a reused key, or null to go ahead.</summary>
    public async Task<IResult?> ReplayAsync(Claim? claim, CancellationToken cancellationToken)
    {
        if (claim is null) return null;
        var stored = (await graph.RunAsync(Find, new { key = claim.Key, now = clock.GetUtcNow() }, cancellationToken))
            .SingleOrDefault<StoredRow>();
        if (stored is null) return null;
        if (stored.RequestHash != claim.RequestHash)
            return Problems.Unprocessable("Idempotency key reused",
                "This Idempotency-Key was already used with a different request body; use a new key for a new request.", Header);
        return new Replay(stored.Status, stored.Body);
    }

    /// <summary>Stores the answer inside the writing transaction, so writes and answer commit together.</summary>
    public async Task SaveAsync<T>(IGraphTransaction tx, Claim? claim, int status, T answer, CancellationToken cancellationToken)
    {
        if (claim is null) return;
        var body = JsonSerializer.Serialize(answer, json.Value.SerializerOptions);
        await tx.RunAsync(Save, new
        {
            key = claim.Key,
            requestHash = claim.RequestHash,
            status,
            body,
            now = clock.GetUtcNow(),
            retentionHours = RetentionHours,
        }, cancellationToken);
    }

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

/// <summary>What a bulk call did with one record.</summary>
public enum RecordStatus
{
    Created,
    Updated,
    Failed,
}

/// <summary>Reads a bulk request's body whole (bounded), for hashing and parsing.</summary>
public static class BulkBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > Problems.MaxRequestBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > Problems.MaxRequestBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
                                            type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    public static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    public static IResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large", detail: $"Bodies are limited to {Problems.MaxRequestBodyBytes / (1024 * 1024)} MiB.");

    public static IResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type", detail: "Send application/json or text/csv.");
}
