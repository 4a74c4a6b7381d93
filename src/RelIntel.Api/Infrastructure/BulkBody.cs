using System.Security.Cryptography;
using System.Text;

namespace RelIntel.Api.Infrastructure;

/// <summary>What a bulk call did with one record.</summary>
public enum RecordStatus
{
    Created,
    Updated,
    Failed,
}

/// <summary>
/// A bulk request's body as it streams in: read once, never held whole, at most <see cref="Problems.MaxRequestBodyBytes"/>,
/// hashed on the way (what an <c>Idempotency-Key</c> is checked against). Bulk endpoints parse records from it one by
/// one (<see cref="BulkFormats"/>), so a bad or oversized body is refused at the record that makes it so.
/// </summary>
public sealed class BulkBody : Stream
{
    private readonly Stream inner;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long limit;
    private long read;

    private BulkBody(HttpRequest request, long limit)
    {
        inner = request.Body;
        this.limit = limit;
        // What the body is sent to and as is part of what was sent.
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString} {request.ContentType}\n"));
    }

    /// <summary>The body of <paramref name="request"/>, or null when it says it is larger than bodies may be
    /// (<paramref name="limit"/>: <see cref="Problems.MaxRequestBodyBytes"/> unless the endpoint streams more).</summary>
    public static BulkBody? Open(HttpRequest request, long limit = Problems.MaxRequestBodyBytes) =>
        request.ContentLength > limit ? null : new BulkBody(request, limit);

    /// <summary>The body went past its limit while it was read.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>SHA-256 of the request line and everything read so far (read the body to its end first).</summary>
    public string Hash() => Convert.ToHexStringLower(hash.GetCurrentHash());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await inner.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..count]);
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, n));
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(ReadOnlySpan<byte> bytes)
    {
        read += bytes.Length;
        if (read > limit)
        {
            TooLarge = true;
            throw new BodyTooLargeException();
        }
        hash.AppendData(bytes);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) hash.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
                                            type.Contains("+json", StringComparison.OrdinalIgnoreCase));

    public static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    public static IResult TooLargeProblem() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large", detail: $"Bodies are limited to {Problems.MaxRequestBodyBytes / (1024 * 1024)} MiB.");

    public static IResult UnsupportedType() => TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type", detail: "This endpoint takes application/json or text/csv.",
        extensions: new Dictionary<string, object?> { ["accepts"] = new[] { "application/json", "text/csv" } });
}

/// <summary>A bulk body went past the size limit while it streamed in: the answer is a 413.</summary>
public sealed class BodyTooLargeException() : IOException("The request body is larger than bodies may be.");
