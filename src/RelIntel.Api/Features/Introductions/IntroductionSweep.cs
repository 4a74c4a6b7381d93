using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Introductions;

/// <summary>
/// The introductions' background work, run by the outbox worker at every look (and, the expiry, before any step that
/// depends on a request's state): requests unanswered by their expiry are stored as <c>expired</c>, audited as changed by
/// <c>introduction expiry</c>, and told of (<c>introduction.expired</c>); meetings recorded with interactions are told of
/// (<c>introduction.met</c>). Reads never write: they see an expired request as expired already (introductions.state).
/// </summary>
public sealed class IntroductionSweep(IGraph graph, AuditLog audit, IOptions<WebhookOptions> webhooks) : IBackgroundSweep
{
    /// <summary>The caller the audit records an expiry for.</summary>
    public const string Actor = "introduction expiry";

    private static readonly CypherQuery Expire = Cypher.Load("introductions/expire");
    private static readonly CypherQuery ToldMet = Cypher.Load("introductions/told-met");

    /// <summary>A request the sweep moved, and the relationship it is about (for the audit).</summary>
    public sealed record Moved(string Id, string IntroducerId, string TargetId)
    {
        public RelationshipKey Key => new(IntroducerId, TargetId);
    }

    public string Name => "Introductions";

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (expired, met) = await graph.ExecuteWriteAsync(async tx =>
        {
            var expired = await ExpireAsync(tx, webhooks.Value, now, cancellationToken);
            var met = (await tx.RunAsync(ToldMet, null, cancellationToken)).As<Moved>().ToList();
            await IntroductionEvents.EnqueueAsync(tx, webhooks.Value, IntroductionState.Met, met.Select(m => m.Id).ToList(), now, cancellationToken);
            return (expired, met);
        }, cancellationToken);
        await AuditAsync(audit, expired, cancellationToken);
        return expired.Count + met.Count;
    }

    /// <summary>Stores the requests expired at <paramref name="now"/> as such and puts their events in the outbox, in <paramref name="tx"/>.</summary>
    public static async Task<IReadOnlyList<Moved>> ExpireAsync(IGraphTransaction tx, WebhookOptions webhooks, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var expired = (await tx.RunAsync(Expire, new { now }, cancellationToken)).As<Moved>().ToList();
        await IntroductionEvents.EnqueueAsync(tx, webhooks, IntroductionState.Expired, expired.Select(x => x.Id).ToList(), now, cancellationToken);
        return expired;
    }

    /// <summary>Every expiry is a state change, audited as one (once its transaction committed).</summary>
    public static async Task AuditAsync(AuditLog audit, IReadOnlyList<Moved> expired, CancellationToken cancellationToken)
    {
        foreach (var x in expired)
            await audit.RecordBackgroundAsync(Actor, "expiry", $"/api/introductions/{x.Id}", [x.Key], cancellationToken);
    }
}

public static class IntroductionsSetup
{
    /// <summary>The introductions' events (through the shared outbox) and their background sweep.</summary>
    public static IServiceCollection AddIntroductions(this IServiceCollection services)
    {
        services.AddSingleton<IOutboxRenderer, IntroductionEvents>();
        services.AddSingleton<IBackgroundSweep, IntroductionSweep>();
        return services;
    }
}
