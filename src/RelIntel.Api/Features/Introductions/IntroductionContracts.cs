using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Introductions;

/// <summary>Where an introduction request stands. States move only forward: requested, then one of the others; accepted, then met.</summary>
public enum IntroductionState
{
    Requested,
    Accepted,
    Declined,
    Withdrawn,
    Expired,
    Met,
}

/// <summary>What the introducer shares with the requester on accepting: the route only, its strength too, or the relationship in detail.</summary>
public enum IntroductionShare
{
    Route,
    Strength,
    Relationship,
}

/// <summary>Which side of the requests the caller lists: those they made, those addressed to them, those they approve.</summary>
public enum IntroductionRole
{
    Requester,
    Introducer,
    Approver,
}

/// <summary>Ask one of our people (the introducer) for an introduction to one of theirs (the target).</summary>
public sealed record IntroductionRequest(string? TargetId, string? IntroducerId, string? OpportunityId = null, string? Note = null)
    : IHasExample<IntroductionRequest>, IValidatable
{
    public const int MaxNoteLength = 500;

    public static IntroductionRequest Example => new("p-lee-okafor", "p-victor-lang", "opp-globex-automation",
        "We meet Globex's operations team next week; Lee decides on the plant budget.");

    public Validation Validate() => new Validation()
        .Id("targetId", TargetId)
        .Id("introducerId", IntroducerId)
        .Id("opportunityId", OpportunityId, required: false)
        .Text("note", Note, MaxNoteLength);
}

/// <summary>The introducer's yes, and what they share with the requester.</summary>
public sealed record AcceptIntroductionRequest(IntroductionShare? Share) : IHasExample<AcceptIntroductionRequest>, IValidatable
{
    public static AcceptIntroductionRequest Example => new(IntroductionShare.Strength);

    public Validation Validate() => new Validation().Required("share", Share);
}

/// <summary>The introducer's no, with a reason or none.</summary>
public sealed record DeclineIntroductionRequest(string? Reason) : IHasExample<DeclineIntroductionRequest>, IValidatable
{
    public const int MaxReasonLength = 500;

    public static DeclineIntroductionRequest Example => new("I have not spoken to Lee in two years; ask Dana in finance instead.");

    public Validation Validate() => new Validation().Text("reason", Reason, MaxReasonLength);
}

/// <summary>
/// An introduction request as its parties see it. <c>share</c> is set once the introducer accepted; <c>reason</c> only
/// where the introducer gave one on declining. Nothing about the introducer's relationship itself: after acceptance it
/// shows, as shared, in the answers that show relationships (paths, recommendations, plans, reports).
/// </summary>
public sealed record IntroductionResponse(
    string Id,
    IntroductionState State,
    PersonRef? Requester,
    PersonRef? Introducer,
    PersonRef? Target,
    string? OpportunityId,
    string? Note,
    IntroductionShare? Share,
    string? Reason,
    bool ApprovalRequired,
    bool AwaitingApproval,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? MetAt)
{
    /// <summary>The relationship the request is about, for the audit (as an introduction, never in detail).</summary>
    public IReadOnlyCollection<RelationshipKey> Shown =>
        Introducer is { } introducer && Target is { } target ? [new RelationshipKey(introducer.Id, target.Id)] : [];
}

/// <summary>How one introducer answers the requests addressed to them (admins).</summary>
public sealed record IntroducerStats(PersonRef Introducer, int Received, int Accepted, int Declined, int Met, double? MedianHoursToAnswer);
