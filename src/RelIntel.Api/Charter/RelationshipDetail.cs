using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Charter;

/// <summary>A person as answers name them (see <c>charter.personRef</c>).</summary>
public sealed record PersonRef(string Id, string Name);

/// <summary>Where we learned of a relationship.</summary>
public enum RelationshipSource
{
    Crm,
    Email,
    Calendar,
    Event,
    Manual,
}

/// <summary>Interactions of one kind counted for a relationship, and the weight the charter gives each (before decay).</summary>
public sealed record KindFactor(long Counted, double Weight);

/// <summary>
/// Where a learned strength comes from, kind by kind: meetings (from calendars or the CRM), calls, emails (from
/// mailboxes or the CRM) and events, each counted and weighed as the charter's <c>interactionWeights</c> say. Counts
/// start with the interactions recorded since per-kind counting (interactions counted earlier are in
/// <c>interactionsCounted</c> only).
/// </summary>
public sealed record InteractionFactors(KindFactor Meetings, KindFactor Calls, KindFactor Emails, KindFactor Events);

/// <summary>
/// How strong a relationship is, factor by factor, evaluated at <c>asOf</c>. A ranking score in [0, 1], not a
/// probability: <c>value</c> is the declared strength when there is one, else the learned one,
/// <c>learned = 1 − exp(−interactionScore)</c> where <c>interactionScore</c> sums each interaction's kind weight halved
/// every <c>halfLifeDays</c> of its age (<c>byKind</c>: how many of each kind, and its weight). <c>stale</c>: not refreshed for more than <c>staleAfterDays</c>.
/// </summary>
public sealed record StrengthResponse(
    double Value,
    string Basis,
    double? Declared,
    double Learned,
    double InteractionScore,
    long InteractionsCounted,
    InteractionFactors ByKind,
    DateTimeOffset? LastInteractionAt,
    bool Stale,
    int StaleAfterDays,
    double HalfLifeDays,
    DateTimeOffset AsOf);

/// <summary>
/// One of our people knows one of theirs, in detail: only ever built from <c>charter.relationship(k)</c>, which is null
/// for a caller the charter hides it from.
/// </summary>
public sealed record RelationshipResponse(
    PersonRef OurPerson,
    PersonRef TheirPerson,
    Visibility Visibility,
    string OwnerId,
    RelationshipSource Source,
    DateOnly? Since,
    StrengthResponse Strength,
    DateTimeOffset? TheirPersonLeftAt = null) : IHasExample<RelationshipResponse>
{
    public static RelationshipResponse Example => new(new PersonRef("p-sam-ae", "Sam Ortiz"), new PersonRef("p-dana", "Dana Whitfield"),
        Visibility.Team, "p-sam-ae", RelationshipSource.Crm, new DateOnly(2021, 4, 1),
        new StrengthResponse(0.7, "declared", 0.7, 0.393469, 0.5, 1,
            new InteractionFactors(new KindFactor(1, 1.0), new KindFactor(0, 0.5), new KindFactor(0, 0.2), new KindFactor(0, 0.6)), new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), false, 180, 90,
            new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)));

    /// <summary>The relationship by its two ends, as the audit names it.</summary>
    public RelationshipKey Key => new(OurPerson.Id, TheirPerson.Id);
}
