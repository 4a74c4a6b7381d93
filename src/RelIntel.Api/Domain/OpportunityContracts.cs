using System.Text.RegularExpressions;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Domain;

/// <summary>Where a deal is. The two <c>closed-*</c> stages end it; every other stage counts as open.</summary>
public enum OpportunityStage
{
    Prospecting,
    Qualification,
    Proposal,
    Negotiation,
    ClosedWon,
    ClosedLost,
}

/// <summary>How far one BANT criterion is qualified, the same words for budget, authority, need and timing.</summary>
public enum BantStatus
{
    Unknown,
    Identified,
    Confirmed,
    Missing,
}

/// <summary>A formal buying role (see the product brief): a member may hold several.</summary>
public enum BuyingRole
{
    Approver,
    Decider,
    Gatekeeper,
    Influencer,
    Buyer,
    User,
}

public enum Attitude
{
    Champion,
    Supporter,
    Neutral,
    Skeptic,
    Opponent,
}

public enum TeamRole
{
    AccountExecutive,
    SolutionEngineer,
    ExecutiveSponsor,
    CustomerSuccess,
    Other,
}

/// <summary>One BANT criterion: a status word and an optional note.</summary>
public sealed record Bant(BantStatus? Status, string? Note = null)
{
    public void Validate(string field, Validation validation)
    {
        validation.Required($"{field}.status", Status);
        validation.Text($"{field}.note", Note, Validation.MaxTextLength);
    }
}

/// <summary>An opportunity as a CRM sends it: a deal at one organization other than our own.</summary>
public sealed partial record OpportunityRequest(
    string? Name,
    string? OrganizationId,
    OpportunityStage? Stage,
    decimal? Amount = null,
    string? Currency = null,
    DateOnly? CloseDate = null,
    Bant? Budget = null,
    Bant? Authority = null,
    Bant? Need = null,
    Bant? Timing = null) : IHasExample<OpportunityRequest>, IValidatable
{
    public static OpportunityRequest Example => new("Globex plant automation", "acct-globex", OpportunityStage.Proposal,
        1_200_000m, "EUR", new DateOnly(2026, 9, 30),
        new Bant(BantStatus.Confirmed, "Capex approved for FY26"), new Bant(BantStatus.Identified, "CFO signs above 1M"),
        new Bant(BantStatus.Confirmed), new Bant(BantStatus.Unknown));

    [GeneratedRegex(@"^[A-Z]{3}\z")]
    private static partial Regex CurrencyPattern();

    public Validation Validate()
    {
        var validation = new Validation()
            .Text("name", Name, Validation.MaxNameLength, required: true)
            .Id("organizationId", OrganizationId)
            .Required("stage", Stage);
        if (Amount is < 0) validation.Add("amount", "Must be 0 or more.");
        if (Currency is not null && !CurrencyPattern().IsMatch(Currency))
            validation.Add("currency", "Must be an ISO 4217 code: three uppercase letters, e.g. EUR.");
        Budget?.Validate("budget", validation);
        Authority?.Validate("authority", validation);
        Need?.Validate("need", validation);
        Timing?.Validate("timing", validation);
        return validation;
    }
}

public sealed record BuyingCenterMemberResponse(
    string PersonId,
    string Name,
    string OrganizationId,
    IReadOnlyList<BuyingRole> Roles,
    Attitude Attitude,
    int Influence,
    bool Coach,
    string? FavorsCompetitorId) : IHasExample<BuyingCenterMemberResponse>
{
    public static BuyingCenterMemberResponse Example => new("p-dana", "Dana Whitfield", "acct-globex",
        [BuyingRole.Decider, BuyingRole.User], Attitude.Supporter, 4, true, null);
}

public sealed record TeamMemberResponse(string PersonId, string Name, TeamRole Role) : IHasExample<TeamMemberResponse>
{
    public static TeamMemberResponse Example => new("p-alex", "Alex Moreno", TeamRole.AccountExecutive);
}

public sealed record OpportunityResponse(
    string Id,
    string Name,
    string OrganizationId,
    OpportunityStage Stage,
    decimal? Amount,
    string? Currency,
    DateOnly? CloseDate,
    Bant? Budget,
    Bant? Authority,
    Bant? Need,
    Bant? Timing,
    IReadOnlyList<BuyingCenterMemberResponse> BuyingCenter,
    IReadOnlyList<TeamMemberResponse> Team,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IHasExample<OpportunityResponse>
{
    public static OpportunityResponse Example
    {
        get
        {
            var request = OpportunityRequest.Example;
            return new("opp-globex-automation", request.Name!, request.OrganizationId!, request.Stage!.Value, request.Amount,
                request.Currency, request.CloseDate, request.Budget, request.Authority, request.Need, request.Timing,
                [BuyingCenterMemberResponse.Example], [TeamMemberResponse.Example],
                new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        }
    }
}

/// <summary>A customer person's part in one opportunity's buying center.</summary>
public sealed record BuyingCenterRequest(
    IReadOnlyList<BuyingRole>? Roles,
    Attitude? Attitude,
    int? Influence = null,
    bool? Coach = null,
    string? FavorsCompetitorId = null) : IHasExample<BuyingCenterRequest>, IValidatable
{
    public const int DefaultInfluence = 3;

    public static BuyingCenterRequest Example => new([BuyingRole.Decider, BuyingRole.User], Domain.Attitude.Supporter, 4, true);

    public Validation Validate()
    {
        var validation = new Validation();
        if (Roles is null || Roles.Count == 0) validation.Add("roles", "Required: one to six of the buying roles.");
        else if (Roles.Distinct().Count() != Roles.Count) validation.Add("roles", "Each role at most once.");
        validation.Required("attitude", Attitude);
        validation.Range("influence", Influence, 1, 5);
        validation.Id("favorsCompetitorId", FavorsCompetitorId, required: false);
        return validation;
    }
}

/// <summary>One of our people on the pursuit team, with their sales role.</summary>
public sealed record TeamRequest(TeamRole? Role) : IHasExample<TeamRequest>, IValidatable
{
    public static TeamRequest Example => new(TeamRole.AccountExecutive);

    public Validation Validate() => new Validation().Required("role", Role);
}
