using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Organizations;

public enum OrganizationKind
{
    Own,
    Customer,
    Partner,
    Competitor,
}

/// <summary>An organization as a CRM sends it. <c>kind: own</c> is our own company.</summary>
public sealed record OrganizationRequest(string? Name, OrganizationKind? Kind, string? Domain = null, string? Industry = null)
    : IHasExample<OrganizationRequest>, IValidatable
{
    public static OrganizationRequest Example => new("Globex Corporation", OrganizationKind.Customer, "globex.example", "Manufacturing");

    public Validation Validate() => new Validation()
        .Text("name", Name, Validation.MaxNameLength, required: true)
        .Required("kind", Kind)
        .Text("domain", Domain, 253)
        .Text("industry", Industry, Validation.MaxNameLength);
}

public sealed record OrganizationResponse(
    string Id,
    string Name,
    OrganizationKind Kind,
    string? Domain,
    string? Industry,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IHasExample<OrganizationResponse>
{
    public static OrganizationResponse Example => new("acct-globex", "Globex Corporation", OrganizationKind.Customer,
        "globex.example", "Manufacturing", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
}
