using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Interactions;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Interactions;

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
        var interaction = new InteractionToRecord(request.Id!, request.At!.Value, kind, participantIds);
        // It changes our relationships to the others only: answers at their accounts (the answer cache keeps the rest).
        using var scope = WriteScope.OfCounterparts(participantIds);
        // The check and the writes share one transaction, so a participant erased in between cannot half-record it.
        var outcome = await graph.ExecuteWriteAsync(async tx =>
        {
            if (await InteractionRecording.FirstMissingAsync(tx, participantIds, viewer, cancellationToken) is { } missing)
                return (MissingPosition: (int?)missing, Recorded: (RecordedInteraction?)null);
            return (null, await InteractionRecording.RecordAsync(tx, interaction, viewer, caller.Writer, null, cancellationToken));
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
}
