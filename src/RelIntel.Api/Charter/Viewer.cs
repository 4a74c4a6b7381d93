using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Charter;

/// <summary>
/// Who is asking, as the charter sees them, under the charter in force when they ask: which relationships they may see
/// in detail, whether hidden ones may still serve as introduction routes, whether do-not-contact people show to them,
/// and the moment at which strength and staleness are evaluated.
/// </summary>
/// <remarks>
/// Statements receive it as two parameters and decide with the rules in <c>cypher/charter/rules/</c>, never with rules of
/// their own: <c>$viewer</c> (who) and <c>$charter</c> (when, and the half-life and staleness of the charter), which
/// only <see cref="ViewerGraph"/> gives, to every statement that uses them. The owner-id lists are worked out once per request (pursuit team-mates,
/// reports), so every statement uses the same short predicate instead of walking the hierarchy itself.
/// </remarks>
/// <param name="SeesAll">Admins see every relationship.</param>
/// <param name="PersonId">The one of our people the caller acts as, if any.</param>
/// <param name="TeamOwnerIds">Owners whose <c>team</c> relationships the caller sees: team-mates and reports.</param>
/// <param name="PrivateOwnerIds">Owners whose <c>private</c> relationships the caller sees (a manager's reports, when the charter says so).</param>
/// <param name="SeesDoNotContact">Whether do-not-contact people show to the caller at all (admins only).</param>
/// <param name="Charter">The charter in force for this request.</param>
/// <param name="Now">The moment strength and staleness are evaluated at.</param>
/// <param name="Shared">Relationships their owners shared with the caller by accepting the caller's introduction requests.</param>
/// <param name="Pending">The caller's introduction requests still waiting for an answer.</param>
public sealed record Viewer(
    bool SeesAll,
    string? PersonId,
    IReadOnlyList<string> TeamOwnerIds,
    IReadOnlyList<string> PrivateOwnerIds,
    bool SeesDoNotContact,
    CharterOptions Charter,
    DateTimeOffset Now,
    IReadOnlyList<SharedRelationship>? Shared = null,
    IReadOnlyList<PendingIntroduction>? Pending = null)
{
    /// <summary>An admin: every relationship in detail, do-not-contact people too (though never as reachable targets).</summary>
    public static Viewer Everything(CharterOptions charter, DateTimeOffset now) => new(true, null, [], [], true, charter, now);

    /// <summary>
    /// What the charter shows every one of our people: <c>company</c> relationships in detail, hidden ones only as
    /// introduction routes where the charter allows them. Integration keys see this, and stored reports are written for
    /// this audience (<see cref="ReportAudience"/>), so a report never leaks a private or team relationship.
    /// </summary>
    public static Viewer CompanyWide(CharterOptions charter, DateTimeOffset now) => new(false, null, [], [], false, charter, now);

    /// <summary>Who stored and scheduled reports are written for: every seller. The one place this audience is defined.</summary>
    public static Viewer ReportAudience(CharterOptions charter, DateTimeOffset now) => CompanyWide(charter, now);

    public bool IntroductionsAllowed => Charter.IntroductionsAllowed;

    /// <summary>
    /// The same viewer at the start of the current minute: recommendations and power maps are evaluated there, so every
    /// request within a minute shares one moment and a cached answer is exactly what a fresh computation gives.
    /// </summary>
    public Viewer AtWholeMinute() => this with { Now = new DateTimeOffset(Now.Ticks - Now.Ticks % TimeSpan.TicksPerMinute, Now.Offset) };

    private static readonly CypherQuery Circle = Cypher.Load("charter/viewer");
    private static readonly object ItemKey = new();

    private sealed record CircleRow(bool Exists, List<string> TeamMates, List<string> Reports, List<SharedRelationship>? Shared,
        List<PendingIntroduction>? Pending);

    /// <summary>
    /// Lets endpoints take a <see cref="Viewer"/> parameter, worked out once per request from the API key:
    /// <c>admin</c> sees everything; <c>integration</c> sees what a company-wide seller sees (<c>company</c> relationships,
    /// no person); <c>seller</c> and <c>manager</c> see their own, <c>company</c> ones, <c>team</c> ones of everyone on a
    /// pursuit team with them and of their reports (transitively, solid and dotted), and — a manager, when the charter
    /// says so — their reports' <c>private</c> ones. Do-not-contact people show to admins only.
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
        var services = context.RequestServices;
        var charter = await services.GetRequiredService<CharterStore>().GetAsync(context.RequestAborted);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var caller = Caller.From(context.User);
        if (caller?.Role == ApiRole.Admin) return Everything(charter, now);
        if (caller?.PersonId is not { } personId || caller.Role == ApiRole.Integration) return CompanyWide(charter, now);

        var graph = services.GetRequiredService<IGraph>();
        var circle = (await graph.ReadAsync(Circle, new { personId, now }, context.RequestAborted)).SingleOrDefault<CircleRow>()!;
        var reports = circle.Reports;
        var teamOwners = circle.TeamMates.Concat(reports).Distinct(StringComparer.Ordinal).ToList();
        var privateOwners = caller.Role == ApiRole.Manager && charter.ManagersSeeReportsPrivate ? reports : [];
        return new Viewer(false, personId, teamOwners, privateOwners, false, charter, now, circle.Shared ?? [], circle.Pending ?? []);
    }
}

/// <summary>
/// A relationship (our <paramref name="OurId"/> knows their <paramref name="TheirId"/>) its owner shared with the viewer
/// by accepting the viewer's introduction request: <paramref name="Share"/> is <c>route</c>, <c>strength</c> or
/// <c>relationship</c> (charter.introduced).
/// </summary>
public sealed record SharedRelationship(string OurId, string TheirId, string Share);

/// <summary>The viewer's introduction request to be introduced by <paramref name="OurId"/> to <paramref name="TheirId"/>, waiting since <paramref name="Since"/>.</summary>
public sealed record PendingIntroduction(string OurId, string TheirId, DateTimeOffset Since);
