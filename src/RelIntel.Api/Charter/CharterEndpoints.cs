using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Charter;

public sealed record InteractionWeightsBody(double? Meeting, double? Event, double? Call, double? Email);

/// <summary>The charter's capture rules: opted-out people (ids), blocked mail domains, visibility of what capture learns.</summary>
public sealed record CaptureBody(IReadOnlyList<string?>? OptedOutPersonIds, IReadOnlyList<string?>? BlockedDomains, Visibility? Visibility)
{
    public const int MaxEntries = 1000;

    public static CaptureBody From(CaptureOptions o) => new(o.OptedOutPersonIds, o.BlockedDomains, o.Visibility);

    public void Validate(Validation validation)
    {
        if (OptedOutPersonIds is { } ids)
        {
            if (ids.Count > MaxEntries) validation.Add("capture.optedOutPersonIds", $"At most {MaxEntries}.");
            for (var i = 0; i < ids.Count; i++) validation.Id($"capture.optedOutPersonIds[{i}]", ids[i]);
        }
        if (BlockedDomains is not { } domains) return;
        if (domains.Count > MaxEntries) validation.Add("capture.blockedDomains", $"At most {MaxEntries}.");
        for (var i = 0; i < domains.Count; i++)
        {
            if (!IsDomain(domains[i])) validation.Add($"capture.blockedDomains[{i}]", "Must be a mail domain such as gmail.com (no @).");
        }
    }

    private static bool IsDomain(string? domain) =>
        domain is { Length: > 0 and <= 253 } && !domain.Contains('@') && Uri.CheckHostName(domain) == UriHostNameType.Dns;

    /// <summary>What is given replaces what is in force; what is left out keeps it. Domains are kept lower-case.</summary>
    public CaptureOptions ToOptions(CaptureOptions current) => new()
    {
        OptedOutPersonIds = OptedOutPersonIds?.Select(id => id!).Distinct(StringComparer.Ordinal).ToList() ?? current.OptedOutPersonIds,
        BlockedDomains = BlockedDomains?.Select(d => d!.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList() ?? current.BlockedDomains,
        Visibility = Visibility ?? current.Visibility,
    };
}

/// <summary>The charter's rules for introduction requests; parts left out keep what is in force.</summary>
public sealed record IntroductionsBody(int? ExpiryDays, int? MaxOpenPerRequester, bool? ManagerApprovalRequired)
{
    public static IntroductionsBody From(IntroductionOptions o) => new(o.ExpiryDays, o.MaxOpenPerRequester, o.ManagerApprovalRequired);

    public void Validate(Validation validation) => validation
        .Range("introductions.expiryDays", ExpiryDays, 1, 365)
        .Range("introductions.maxOpenPerRequester", MaxOpenPerRequester, 1, 1000);

    public IntroductionOptions ToOptions(IntroductionOptions current) => new()
    {
        ExpiryDays = ExpiryDays ?? current.ExpiryDays,
        MaxOpenPerRequester = MaxOpenPerRequester ?? current.MaxOpenPerRequester,
        ManagerApprovalRequired = ManagerApprovalRequired ?? current.ManagerApprovalRequired,
    };
}

/// <summary>The charter's rules, all given (interaction weights may be left out: they keep what is in force).</summary>
public sealed record CharterRequest(
    Visibility? DefaultVisibility,
    bool? IntroductionsAllowed,
    double? LearnedStrengthHalfLifeDays,
    int? StaleAfterDays,
    bool? ManagersSeeReportsPrivate,
    InteractionWeightsBody? InteractionWeights = null,
    CaptureBody? Capture = null,
    IntroductionsBody? Introductions = null) : IHasExample<CharterRequest>, IValidatable
{
    public static CharterRequest Example => new(Visibility.Team, true, 90, 180, false, new InteractionWeightsBody(1.0, 0.6, 0.5, 0.2),
        new CaptureBody(["p-kim-legal"], ["gmail.com"], Visibility.Private), new IntroductionsBody(14, 20, false));

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
        Capture?.Validate(validation);
        Introductions?.Validate(validation);
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
        Capture = Capture?.ToOptions(current.Capture) ?? current.Capture,
        Introductions = Introductions?.ToOptions(current.Introductions) ?? current.Introductions,
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
    CaptureBody Capture,
    IntroductionsBody Introductions,
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
            CaptureBody.From(o.Capture), IntroductionsBody.From(o.Introductions), charter.Stored ? "stored" : "configuration", charter.UpdatedBy, charter.UpdatedAt);
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
            .WithDescription(MergePatch.PutCharterSemantics + " defaultVisibility (private, team, company) of relationships sent without one; introductionsAllowed: " +
                             "whether relationships hidden from a caller may serve as introduction routes; " +
                             "learnedStrengthHalfLifeDays and staleAfterDays (1–3650); managersSeeReportsPrivate; interactionWeights " +
                             "(0–10, optional); capture (optional, parts left out keep what is in force): optedOutPersonIds (our people whose " +
                             "mail and meetings are not read), blockedDomains (mail domains ignored by imports), visibility of " +
                             "relationships learned from capture (default private); introductions (optional, parts left out keep what is in force): " +
                             "expiryDays (1–365, default 14), maxOpenPerRequester (1–1000, default 20), managerApprovalRequired " +
                             "(default false). Applies to every instance within a few seconds.");
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
