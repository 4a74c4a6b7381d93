using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Interactions;

public enum InteractionKind
{
    Meeting,
    Call,
    Email,
    Event,
}

/// <summary>A meeting, call, email or event between people, as a calendar, mailbox or CRM reports it.</summary>
public sealed record InteractionRequest(string? Id, DateTimeOffset? At, InteractionKind? Kind, IReadOnlyList<string?>? ParticipantIds)
    : IHasExample<InteractionRequest>
{
    public const int MinParticipants = 2;
    public const int MaxParticipants = 100;

    public static InteractionRequest Example => new("cal-2026-05-12-globex-review", new DateTimeOffset(2026, 5, 12, 14, 0, 0, TimeSpan.Zero),
        InteractionKind.Meeting, ["p-sam-ae", "p-dana"]);

    public Validation Validate(DateTimeOffset now)
    {
        var validation = new Validation().Id("id", Id).Required("at", At).Required("kind", Kind);
        // A future interaction has not happened: it must not strengthen anything yet.
        if (At > now) validation.Add("at", "Must not be in the future.");
        if (ParticipantIds is null)
        {
            validation.Add("participantIds", "Required.");
            return validation;
        }
        if (ParticipantIds.Count is < MinParticipants or > MaxParticipants)
            validation.Add("participantIds", $"Must list between {MinParticipants} and {MaxParticipants} people.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ParticipantIds.Count; i++)
        {
            validation.Id($"participantIds[{i}]", ParticipantIds[i]);
            if (ParticipantIds[i] is { } participant && !seen.Add(participant)) validation.Add($"participantIds[{i}]", "Listed twice.");
        }
        return validation;
    }
}

/// <summary>The interaction as stored, and the relationships it counts toward with their strength now.</summary>
public sealed record InteractionResponse(
    string Id,
    DateTimeOffset At,
    InteractionKind Kind,
    IReadOnlyList<string> ParticipantIds,
    IReadOnlyList<RelationshipResponse> Pairs);

/// <summary>Interactions between our people and theirs, from which relationship strength is learned.</summary>
public static class InteractionsEndpoints
{
    private static readonly CypherQuery Participants = Cypher.Load("interactions/participants");
    private static readonly CypherQuery Record = Cypher.Load("interactions/record");

    public static RouteGroupBuilder MapInteractions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/interactions").WithTags("Relationships");
        group.MapPost("/", PostAsync)
            .WithName("recordInteraction").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Record an interaction")
            .WithDescription("Idempotent by id: 201 when new, 200 with the stored interaction when it was recorded before (it " +
                             "counts once). Adds the interaction's weight by kind, decayed by its age, to every pair of one of " +
                             "our people and one of theirs among the participants, creating the relationship where absent. The answer lists the pairs " +
                             "the caller may see. Seller and manager keys record interactions they took part in.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private sealed record ParticipantsRow(bool InteractionExists, List<int> MissingPositions);

    private sealed record StoredInteraction(string Id, DateTimeOffset At, InteractionKind Kind, List<string> ParticipantIds);

    private sealed record RecordRow(bool Created, StoredInteraction Interaction, List<RelationshipRow> Pairs);

    /// <summary>Either the first unknown participant's position or what was recorded.</summary>
    private sealed record Outcome(int? MissingPosition, RecordRow? Recorded);

    private static async Task<Results<Created<InteractionResponse>, Ok<InteractionResponse>, ValidationProblem, ProblemHttpResult>> PostAsync(
        InteractionRequest request, HttpContext context, Viewer viewer, IGraph graph, CharterStore charters, AuditLog audit,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.Validate(now).Problem() is { } problem) return problem;
        // Sellers and managers record interactions they took part in.
        if (Caller.From(context.User)?.RestrictedTo is { } caller && !request.ParticipantIds!.Contains(caller))
            return Access.Forbidden("participantIds", "This API key acts as one of our people, who must be among the participants.");
        var charter = await charters.GetAsync(cancellationToken);

        var kind = request.Kind!.Value;
        var parameters = new
        {
            request.Id,
            at = request.At!.Value,
            kind = kind.Word(),
            participantIds = request.ParticipantIds!,
            now,
            token = Guid.NewGuid().ToString("N"),
            weight = Weight(charter.InteractionWeights, kind),
            halfLifeDays = charter.LearnedStrengthHalfLifeDays,
            source = SourceOf(kind).Word(),
            defaultVisibility = charter.DefaultVisibility.Word(),
        };
        // The check and the writes share one transaction, so a participant erased in between cannot half-record it.
        var outcome = await graph.InTransactionAsync(async tx =>
        {
            var participants = (await tx.RunAsync(Participants, parameters, cancellationToken)).SingleOrDefault<ParticipantsRow>()!;
            if (!participants.InteractionExists && participants.MissingPositions.Count > 0)
                return new Outcome(participants.MissingPositions[0], null);
            return new Outcome(null, (await tx.RunAsync(Record, parameters, cancellationToken)).SingleOrDefault<RecordRow>());
        }, cancellationToken);

        if (outcome.MissingPosition is { } position)
            return Problems.NotFound("Person", $"participantIds[{position}]", request.ParticipantIds![position]!);

        var recorded = outcome.Recorded!;
        var stored = recorded.Interaction;
        // The answer shows the pairs the caller may see (another participant's private relationship stays private).
        var pairs = recorded.Pairs.Where(p => viewer.Sees(p.Visibility, p.OwnerId)).Select(p => Strength.Evaluate(p, charter, now)).ToList();
        await audit.RecordAsync(context, pairs.Select(p => new RelationshipKey(p.OurPerson.Id, p.TheirPerson.Id)).ToList(), cancellationToken);
        var response = new InteractionResponse(stored.Id, stored.At, stored.Kind, stored.ParticipantIds, pairs);
        return recorded.Created
            ? TypedResults.Created($"/api/interactions/{Uri.EscapeDataString(stored.Id)}", response)
            : TypedResults.Ok(response);
    }

    private static double Weight(InteractionWeights weights, InteractionKind kind) => kind switch
    {
        InteractionKind.Meeting => weights.Meeting,
        InteractionKind.Call => weights.Call,
        InteractionKind.Email => weights.Email,
        InteractionKind.Event => weights.Event,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Where a relationship first seen in an interaction came from: meetings from calendars, emails from mailboxes,
    /// calls and events as the CRM logged them.</summary>
    private static RelationshipSource SourceOf(InteractionKind kind) => kind switch
    {
        InteractionKind.Meeting => RelationshipSource.Calendar,
        InteractionKind.Email => RelationshipSource.Email,
        _ => RelationshipSource.Crm,
    };
}
