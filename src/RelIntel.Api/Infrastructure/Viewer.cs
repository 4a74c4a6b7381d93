using RelIntel.Api.Features.Relationships;
using RelIntel.Neo4j;

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
/// short predicate instead of walking the hierarchy itself. Do-not-contact people are left out unless
/// <c>$viewer.seesDoNotContact</c>: <c>$viewer.seesDoNotContact OR NOT coalesce(p.doNotContact, false)</c>.
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

    /// <summary>Sees only what the charter shows everyone: <c>company</c> relationships.</summary>
    public static Viewer CompanyOnly(bool introductionsAllowed) => new(false, null, [], [], introductionsAllowed, false);

    private static readonly CypherQuery Circle = Cypher.Load("charter/viewer");
    private static readonly object ItemKey = new();

    private sealed record CircleRow(bool Exists, List<string> TeamMates, List<string> Reports);

    /// <summary>
    /// Lets endpoints take a <see cref="Viewer"/> parameter, worked out once per request from the API key:
    /// <c>admin</c> sees everything; <c>integration</c> sees what a company-wide seller sees (<c>company</c> relationships,
    /// no person); <c>seller</c> and <c>manager</c> see their own, <c>company</c> ones, <c>team</c> ones of everyone on a
    /// pursuit team with them and of their reports (transitively, solid and dotted), and — a manager, when the charter
    /// says so — their reports' <c>private</c> ones. No key: nothing but <c>company</c> (never reached under <c>/api</c>).
    /// Do-not-contact people show to admins only.
    /// </summary>
    public static async ValueTask<Viewer?> BindAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var known) && known is Viewer viewer) return viewer;
        viewer = await ResolveAsync(context);
        context.Items[ItemKey] = viewer;
        return viewer;
    }

    private static async Task<Viewer> ResolveAsync(HttpContext context)
    {
        var caller = Caller.From(context.User);
        if (caller?.Role == ApiRole.Admin) return Everything;
        var charter = await context.RequestServices.GetRequiredService<CharterStore>().GetAsync(context.RequestAborted);
        if (caller?.PersonId is not { } personId || caller.Role == ApiRole.Integration) return CompanyOnly(charter.IntroductionsAllowed);

        var graph = context.RequestServices.GetRequiredService<IGraph>();
        var circle = (await graph.RunAsync(Circle, new { personId }, context.RequestAborted)).SingleOrDefault<CircleRow>()!;
        var reports = circle.Reports;
        var teamOwners = circle.TeamMates.Concat(reports).Distinct(StringComparer.Ordinal).ToList();
        var privateOwners = caller.Role == ApiRole.Manager && charter.ManagersSeeReportsPrivate ? reports : [];
        return new Viewer(false, personId, teamOwners, privateOwners, charter.IntroductionsAllowed, false);
    }

    /// <summary>The documented predicate in C#, for answers built outside Cypher (e.g. an interaction's pairs).</summary>
    public bool Sees(Visibility visibility, string ownerId) =>
        SeesAll || visibility == Visibility.Company || ownerId == PersonId ||
        (visibility == Visibility.Team && TeamOwnerIds.Contains(ownerId)) || PrivateOwnerIds.Contains(ownerId);

    public object ToParameter() => new
    {
        all = SeesAll,
        personId = PersonId,
        teamOwnerIds = TeamOwnerIds,
        privateOwnerIds = PrivateOwnerIds,
        introductions = IntroductionsAllowed,
        seesDoNotContact = SeesDoNotContact,
    };
}
