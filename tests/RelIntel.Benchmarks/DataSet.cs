namespace RelIntel.Benchmarks;

// The records below are the API's request bodies as JSON (camelCase, nulls left out, words as the API spells them).

public sealed record OrganizationBody(string Name, string Kind, string? Domain = null, string? Industry = null);

public sealed record ChartPerson(string Id, string Name, string Title, string Email, string Department, string Seniority,
    string? ManagerId, IReadOnlyList<string>? DottedManagerIds);

public sealed record OrgChartBody(string Mode, IReadOnlyList<ChartPerson> People);

public sealed record RelationshipBody(string OurPersonId, string TheirPersonId, double? Strength, string Since, string Source,
    string Visibility);

public sealed record InfluenceBody(string FromId, string ToId, double Strength, string Kind);

public sealed record RapportBody(string PersonId, string OtherId, string Sentiment);

public sealed record BantBody(string Status);

public sealed record OpportunityBody(string Name, string OrganizationId, string Stage, decimal Amount, string Currency, string CloseDate,
    BantBody Budget, BantBody Authority, BantBody Need, BantBody Timing);

public sealed record BuyingCenterBody(IReadOnlyList<string> Roles, string Attitude, int Influence, bool Coach, string? FavorsCompetitorId);

public sealed record TeamBody(string Role);

public sealed record InteractionBody(string Id, DateTimeOffset At, string Kind, IReadOnlyList<string> ParticipantIds);

public sealed record Organization(string Id, OrganizationBody Body, IReadOnlyList<ChartPerson> People);

public sealed record BuyingCenterMember(string PersonId, BuyingCenterBody Body);

public sealed record TeamMember(string PersonId, TeamBody Body);

public sealed record Opportunity(string Id, OpportunityBody Body, IReadOnlyList<BuyingCenterMember> BuyingCenter, IReadOnlyList<TeamMember> Team);

/// <summary>Everything the benchmark loads, generated from one seed.</summary>
public sealed record DataSet(
    Organization Own,
    IReadOnlyList<Organization> Customers,
    IReadOnlyList<Organization> Competitors,
    IReadOnlyList<RelationshipBody> Relationships,
    IReadOnlyList<InfluenceBody> Influences,
    IReadOnlyList<RapportBody> Rapport,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<InteractionBody> Interactions)
{
    public int People => Own.People.Count + Customers.Sum(c => c.People.Count);

    public int ReportingLines => new[] { Own }.Concat(Customers).SelectMany(o => o.People)
        .Sum(p => (p.ManagerId is null ? 0 : 1) + (p.DottedManagerIds?.Count ?? 0));

    public int BuyingCenterMembers => Opportunities.Sum(o => o.BuyingCenter.Count);

    public int TeamMembers => Opportunities.Sum(o => o.Team.Count);
}
