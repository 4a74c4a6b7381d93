using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Domain;

public enum Seniority
{
    Executive,
    Vp,
    Director,
    Manager,
    Individual,
}

/// <summary>
/// The senior levels: executives, VPs and directors. Coverage's senior reach counts them, and the account's derived facts
/// keep them; the same levels in Cypher are the rule <c>people.senior(p)</c>.
/// </summary>
public static class SeniorLevels
{
    public static readonly IReadOnlySet<Seniority> All = new HashSet<Seniority> { Seniority.Executive, Seniority.Vp, Seniority.Director };

    public static bool Contains(Seniority? seniority) => seniority is { } level && All.Contains(level);

    /// <summary>Whether a seniority as the graph stores it (<c>"vp"</c>) is a senior level.</summary>
    public static bool Contains(string? stored) => Enum.TryParse<Seniority>(stored, ignoreCase: true, out var level) && All.Contains(level);
}

/// <summary>A person as a CRM sends it: someone employed by one organization, ours or theirs.</summary>
public sealed record PersonRequest(
    string? Name,
    string? OrganizationId,
    string? Title = null,
    string? Email = null,
    string? Department = null,
    Seniority? Seniority = null,
    bool? DoNotContact = null,
    string? SamePersonAs = null,
    DateTimeOffset? JoinedAt = null) : IHasExample<PersonRequest>, IValidatable
{
    public static PersonRequest Example => new("Dana Whitfield", "acct-globex", "VP Operations", "dana.whitfield@globex.example",
        "Operations", Domain.Seniority.Vp, false);

    public Validation Validate() => new Validation()
        .Text("name", Name, Validation.MaxNameLength, required: true)
        .Id("organizationId", OrganizationId)
        .Text("title", Title, Validation.MaxNameLength)
        .Email("email", Email)
        .Text("department", Department, Validation.MaxNameLength)
        .Id("samePersonAs", SamePersonAs, required: false);

    /// <summary>A join or move dated in the future is refused: the history records what happened.</summary>
    public Validation Validate(DateTimeOffset now)
    {
        var validation = Validate();
        if (JoinedAt > now) validation.Add("joinedAt", "Must not be in the future.");
        return validation;
    }
}

public sealed record PersonResponse(
    string Id,
    string Name,
    string OrganizationId,
    string? Title,
    string? Email,
    string? Department,
    Seniority? Seniority,
    bool DoNotContact,
    string? ManagerId,
    IReadOnlyList<string> DottedManagerIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LeftAt = null,
    IReadOnlyList<Employment>? Employment = null) : IHasExample<PersonResponse>
{
    public static PersonResponse Example => new("p-dana", "Dana Whitfield", "acct-globex", "VP Operations",
        "dana.whitfield@globex.example", "Operations", Domain.Seniority.Vp, false, "p-ceo", ["p-cfo"],
        new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), null,
        [new Employment("acct-initech", "Director Operations", new DateTimeOffset(2019, 2, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero)),
         new Employment("acct-globex", "VP Operations", new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero), null)]);
}

/// <summary>One job of a person's history: where, as what, from when, until when (null while it lasts).</summary>
public sealed record Employment(string OrganizationId, string? Title, DateTimeOffset From, DateTimeOffset? Until);
