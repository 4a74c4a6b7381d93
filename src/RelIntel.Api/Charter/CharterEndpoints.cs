using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Charter;

public sealed record InteractionWeightsBody(double? Meeting, double? Event, double? Call, double? Email);

/// <summary>The charter's rules, all given (interaction weights may be left out: they keep what is in force).</summary>
public sealed record CharterRequest(
    Visibility? DefaultVisibility,
    bool? IntroductionsAllowed,
    double? LearnedStrengthHalfLifeDays,
    int? StaleAfterDays,
    bool? ManagersSeeReportsPrivate,
    InteractionWeightsBody? InteractionWeights = null) : IHasExample<CharterRequest>, IValidatable
{
    public static CharterRequest Example => new(Visibility.Team, true, 90, 180, false, new InteractionWeightsBody(1.0, 0.6, 0.5, 0.2));

    public Validation Validate()
    {
        var validation = new Validation()
            .Required("defaultVisibility", DefaultVisibility)
            .Required("introductionsAllowed", IntroductionsAllowed)
            .Required("learnedStrengthHalfLifeDays", LearnedStrengthHalfLifeDays)
            .Range("learnedStrengthHalfLifeDays", LearnedStrengthHalfLifeDays, 1, 3650)
            .Required("staleAfterDays", StaleAfterDays)
            .Range("staleAfterDays", StaleAfterDays, 1, 3650)
            .Required("managersSeeReportsPrivate", ManagersSeeReportsPrivate);
        if (InteractionWeights is { } w)
        {
            validation.Range("interactionWeights.meeting", w.Meeting, 0, 10).Range("interactionWeights.event", w.Event, 0, 10)
                .Range("interactionWeights.call", w.Call, 0, 10).Range("interactionWeights.email", w.Email, 0, 10);
        }
        return validation;
    }

    public CharterOptions ToOptions(CharterOptions current) => new()
    {
        DefaultVisibility = DefaultVisibility!.Value,
        IntroductionsAllowed = IntroductionsAllowed!.Value,
        LearnedStrengthHalfLifeDays = LearnedStrengthHalfLifeDays!.Value,
        StaleAfterDays = StaleAfterDays!.Value,
        ManagersSeeReportsPrivate = ManagersSeeReportsPrivate!.Value,
        InteractionWeights = new InteractionWeights
        {
            Meeting = InteractionWeights?.Meeting ?? current.InteractionWeights.Meeting,
            Event = InteractionWeights?.Event ?? current.InteractionWeights.Event,
            Call = InteractionWeights?.Call ?? current.InteractionWeights.Call,
            Email = InteractionWeights?.Email ?? current.InteractionWeights.Email,
        },
    };
}

/// <summary>The charter in force, and whether it is stored or comes from configuration.</summary>
public sealed record CharterResponse(
    Visibility DefaultVisibility,
    bool IntroductionsAllowed,
    double LearnedStrengthHalfLifeDays,
    int StaleAfterDays,
    bool ManagersSeeReportsPrivate,
    InteractionWeightsBody InteractionWeights,
    string Source,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt)
{
    public static CharterResponse From(StoredCharter charter)
    {
        var o = charter.Options;
        return new CharterResponse(o.DefaultVisibility, o.IntroductionsAllowed, o.LearnedStrengthHalfLifeDays, o.StaleAfterDays,
            o.ManagersSeeReportsPrivate,
            new InteractionWeightsBody(o.InteractionWeights.Meeting, o.InteractionWeights.Event, o.InteractionWeights.Call, o.InteractionWeights.Email),
            charter.Stored ? "stored" : "configuration", charter.UpdatedBy, charter.UpdatedAt);
    }
}

/// <summary>The relationship-management charter: the rules every read enforces (admins only).</summary>
public static class CharterEndpoints
{
    public static RouteGroupBuilder MapCharter(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/charter").WithTags("Charter").RequireAuthorization(Policies.Admin);
        group.MapGet("/", async (CharterStore charter, CancellationToken cancellationToken) =>
                TypedResults.Ok(CharterResponse.From(await charter.CurrentAsync(cancellationToken))))
            .WithName("getCharter")
            .WithSummary("The charter in force");
        group.MapPut("/", PutAsync)
            .WithName("replaceCharter")
            .WithSummary("Replace the charter")
            .WithDescription("defaultVisibility (private, team, company) of relationships sent without one; introductionsAllowed: " +
                             "whether relationships hidden from a caller may serve as introduction routes; " +
                             "learnedStrengthHalfLifeDays and staleAfterDays (1–3650); managersSeeReportsPrivate; interactionWeights " +
                             "(0–10, optional). Applies to every instance within a few seconds.");
        group.MapDelete("/", async (CharterStore charter, CancellationToken cancellationToken) =>
            {
                await charter.ResetAsync(cancellationToken);
                return TypedResults.Ok(CharterResponse.From(await charter.CurrentAsync(cancellationToken)));
            })
            .WithName("resetCharter")
            .WithSummary("Go back to the configured charter")
            .WithDescription("Drops the stored charter; the Charter configuration section applies again.");
        return group;
    }

    private static async Task<Results<Ok<CharterResponse>, ValidationProblem>> PutAsync(
        CharterRequest request, HttpContext context, CharterStore charter, TimeProvider clock, CancellationToken cancellationToken)
    {
        var current = await charter.GetAsync(cancellationToken);
        var saved = await charter.SaveAsync(request.ToOptions(current), Caller.From(context.User)?.KeyName ?? "unknown",
            clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(CharterResponse.From(saved));
    }
}
