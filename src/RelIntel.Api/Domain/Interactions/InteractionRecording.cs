using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Domain.Interactions;

public enum InteractionKind
{
    Meeting,
    Call,
    Email,
    Event,
}

/// <summary>One interaction to record, its participants already known as people ids.</summary>
public sealed record InteractionToRecord(string Id, DateTimeOffset At, InteractionKind Kind, IReadOnlyList<string> ParticipantIds);

/// <summary>
/// What recording did: <c>Created</c> when the id was new; <c>Same</c> false when the id is stored for another interaction
/// (nothing was written); the participants' relationships as the viewer may see them.
/// </summary>
public sealed record RecordedInteraction(bool Created, bool Same, List<RelationshipResponse> Pairs);

/// <summary>How relationships first seen in an interaction start: where they were learned and who may see them.</summary>
public sealed record NewRelationships(RelationshipSource Source, Visibility Visibility);

/// <summary>
/// The rules of recording an interaction, written once for every way one arrives (<c>POST /api/interactions</c>, imports
/// of calendars and mailboxes): idempotency by id, a stored id with another interaction refused, each ours × theirs pair
/// counted once by someone who may write it, its kind's weight decayed by its age added to the pair's relationship.
/// </summary>
public static class InteractionRecording
{
    private static readonly CypherQuery Participants = Cypher.Load("interactions/participants");
    private static readonly CypherQuery Record = Cypher.Load("interactions/record");

    private sealed record ParticipantsRow(List<int> MissingPositions);

    /// <summary>The position of the first participant id naming no one the viewer may see (unknown or do-not-contact), if any.</summary>
    public static async Task<int?> FirstMissingAsync(IGraphTransaction tx, IReadOnlyList<string> participantIds, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var row = (await tx.RunAsync(Participants, new { participantIds }, cancellationToken))
            .SingleOrDefault<ParticipantsRow>()!;
        return row.MissingPositions.Count > 0 ? row.MissingPositions[0] : null;
    }

    /// <summary>
    /// Records <paramref name="interaction"/> in <paramref name="tx"/>. <paramref name="writer"/>: the person a seller or
    /// manager key acts as (only their own pairs count), null for admin and integration keys. <paramref name="fresh"/>:
    /// how new relationships start; null: as the charter says for the kind.
    /// </summary>
    public static async Task<RecordedInteraction> RecordAsync(IGraphTransaction tx, InteractionToRecord interaction, Viewer viewer,
        string? writer, NewRelationships? fresh, CancellationToken cancellationToken)
    {
        var visibility = fresh?.Visibility ?? viewer.Charter.DefaultVisibility;
        var row = (await RunAsync(tx, [interaction], viewer, writer, visibility, fresh?.Source, withPairs: true, cancellationToken)).Single();
        return new RecordedInteraction(row.Created, row.Same, row.Pairs);
    }

    /// <summary>
    /// Records many interactions in one statement of <paramref name="tx"/> (imports: a batch of a mailbox), by the same
    /// rules as <see cref="RecordAsync"/>; each new relationship starts with its kind's source and
    /// <paramref name="visibility"/>. The answer: per id, whether it was new and whether it was the same.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (bool Created, bool Same)>> RecordManyAsync(IGraphTransaction tx,
        IReadOnlyCollection<InteractionToRecord> interactions, Viewer viewer, string? writer, Visibility visibility, CancellationToken cancellationToken)
    {
        if (interactions.Count == 0) return new Dictionary<string, (bool, bool)>();
        var rows = await RunAsync(tx, interactions, viewer, writer, visibility, null, withPairs: false, cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.Created, r.Same), StringComparer.Ordinal);
    }

    private sealed record RecordRow(string Id, bool Created, bool Same, List<RelationshipResponse> Pairs);

    private static async Task<List<RecordRow>> RunAsync(IGraphTransaction tx, IEnumerable<InteractionToRecord> interactions, Viewer viewer,
        string? writer, Visibility visibility, RelationshipSource? source, bool withPairs, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            // In id order, distinct: concurrent recordings lock interactions in one order, and one id is one row.
            interactions = interactions.DistinctBy(i => i.Id).OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new
            {
                i.Id,
                at = i.At,
                kind = i.Kind.Word(),
                participantIds = i.ParticipantIds,
                sortedParticipantIds = i.ParticipantIds.Order(StringComparer.Ordinal).ToList(),
                weight = Weight(viewer.Charter.InteractionWeights, i.Kind),
                source = (source ?? SourceOf(i.Kind)).Word(),
            }).ToList(),
            now = viewer.Now,
            token = Guid.NewGuid().ToString("N"),
            defaultVisibility = visibility.Word(),
            writer,
            withPairs,
        };
        return (await tx.RunAsync(Record, parameters, cancellationToken)).As<RecordRow>().ToList();
    }

    public static double Weight(InteractionWeights weights, InteractionKind kind) => kind switch
    {
        InteractionKind.Meeting => weights.Meeting,
        InteractionKind.Call => weights.Call,
        InteractionKind.Email => weights.Email,
        InteractionKind.Event => weights.Event,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Where a relationship first seen in an interaction came from: meetings from calendars, emails from mailboxes,
    /// calls and events as the CRM logged them.</summary>
    public static RelationshipSource SourceOf(InteractionKind kind) => kind switch
    {
        InteractionKind.Meeting => RelationshipSource.Calendar,
        InteractionKind.Email => RelationshipSource.Email,
        _ => RelationshipSource.Crm,
    };
}
