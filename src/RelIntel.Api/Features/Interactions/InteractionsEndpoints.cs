using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
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
    : IHasExample<InteractionRequest>, IValidatable
{
    public const int MinParticipants = 2;
    public const int MaxParticipants = 100;

    public static InteractionRequest Example => new("cal-2026-05-12-globex-review", new DateTimeOffset(2026, 5, 12, 14, 0, 0, TimeSpan.Zero),
        InteractionKind.Meeting, ["p-sam-ae", "p-dana"]);

    public Validation Validate()
    {
        var validation = new Validation().Id("id", Id).Required("at", At).Required("kind", Kind);
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

/// <summary>The interaction recorded, and its participants' relationships with their strength now, as the caller may see them.</summary>
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
            .WithName("recordInteraction")
            .WithSummary("Record an interaction")
            .WithDescription("Idempotent by id: 201 when new, 200 when the same interaction (time, kind, participants) was " +
                             "recorded before; another interaction under a stored id is a 409 that says nothing about it. " +
                             "Each pair of one of our people and one of theirs among the participants counts it once: its " +
                             "weight by kind, decayed by its age, is added to the pair's relationship (created where absent). " +
                             "Seller and manager keys record interactions they took part in and count only their own pairs " +
                             "(a colleague's pairs count when the colleague, an admin or an integration records it). A " +
                             "do-not-contact participant is refused to all but admins, as an unknown id is. The answer lists " +
                             "the participants' relationships the caller may see.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    private sealed record ParticipantsRow(List<int> MissingPositions);

    private sealed record RecordRow(bool Created, bool Same, List<RelationshipResponse> Pairs);

    private static async Task<Results<AuditedResult<Created<InteractionResponse>>, AuditedResult<Ok<InteractionResponse>>, ValidationProblem, ProblemHttpResult>> PostAsync(
        InteractionRequest request, Caller caller, ViewerGraph graph, CancellationToken cancellationToken)
    {
        var viewer = graph.Viewer;
        // A future interaction has not happened: it must not strengthen anything yet.
        if (request.At > viewer.Now) return Problems.Invalid("at", "Must not be in the future.");
        var participantIds = request.ParticipantIds!.Select(id => id!).ToList();
        // Sellers and managers record interactions they took part in.
        if (caller.Writer is { } writer && !participantIds.Contains(writer))
            return Access.Forbidden("participantIds", "This API key acts as one of our people, who must be among the participants.");

        var kind = request.Kind!.Value;
        var parameters = new
        {
            request.Id,
            at = request.At!.Value,
            kind = kind.Word(),
            participantIds,
            sortedParticipantIds = participantIds.Order(StringComparer.Ordinal).ToList(),
            now = viewer.Now,
            token = Guid.NewGuid().ToString("N"),
            weight = Weight(viewer.Charter.InteractionWeights, kind),
            source = SourceOf(kind).Word(),
            defaultVisibility = viewer.Charter.DefaultVisibility.Word(),
            writer = caller.Writer,
        };
        // The check and the writes share one transaction, so a participant erased in between cannot half-record it.
        var outcome = await graph.ExecuteWriteAsync(async tx =>
        {
            var participants = (await tx.RunAsync(Participants, parameters, cancellationToken)).SingleOrDefault<ParticipantsRow>()!;
            if (participants.MissingPositions.Count > 0) return (MissingPosition: (int?)participants.MissingPositions[0], Recorded: (RecordRow?)null);
            return (null, (await tx.RunAsync(Record, parameters, cancellationToken)).SingleOrDefault<RecordRow>());
        }, cancellationToken);

        if (outcome.MissingPosition is { } position)
            return Problems.NotFound("Person", $"participantIds[{position}]", participantIds[position]);
        var recorded = outcome.Recorded!;
        if (!recorded.Same)
            return Problems.Conflict("Interaction id already used",
                $"An interaction with id '{request.Id}' is recorded with another time, kind or participants; send a new id for a new interaction.",
                "id");

        var response = new InteractionResponse(request.Id!, request.At!.Value, kind, participantIds, recorded.Pairs);
        var shown = recorded.Pairs.Select(p => p.Key).ToList();
        return recorded.Created
            ? TypedResults.Created($"/api/interactions/{Uri.EscapeDataString(request.Id!)}", response).Audited(shown)
            : TypedResults.Ok(response).Audited(shown);
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
