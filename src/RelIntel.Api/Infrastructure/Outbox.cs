using Microsoft.Extensions.Options;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>One entry of the outbox: what (<see cref="Kind"/>) about which subject, where to if fixed when it was made.</summary>
public sealed record OutboxEntry(string Id, string Kind, string SubjectId, Uri? Url, DateTimeOffset CreatedAt);

/// <summary>What a renderer makes of an entry when it is sent: the message, and where it goes where the entry does not say.</summary>
public sealed record RenderedEntry(WebhookMessage Message, Uri? Url);

/// <summary>
/// Turns the outbox entries of some kinds into what is sent, when it is sent: read through today's charter (as the
/// kind's audience sees it), and audited as read. Null: nothing to send (the subject is gone), the entry is dropped.
/// Features register theirs; the outbox knows none of them.
/// </summary>
public interface IOutboxRenderer
{
    bool Renders(string kind);

    Task<RenderedEntry?> RenderAsync(OutboxEntry entry, CancellationToken cancellationToken);
}

/// <summary>Background work a feature wants done every look of the outbox worker, before it sends (e.g. an expiry that tells of itself).</summary>
public interface IBackgroundSweep
{
    string Name { get; }

    Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// The one outbox of webhook deliveries (reports, introduction events): an entry is written in the transaction of the
/// change it tells of (<see cref="EnqueueAsync"/>), then claimed (a lease), rendered, sent and recorded. An instance that
/// dies anywhere in between leaves the entry pending, and whichever instance looks next (<see cref="DeliverPendingAsync"/>)
/// sends it: at least once, never lost, and once at a time across instances; a repeat carries the same
/// <c>X-RelIntel-Delivery-Id</c>, so the receiver can drop it. A round that fails in a way worth retrying stays pending and
/// is tried again once the lease has passed, until <see cref="WebhookOptions.GiveUpAfter"/> after the entry was made.
/// </summary>
/// <remarks>Stored as <c>(:OutboxEntry {id, kind, subjectId, url, state, createdAt, leaseOwner, leaseUntil})</c> with
/// <c>(:DeliveryAttempt)-[:OF]-&gt;(:OutboxEntry)</c> for each attempt.</remarks>
public sealed class Outbox(
    IGraph graph,
    IEnumerable<IOutboxRenderer> renderers,
    WebhookSender sender,
    ApiMetrics metrics,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<Outbox> logger)
{
    private static readonly CypherQuery Enqueue = Cypher.Load("outbox/enqueue");
    private static readonly CypherQuery Pending = Cypher.Load("outbox/pending");
    private static readonly CypherQuery Claim = Cypher.Load("outbox/claim");
    private static readonly CypherQuery Record = Cypher.Load("outbox/record");
    private static readonly CypherQuery Forget = Cypher.Load("outbox/forget");

    /// <summary>Pending entries one look sends at most; the rest wait for the next look.</summary>
    private const int Batch = 50;

    /// <summary>This instance's name in leases.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Where an entry's delivery stands.</summary>
    public enum State
    {
        Pending,
        Delivered,
        Failed,
        Dropped,
    }

    /// <summary>Puts one entry per subject in the outbox, in the caller's transaction; <paramref name="url"/> null: the renderer says.</summary>
    public static async Task EnqueueAsync(IGraphTransaction tx, string kind, IReadOnlyCollection<string> subjectIds, Uri? url,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (subjectIds.Count == 0) return;
        await tx.RunAsync(Enqueue, new { kind, subjectIds, url = url?.ToString(), now }, cancellationToken);
    }

    /// <summary>Deletes the entries about subjects that are gone, in the caller's transaction.</summary>
    public static Task<QueryResult> ForgetAsync(IGraphTransaction tx, IReadOnlyCollection<string> subjectIds, CancellationToken cancellationToken) =>
        tx.RunAsync(Forget, new { subjectIds }, cancellationToken);

    private sealed record PendingRow(long Pending, List<string> Ids);

    private sealed record ClaimRow(bool Claimed, string Id, string Kind, string SubjectId, string? Url, DateTimeOffset CreatedAt);

    /// <summary>
    /// Sends the pending entries that no instance holds (new ones, ones left by an instance that died, ones waiting for their
    /// next round); answers how many were sent (delivered or not).
    /// </summary>
    public async Task<int> DeliverPendingAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var _ = GraphSession.Begin(new GraphSession());
        var row = (await graph.ReadAsync(Pending, new { now, limit = Batch }, cancellationToken)).SingleOrDefault<PendingRow>()!;
        metrics.PendingDeliveries(row.Pending);
        var sent = 0;
        foreach (var id in row.Ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await DeliverAsync(id, now, cancellationToken)) sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One entry's trouble must not stop the others; it stays pending and is tried again once its lease ends.
                logger.LogError(e, "Outbox entry {EntryId} could not be sent", id);
            }
        }
        return sent;
    }

    /// <summary>Claims one entry and sends it; false when it is not pending or another instance holds it.</summary>
    public async Task<bool> DeliverAsync(string entryId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var claim = (await graph.WriteAsync(Claim, new { id = entryId, instance = Instance, now, leaseUntil = now + settings.LeaseDuration },
            cancellationToken)).SingleOrDefault<ClaimRow>();
        if (claim is not { Claimed: true }) return false;
        var entry = new OutboxEntry(claim.Id, claim.Kind, claim.SubjectId,
            Uri.TryCreate(claim.Url, UriKind.Absolute, out var fixedUrl) ? fixedUrl : null, claim.CreatedAt);
        using var activity = Telemetry.Source.StartActivity("webhook delivery")?
            .SetTag("relintel.outbox.id", entry.Id).SetTag("relintel.outbox.kind", entry.Kind);
        // Rendered (read through today's charter, and audited) only now: a person marked do-not-contact since is not named.
        var rendered = renderers.FirstOrDefault(r => r.Renders(entry.Kind)) is { } renderer
            ? await renderer.RenderAsync(entry, cancellationToken)
            : null;
        if (rendered is null || (entry.Url ?? rendered.Url) is not { } url)
        {
            await RecordAsync(entry, [], State.Dropped, CancellationToken.None);
            return false;
        }
        var attempts = (await sender.DeliverAsync(entry, rendered.Message, url, cancellationToken)).ToList();
        var state = Outcome(attempts, entry, clock.GetUtcNow());
        // Given up: the last attempt was the last.
        if (state == State.Failed && attempts.Count > 0 && attempts[^1].Outcome == DeliveryOutcome.Retrying)
            attempts[^1] = attempts[^1] with { Outcome = DeliveryOutcome.Failed };
        foreach (var attempt in attempts) metrics.WebhookAttempt(attempt.Outcome.Word());
        metrics.WebhookDelivery(state.Word());
        activity?.SetTag("relintel.delivery.outcome", state.Word()).SetTag("relintel.delivery.attempts", attempts.Count);
        // Recorded even when the caller is being cancelled: the attempts happened.
        await RecordAsync(entry, attempts, state, CancellationToken.None);
        return true;
    }

    private State Outcome(List<DeliveryAttempt> attempts, OutboxEntry entry, DateTimeOffset now) =>
        attempts.Count > 0 && attempts[^1].Outcome == DeliveryOutcome.Delivered ? State.Delivered
        : attempts.Count > 0 && attempts[^1].Outcome == DeliveryOutcome.Retrying && now < entry.CreatedAt + options.Value.GiveUpAfter
            ? State.Pending
            : State.Failed;

    private async Task RecordAsync(OutboxEntry entry, IReadOnlyList<DeliveryAttempt> attempts, State state, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await graph.WriteAsync(Record, new
        {
            id = entry.Id,
            attempts,
            state = state.Word(),
            retryAt = now + options.Value.LeaseDuration,
            now,
        }, cancellationToken);
    }
}
