namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Who is asking, as the charter sees them: which relationships they may see in detail, and whether hidden ones may
/// still serve as introduction routes.
/// </summary>
/// <remarks>
/// Queries receive it as <c>$viewer</c> (see <see cref="ToParameter"/>) and decide per KNOWS line <c>k</c>:
/// <code>
/// $viewer.all OR k.visibility = 'company' OR k.ownerId = $viewer.personId
///   OR (k.visibility = 'team' AND k.ownerId IN $viewer.teamOwnerIds) OR k.ownerId IN $viewer.privateOwnerIds
/// </code>
/// The owner-id lists are worked out once per request (pursuit team-mates, reports), so every query uses the same
/// short predicate instead of walking the hierarchy itself.
/// </remarks>
/// <param name="SeesAll">Admins see every relationship.</param>
/// <param name="PersonId">The one of our people the caller acts as, if any.</param>
/// <param name="TeamOwnerIds">Owners whose <c>team</c> relationships the caller sees: team-mates and reports.</param>
/// <param name="PrivateOwnerIds">Owners whose <c>private</c> relationships the caller sees (a manager's reports, when the charter says so).</param>
/// <param name="IntroductionsAllowed">Whether a hidden relationship may appear as "ask its owner for an introduction".</param>
/// <param name="SeesDoNotContact">Whether do-not-contact people show in org-chart listings (admins only).</param>
public sealed record Viewer(
    bool SeesAll,
    string? PersonId,
    IReadOnlyList<string> TeamOwnerIds,
    IReadOnlyList<string> PrivateOwnerIds,
    bool IntroductionsAllowed,
    bool SeesDoNotContact)
{
    /// <summary>Sees every relationship in detail.</summary>
    public static Viewer Everything { get; } = new(true, null, [], [], true, true);

    /// <summary>
    /// Lets endpoints take a <see cref="Viewer"/> parameter. Until callers are identified (API keys), everyone is
    /// treated as seeing everything.
    /// </summary>
    public static ValueTask<Viewer?> BindAsync(HttpContext context) => ValueTask.FromResult<Viewer?>(Everything);

    public object ToParameter() => new
    {
        all = SeesAll,
        personId = PersonId,
        teamOwnerIds = TeamOwnerIds,
        privateOwnerIds = PrivateOwnerIds,
        introductions = IntroductionsAllowed,
    };
}
