using System.Threading.Channels;
using Microsoft.AspNetCore.Routing;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Charter;

/// <summary>A relationship by its two ends, as the audit names it: <c>ourPersonId|theirPersonId</c>.</summary>
public readonly record struct RelationshipKey(string OurPersonId, string TheirPersonId)
{
    public override string ToString() => $"{OurPersonId}|{TheirPersonId}";
}

/// <summary>
/// Every answer that shows relationship data is attributable: who asked (API key id and name, role, the person it acts
/// as), when, which endpoint and path, and which relationships the answer showed (in detail or as an introduction).
/// Scheduled reports, which leave the service without a caller, are recorded as read by their schedule.
/// </summary>
/// <remarks>
/// <para>
/// Entries are written in batches a moment after the answer (<see cref="FlushInterval"/>), not in a round trip of the
/// answer's own: an answer waits for the graph once, not twice. An entry is kept until a batch holding it is written,
/// however long Neo4j is away (at least once); the buffer is bounded, so a caller waits for room rather than an entry
/// being dropped; stopping the service writes what is left. Reading the audit writes what is pending first.
/// </para>
/// <para>
/// An entry names the people it is about (<see cref="Entry.PersonIds"/>). A batch is written under the audit's lock, as
/// an erasure is, and replaces the ids of people who are gone by then by <c>[erased]</c>, with the key's name as it is
/// now: an entry still pending on any instance when a person is erased keeps no copy of them.
/// </para>
/// </remarks>
public sealed class AuditLog(IGraph graph, TimeProvider clock, ILogger<AuditLog> logger) : BackgroundService
{
    private static readonly CypherQuery Record = Cypher.Load("audit/record");

    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    public const int BatchSize = 500;
    public const int Capacity = 20_000;

    /// <summary>The caller a scheduled report's webhook delivery is recorded for.</summary>
    public const string ScheduleRole = "schedule";

    /// <summary>One read, as written.</summary>
    public sealed record Entry(string Id, DateTimeOffset At, string? CallerKeyId, string? CallerKeyName, string? CallerRole,
        string? CallerPersonId, string Method, string Endpoint, string Path, IReadOnlyList<string> Relationships,
        IReadOnlyList<string> PersonIds);

    private readonly Channel<(Entry Entry, long Sequence)> pending =
        Channel.CreateUnbounded<(Entry, long)>(new UnboundedChannelOptions { SingleReader = true });

    // Room for entries not yet written: a caller waits for room rather than an entry being dropped.
    private readonly SemaphoreSlim room = new(Capacity, Capacity);

    private long enqueued;
    private long written;

    public override void Dispose()
    {
        room.Dispose();
        base.Dispose();
    }
    private readonly object progress = new();
    private TaskCompletionSource wroteSome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Records one answer to an HTTP caller, with the relationships it shows (none is fine). Handlers do not call it: the
    /// <c>/api</c> group's filter (<see cref="AuditedAnswers"/>) does, once for every <see cref="IAudited"/> result.
    /// </summary>
    public ValueTask RecordAsync(HttpContext context, IEnumerable<RelationshipKey> relationships, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        // A person a route names (/api/people/{id}/...) is one the entry is about.
        var routePerson = endpoint.StartsWith("/api/people/{id}", StringComparison.Ordinal) ? context.Request.RouteValues["id"] as string : null;
        return EnqueueAsync(caller?.KeyId, caller?.KeyName, caller?.Role.Word(), caller?.PersonId, context.Request.Method,
            "/" + endpoint.TrimStart('/'), context.Request.Path.Value ?? "", relationships, routePerson, cancellationToken);
    }

    /// <summary>Records a scheduled report sent to its schedule's webhook.</summary>
    public ValueTask RecordDeliveryAsync(string scheduleId, string reportId, IEnumerable<RelationshipKey> relationships,
        CancellationToken cancellationToken) =>
        EnqueueAsync(null, $"schedule {scheduleId}", ScheduleRole, null, "POST", "webhook", $"/api/reports/{reportId}", relationships, null,
            cancellationToken);

    /// <summary>The caller work the service does of itself (an expiry, an event sent to a webhook) is recorded for.</summary>
    public const string BackgroundRole = "background";

    /// <summary>
    /// Records what the service did of itself, without a caller: <paramref name="actor"/> (e.g. <c>introduction expiry</c>,
    /// <c>introductions webhook</c>) as the key's name, <paramref name="endpoint"/> what it did, <paramref name="path"/> what about.
    /// </summary>
    public ValueTask RecordBackgroundAsync(string actor, string endpoint, string path, IEnumerable<RelationshipKey> relationships,
        CancellationToken cancellationToken) =>
        EnqueueAsync(null, actor, BackgroundRole, null, "POST", endpoint, path, relationships, null, cancellationToken);

    /// <summary>Waits until every entry recorded before the call is written.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        long target;
        lock (progress) target = enqueued;
        while (true)
        {
            Task wrote;
            lock (progress)
            {
                if (written >= target) return;
                wrote = wroteSome.Task;
            }
            await wrote.WaitAsync(cancellationToken);
        }
    }

    private async ValueTask EnqueueAsync(string? keyId, string? keyName, string? role, string? personId, string method, string endpoint,
        string path, IEnumerable<RelationshipKey> relationships, string? routePerson, CancellationToken cancellationToken)
    {
        var shown = relationships.Distinct().ToList();
        var people = shown.SelectMany(r => new[] { r.OurPersonId, r.TheirPersonId })
            .Append(personId).Append(routePerson).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var entry = new Entry(Guid.NewGuid().ToString("N"), clock.GetUtcNow(), keyId, keyName, role, personId, method, endpoint, path,
            shown.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList(), people);
        await room.WaitAsync(cancellationToken);
        // Numbered in the order they enter the queue, so a flush knows when everything before it is written.
        lock (progress) pending.Writer.TryWrite((entry, ++enqueued));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(Entry Entry, long Sequence)>(BatchSize);
        try
        {
            var full = false;
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                // A moment for others to join, unless the last batch was full (more are waiting).
                if (!full) await Task.Delay(FlushInterval, stoppingToken);
                while (batch.Count < BatchSize && pending.Reader.TryRead(out var item)) batch.Add(item);
                full = batch.Count == BatchSize;
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: what is read and what is still pending is written before the service goes.
        while (pending.Reader.TryRead(out var item)) batch.Add(item);
        foreach (var chunk in batch.Chunk(BatchSize)) await WriteAsync(chunk.ToList(), CancellationToken.None, stopping: true);
    }

    private async Task WriteAsync(List<(Entry Entry, long Sequence)> batch, CancellationToken cancellationToken, bool stopping = false)
    {
        if (batch.Count == 0) return;
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await graph.WriteAsync(Record, new { entries = batch.Select(b => b.Entry).ToList() }, CancellationToken.None);
                break;
            }
            catch (Exception e)
            {
                // Kept, not dropped: Neo4j is away for a while (or refused the batch: logged, and tried again). When stopping, only so long.
                if (stopping && attempt >= 5)
                {
                    logger.LogError(e, "Audit: {Count} entries could not be written before the service stopped", batch.Count);
                    return;
                }
                logger.LogWarning("Audit: writing {Count} entries failed ({Message}); trying again in {Delay}", batch.Count, e.Message, delay);
                try
                {
                    await Task.Delay(delay, stopping ? CancellationToken.None : cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    stopping = true;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
        room.Release(batch.Count);
        lock (progress)
        {
            written = Math.Max(written, batch.Max(b => b.Sequence));
            var done = wroteSome;
            wroteSome = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
        }
    }
}
