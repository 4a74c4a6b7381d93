using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// A report on one opportunity at one moment, as every seller may see it (company-visible relationships; hidden ones
/// only as introduction routes): the power-map status, coverage of the buying center, gaps, the engagement plan,
/// relationships gone stale and what changed since the previous report of the same opportunity; and, as of the same
/// moment, the qualification, the account's coverage (<c>account</c>) and what its power map picture draws (<c>picture</c>).
/// </summary>
public sealed record ReportResponse(
    string Id,
    string OpportunityId,
    string OpportunityName,
    string OrganizationId,
    OpportunityStage Stage,
    DateTimeOffset GeneratedAt,
    string? ScheduleId,
    DateTimeOffset? Slot,
    PowerMapStatus Status,
    string StatusReason,
    IReadOnlyList<ReportMember> Coverage,
    IReadOnlyList<Gap> Gaps,
    IReadOnlyList<PlanEntry> Plan,
    IReadOnlyList<StaleRelationship> WentStale,
    ReportChanges Changes,
    IReadOnlyList<DeliveryAttempt> Deliveries,
    string ScoreNote,
    QualificationBlock? Qualification = null,
    ReportAccount? Account = null,
    ReportPicture? Picture = null,
    ReportPeopleChanges? PeopleChanges = null) : IHasExample<ReportResponse>
{
    public const string Note = "Coverage and route scores are ranking scores in [0, 1], not probabilities.";

    public static ReportResponse Example => new("rep-3f2a9c", "opp-globex-platform", "Globex analytics platform", "globex",
        OpportunityStage.Proposal, new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), "weekly-globex",
        new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), PowerMapStatus.Amber, "Supportive key players, but no covered supportive Decider or Approver.",
        [new ReportMember(new PersonSummary("globex-whitfield", "Dana Whitfield", "VP Operations"), [BuyingRole.User, BuyingRole.Influencer],
            Attitude.Champion, 4, true, 0.64, 0.7, new ReportRoute("acme-ava>globex-whitfield", 0.7,
                [new PersonRef("acme-ava", "Ava Reyes"), new PersonRef("globex-whitfield", "Dana Whitfield")], "Ava Reyes knows Dana Whitfield (strength 0.7).",
                "acme-ava|globex-whitfield"))],
        [new Gap(GapCode.UncoveredTarget, "No warm path reaches Sam Ito.", "globex-ito")],
        [new PlanEntry(new PersonRef("acme-ava", "Ava Reyes"), new PersonRef("globex-whitfield", "Dana Whitfield"), 0.7, [],
            "Ava Reyes knows Dana Whitfield directly.")],
        [],
        new ReportChanges("rep-1b7e02", new DateTimeOffset(2026, 5, 25, 7, 0, 0, TimeSpan.Zero), new StatusChange(PowerMapStatus.Red, PowerMapStatus.Amber),
            [new CoverageChange(new PersonRef("globex-whitfield", "Dana Whitfield"), 0.3, 0.7)], [], [], [], [], [new Gap(GapCode.NoCoach, "No coach.")]),
        [],
        Note);
}

/// <summary>A buying-center member, how well we cover them and our best route to them.</summary>
public sealed record ReportMember(
    PersonSummary Person,
    IReadOnlyList<BuyingRole> Roles,
    Attitude Attitude,
    int Influence,
    bool Coach,
    double Priority,
    double Coverage,
    ReportRoute? BestRoute,
    string? FavorsCompetitorId = null)
{
    /// <summary>Why the member has their priority, with the stage whose weights applied (absent in reports made before stages counted).</summary>
    public PriorityFactors? PriorityFactors { get; init; }
}

/// <summary>
/// A warm path reduced to who passes the message on: <c>key</c> is the people's ids joined by <c>&gt;</c>, which is how
/// two reports tell whether a route is the same; <c>relationship</c> is the relationship it crosses
/// (<c>ourPersonId|theirPersonId</c>, shown in detail or as an introduction: <c>introduction</c>).
/// </summary>
public sealed record ReportRoute(string Key, double Score, IReadOnlyList<PersonRef> People, string Explanation, string? Relationship = null,
    bool Introduction = false)
{
    public static ReportRoute From(WarmPath path)
    {
        var people = path.Hops.Count == 0 ? [] : new[] { path.Hops[0].From }.Concat(path.Hops.Select(h => h.To)).ToList();
        var crossing = WarmPaths.RelationshipsIn([path]).Select(k => k.ToString()).FirstOrDefault();
        return new ReportRoute(string.Join('>', people.Select(p => p.Id)), path.Score, people, path.Explanation, crossing,
            path.Hops.Any(h => h.Type == HopType.Introduction));
    }
}

/// <summary>
/// One department or division of the account as a report keeps it (see <c>GET /api/organizations/{id}/coverage</c>):
/// counts and scores, and who of ours holds the best way in. It names none of their people (a division goes by its
/// head's title), so erasing one of them, or marking one do-not-contact, leaves the account section as it was.
/// </summary>
public sealed record ReportAccountGroup(
    string Name,
    int People,
    int Known,
    int KnownByIntroductionOnly,
    double? BestScore,
    PersonRef? BestHeldBy,
    int OurPeople,
    bool SingleThreaded,
    int SeniorWithoutRoute,
    int StaleCoverage)
{
    public static ReportAccountGroup From(CoverageGroup group, string name) => new(name, group.People, group.Known,
        group.KnownByIntroductionOnly, group.Best?.Score, group.Best?.HeldBy, group.OurPeopleCount, group.SingleThreaded,
        group.SeniorWithoutRouteCount, group.StaleCoverageCount);
}

