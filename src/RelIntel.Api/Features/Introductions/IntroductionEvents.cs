using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Introductions;

/// <summary>
/// An introduction event as the introductions webhook receives it: which event, its outbox entry (the same on a repeat),
/// and the request as it stands when sent (<see cref="IntroductionEventSubject"/>).
/// </summary>
public sealed record IntroductionEvent(string Event, string DeliveryId, DateTimeOffset SentAt, IntroductionEventSubject Introduction);

/// <summary>
/// An introduction request in an event: ids, state and dates, its people as every seller may see them under today's
/// charter (null where the charter hides them: do-not-contact, erased), never the note or the reason of a decline.
/// </summary>
public sealed record IntroductionEventSubject(
    string Id,
    IntroductionState State,
    PersonRef? Requester,
    PersonRef? Introducer,
    PersonRef? Target,
    string? OpportunityId,
    IntroductionShare? Share,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? MetAt)
{
    public IReadOnlyCollection<RelationshipKey> Shown =>
        Introducer is { } introducer && Target is { } target ? [new RelationshipKey(introducer.Id, target.Id)] : [];
}

/// <summary>
/// Introduction events through the shared outbox: <c>introduction.requested</c>, <c>.accepted</c>, <c>.declined</c>,
/// <c>.expired</c> and <c>.met</c>, to <c>Webhooks:IntroductionsUrl</c> (none configured: none are made). Entries carry
/// the request's id only; the event is rendered when sent, through today's charter for the report audience (every
/// seller), and audited as read by the introductions webhook.
/// </summary>
public sealed class IntroductionEvents(IGraph graph, CharterStore charters, AuditLog audit, IOptions<WebhookOptions> webhooks,
    IOptions<JsonOptions> json, TimeProvider clock) : IOutboxRenderer
{
    public const string Prefix = "introduction.";

    /// <summary>The caller the audit records an event's sending for.</summary>
    public const string Actor = "introductions webhook";

    private static readonly CypherQuery Event = Cypher.Load("introductions/event");

    private sealed record EventRow(IntroductionEventSubject? Introduction);

    /// <summary>The event kind telling of a request that moved to <paramref name="state"/>; null for a state no event tells of (withdrawn).</summary>
    public static string? KindOf(IntroductionState state) => state switch
    {
        IntroductionState.Requested or IntroductionState.Accepted or IntroductionState.Declined or IntroductionState.Expired
            or IntroductionState.Met => Prefix + state.Word(),
        _ => null,
    };

    /// <summary>Puts the events of requests that moved to <paramref name="state"/> in the outbox, in the transaction of the change.</summary>
    public static Task EnqueueAsync(IGraphTransaction tx, WebhookOptions options, IntroductionState state, IReadOnlyCollection<string> ids,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        options.IntroductionsWebhook is { } url && KindOf(state) is { } kind
            ? Outbox.EnqueueAsync(tx, kind, ids, url, now, cancellationToken)
            : Task.CompletedTask;

    public bool Renders(string kind) => kind.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<RenderedEntry?> RenderAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var audience = Viewer.ReportAudience(await charters.GetAsync(cancellationToken), now);
        if ((await graph.For(audience).ReadAsync(Event, new { id = entry.SubjectId }, cancellationToken)).SingleOrDefault<EventRow>()
            is not { Introduction: { } introduction }) return null;
        // What leaves for the webhook is read: audited, before it leaves, as the introduction it is about.
        await audit.RecordBackgroundAsync(Actor, "webhook", $"/api/introductions/{introduction.Id}", introduction.Shown, cancellationToken);
        var body = JsonSerializer.Serialize(new IntroductionEvent(entry.Kind, entry.Id, now, introduction), json.Value.SerializerOptions);
        return new RenderedEntry(new WebhookMessage(body, new Dictionary<string, string> { ["X-RelIntel-Introduction-Id"] = introduction.Id }),
            webhooks.Value.IntroductionsWebhook);
    }
}
