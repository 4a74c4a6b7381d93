using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Relationships;

/// <summary>One of our people knows one of theirs. Fields left out keep what is stored (defaults when new).</summary>
public sealed record RelationshipRequest(
    string? OurPersonId,
    string? TheirPersonId,
    double? Strength = null,
    DateOnly? Since = null,
    RelationshipSource? Source = null,
    string? OwnerId = null,
    Visibility? Visibility = null) : IHasExample<RelationshipRequest>, IValidatable
{
    public static RelationshipRequest Example => new("p-sam-ae", "p-dana", 0.7, new DateOnly(2021, 4, 1), RelationshipSource.Crm,
        "p-sam-ae", Charter.Visibility.Team);

    public Validation Validate() => new Validation()
        .Id("ourPersonId", OurPersonId)
        .Id("theirPersonId", TheirPersonId)
        .Range("strength", Strength, 0, 1)
        .Id("ownerId", OwnerId, required: false);
}

/// <summary>
/// What a write of one relationship did. <c>relationship</c> is the stored relationship as the writer may see it, or
/// null where the charter hides it from them (an integration key writing a team relationship, say): the write happened,
/// and the answer shows nothing the writer may not read.
/// </summary>
public sealed record RelationshipWriteResponse(string OurPersonId, string TheirPersonId, bool Created, RelationshipResponse? Relationship)
    : IHasExample<RelationshipWriteResponse>
{
    public static RelationshipWriteResponse Example => new("p-sam-ae", "p-dana", true, RelationshipResponse.Example);
}
