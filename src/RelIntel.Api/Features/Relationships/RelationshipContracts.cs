using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Relationships;

/// <summary>Who may see a relationship in detail: its owner only, the owner's team, or all of our company.</summary>
public enum Visibility
{
    Private,
    Team,
    Company,
}

/// <summary>Where we learned of a relationship.</summary>
public enum RelationshipSource
{
    Crm,
    Email,
    Calendar,
    Event,
    Manual,
}

/// <summary>One of our people knows one of theirs. Fields left out keep what is stored (defaults when new).</summary>
public sealed record RelationshipRequest(
    string? OurPersonId,
    string? TheirPersonId,
    double? Strength = null,
    DateOnly? Since = null,
    RelationshipSource? Source = null,
    string? OwnerId = null,
    Visibility? Visibility = null) : IHasExample<RelationshipRequest>
{
    public static RelationshipRequest Example => new("p-sam-ae", "p-dana", 0.7, new DateOnly(2021, 4, 1), RelationshipSource.Crm,
        "p-sam-ae", Relationships.Visibility.Team);

    public Validation Validate() => new Validation()
        .Id("ourPersonId", OurPersonId)
        .Id("theirPersonId", TheirPersonId)
        .Range("strength", Strength, 0, 1)
        .Id("ownerId", OwnerId, required: false);
}

public sealed record PersonRef(string Id, string Name);

/// <summary>
/// How strong a relationship is, factor by factor. A ranking score in [0, 1], not a probability:
/// <c>value</c> is the declared strength when there is one, else the learned one,
/// <c>learned = 1 − exp(−interactionScore)</c> where <c>interactionScore</c> sums each interaction's kind weight halved
/// every <c>halfLifeDays</c> of its age at <c>asOf</c>.
/// </summary>
public sealed record StrengthResponse(
    double Value,
    string Basis,
    double? Declared,
    double Learned,
    double InteractionScore,
    long InteractionsCounted,
    DateTimeOffset? LastInteractionAt,
    bool Stale,
    int StaleAfterDays,
    double HalfLifeDays,
    DateTimeOffset AsOf);

public sealed record RelationshipResponse(
    PersonRef OurPerson,
    PersonRef TheirPerson,
    Visibility Visibility,
    string OwnerId,
    RelationshipSource Source,
    DateOnly? Since,
    StrengthResponse Strength) : IHasExample<RelationshipResponse>
{
    public static RelationshipResponse Example => new(new PersonRef("p-sam-ae", "Sam Ortiz"), new PersonRef("p-dana", "Dana Whitfield"),
        Relationships.Visibility.Team, "p-sam-ae", RelationshipSource.Crm, new DateOnly(2021, 4, 1),
        new StrengthResponse(0.7, "declared", 0.7, 0.393469, 0.5, 1, new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), false, 180, 90,
            new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)));
}

/// <summary>A KNOWS relationship as stored: <c>interactionScoreSum</c> is the interaction score decayed to <c>scoreAsOf</c>.</summary>
public sealed record RelationshipRow(
    PersonRef OurPerson,
    PersonRef TheirPerson,
    Visibility Visibility,
    string OwnerId,
    RelationshipSource Source,
    DateOnly? Since,
    double? DeclaredStrength,
    double? InteractionScoreSum,
    DateTimeOffset? ScoreAsOf,
    long? InteractionCount,
    DateTimeOffset? LastInteractionAt,
    DateTimeOffset UpdatedAt);

/// <summary>Evaluates a stored relationship's strength at read time, so learned strength decays with the clock.</summary>
public static class Strength
{
    private const double MillisecondsPerDay = 86_400_000d;

    public static RelationshipResponse Evaluate(RelationshipRow row, CharterOptions charter, DateTimeOffset now)
    {
        var halfLife = charter.LearnedStrengthHalfLifeDays;
        // The stored sum was decayed to scoreAsOf when last written; carry it on to now the same way.
        var score = row.InteractionScoreSum is { } sum && row.ScoreAsOf is { } asOf
            ? sum * Math.Pow(0.5, AgeDays(asOf, now) / halfLife)
            : 0d;
        var learned = 1 - Math.Exp(-score);
        // Refreshed by the last interaction; without any, by the last change to the declaration.
        var refreshedAt = row.LastInteractionAt ?? row.UpdatedAt;
        var strength = new StrengthResponse(
            Value: Round(row.DeclaredStrength ?? learned),
            Basis: row.DeclaredStrength is null ? "learned" : "declared",
            Declared: row.DeclaredStrength,
            Learned: Round(learned),
            InteractionScore: Round(score),
            InteractionsCounted: row.InteractionCount ?? 0,
            LastInteractionAt: row.LastInteractionAt,
            Stale: AgeDays(refreshedAt, now) > charter.StaleAfterDays,
            StaleAfterDays: charter.StaleAfterDays,
            HalfLifeDays: halfLife,
            AsOf: now);
        return new RelationshipResponse(row.OurPerson, row.TheirPerson, row.Visibility, row.OwnerId, row.Source, row.Since, strength);
    }

    private static double AgeDays(DateTimeOffset from, DateTimeOffset now) => Math.Max(0, (now - from).TotalMilliseconds / MillisecondsPerDay);

    // Six decimals keep answers readable and stable across platforms' last-bit differences.
    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