/// <summary>The account's coverage as of the report, for every seller: the totals, the score factor by factor, and each group.</summary>
public sealed record ReportAccount(
    string OrganizationId,
    string OrganizationName,
    int People,
    int Known,
    int SeniorPeople,
    int SeniorWithRoute,
    CoverageScore Score,
    IReadOnlyList<ReportAccountGroup> Departments,
    IReadOnlyList<ReportAccountGroup> Divisions)
{
    public static ReportAccount From(AccountCoverageResponse coverage) => new(coverage.OrganizationId, coverage.OrganizationName,
        coverage.People, coverage.Known, coverage.SeniorPeople, coverage.SeniorWithRoute, coverage.Score,
        coverage.Departments.Select(g => ReportAccountGroup.From(g, g.Name)).ToList(),
        coverage.Divisions.Select(g => ReportAccountGroup.From(g, $"division of the {g.Head?.Title ?? "VP"}")).ToList());
}

/// <summary>
/// What the report's power map picture draws besides its members, as of the report: the account's name, the lines
/// among the members, and the members' reporting lines with the managers who connect them (see
/// <c>GET /api/opportunities/{id}/power-map</c> as <c>image/svg+xml</c>).
/// </summary>
public sealed record ReportPicture(string AccountName, IReadOnlyList<PowerMapLine> Lines, IReadOnlyList<HierarchyPerson> Hierarchy);

/// <summary>A company-visible relationship to a buying-center member that went stale since the previous report.</summary>
public sealed record StaleRelationship(PersonRef OurPerson, PersonRef TheirPerson, DateTimeOffset? LastInteractionAt, DateTimeOffset StaleSince);

/// <summary>What changed since the previous report of the same opportunity (all empty for the first one).</summary>
public sealed record ReportChanges(
    string? PreviousReportId,
    DateTimeOffset? PreviousGeneratedAt,
    StatusChange? Status,
    IReadOnlyList<CoverageChange> CoverageGained,
    IReadOnlyList<CoverageChange> CoverageLost,
    IReadOnlyList<RouteChange> NewRoutes,
    IReadOnlyList<RouteChange> LostRoutes,
    IReadOnlyList<Gap> GapsOpened,
    IReadOnlyList<Gap> GapsClosed)
{
    public static ReportChanges None { get; } = new(null, null, null, [], [], [], [], [], []);

    /// <summary>The stage before and after, when the deal moved.</summary>
    public StageMove? Stage { get; init; }

    /// <summary>Members whose priority changed, who joined or left the buying center, and why.</summary>
    public IReadOnlyList<TargetChange> Targets { get; init; } = [];

    /// <summary>Engagement-plan entries that changed: a member newly engaged, given to another of ours, or no longer engaged, and why.</summary>
    public IReadOnlyList<PlanChange> PlanEntries { get; init; } = [];
}

public sealed record StatusChange(PowerMapStatus Before, PowerMapStatus After);

public sealed record StageMove(OpportunityStage Before, OpportunityStage After);

/// <summary>A member's priority before and after (null where they were not in the buying center), and why it moved.</summary>
public sealed record TargetChange(PersonRef Target, double? PriorityBefore, double? PriorityAfter, string Reason);

/// <summary>
/// Who of ours engages <c>target</c> before and after (null: nobody), and why; <c>via</c> are the people in between on the
/// route of the entry now.
/// </summary>
public sealed record PlanChange(PersonRef Target, PersonRef? Before, PersonRef? After, IReadOnlyList<string> Via, string Reason);

/// <summary>A target's coverage before and after; null where they were not in the buying center.</summary>
public sealed record CoverageChange(PersonRef Target, double? Before, double? After);

/// <summary>A best route to a target that appeared or disappeared.</summary>
public sealed record RouteChange(PersonRef Target, ReportRoute Route);

/// <summary>Generate now for one opportunity, or for every open one when <c>opportunityId</c> is left out.</summary>
public sealed record GenerateReportsRequest(string? OpportunityId = null) : IHasExample<GenerateReportsRequest>, IValidatable
{
    public static GenerateReportsRequest Example => new("opp-globex-platform");

    public Validation Validate() => new Validation().Id("opportunityId", OpportunityId, required: false);
}

/// <summary>
/// The account's people changes since <c>since</c> (the previous report of the opportunity, or the report's window
/// before a first one) up to the report: left, joined, moved in, moved out, new manager, new title. Stored as ids and
/// facts; people the report may no longer name are left out when it is read.
/// </summary>
public sealed record ReportPeopleChanges(DateTimeOffset Since, IReadOnlyList<ReportPeopleChange> Items);

/// <summary>
/// One people change: its kind (<c>joined</c>, <c>left</c>, <c>moved-in</c>, <c>moved-out</c>, <c>manager-changed</c>,
/// <c>title-changed</c>), when, about whom, the other organization of a move, and the titles or the new manager.
/// </summary>
public sealed record ReportPeopleChange(string Kind, DateTimeOffset At, PersonRef Person, string? OtherOrganizationId,
    string? PreviousTitle, string? Title, PersonRef? NewManager);
