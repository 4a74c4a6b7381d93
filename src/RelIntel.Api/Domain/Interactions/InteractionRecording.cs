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
    private static readonly CypherQuery IntroductionsMet = Cypher.Load("interactions/introductions-met");

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
        fresh ??= new NewRelationships(SourceOf(interaction.Kind), viewer.Charter.DefaultVisibility);
        var parameters = new
        {
            interaction.Id,
            at = interaction.At,
            kind = interaction.Kind.Word(),
            participantIds = interaction.ParticipantIds,
            sortedParticipantIds = interaction.ParticipantIds.Order(StringComparer.Ordinal).ToList(),
            now = viewer.Now,
            token = Guid.NewGuid().ToString("N"),
            weight = Weight(viewer.Charter.InteractionWeights, interaction.Kind),
            source = fresh.Source.Word(),
            defaultVisibility = fresh.Visibility.Word(),
            writer,
        };
        var recorded = (await tx.RunAsync(Record, parameters, cancellationToken)).SingleOrDefault<RecordedInteraction>()!;
        // The meeting closes the loop: an accepted introduction whose requester met its target is met.
        if (recorded.Same) await tx.RunAsync(IntroductionsMet, new { interaction.Id, now = viewer.Now }, cancellationToken);
        return recorded;
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
