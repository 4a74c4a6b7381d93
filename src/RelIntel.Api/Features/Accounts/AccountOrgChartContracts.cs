using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Accounts;

/// <summary>
/// One person of an org chart: who they are, where they sit (<c>level</c> 0 is the top of the chart), and our
/// coverage: the best <see cref="Reach"/> (null when none of ours reaches them), every one of ours who reaches them
/// (<c>ourPeople</c>) and how many of the relationships the caller sees to them went stale.
/// <c>doNotContact</c> people appear to admins only.
/// </summary>
public sealed record OrgChartEntry(
    string Id,
    string Name,
    string? Title,
    string? Department,
    Seniority? Seniority,
    string? ManagerId,
    IReadOnlyList<string> DottedManagerIds,
    int Level,
    bool DoNotContact,
    Reach? Coverage,
    IReadOnlyList<PersonRef> OurPeople,
    int StaleRelationships);

/// <summary>
/// The political org chart of an account: its hierarchy (or one division: <c>root</c> and everyone below them, at most
/// <c>depth</c> levels) with our coverage of each person, and the informal lines among the people shown.
/// </summary>
public sealed record AccountOrgChartResponse(
    string OrganizationId,
    string OrganizationName,
    PersonRef? Root,
    int Depth,
    DateTimeOffset AsOf,
    IReadOnlyList<OrgChartEntry> People,
    IReadOnlyList<PowerMapLine> Lines,
    string ScoreNote) : IHasExample<AccountOrgChartResponse>
{
    public static AccountOrgChartResponse Example => new("globex", "Globex Corporation", null, 50,
        new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero),
        [
            new OrgChartEntry("globex-hale", "Morgan Hale", "Chief Executive Officer", null, Seniority.Executive, null, [], 0, false,
                new Reach(0.5, new RelationshipSeen(new PersonRef("acme-elena", "Elena Marsh"), new PersonRef("globex-hale", "Morgan Hale"), 0.5, false), null),
                [new PersonRef("acme-elena", "Elena Marsh")], 0),
            new OrgChartEntry("globex-okafor", "Lee Okafor", "Chief Financial Officer", "Finance", Seniority.Executive, "globex-hale", [], 1,
                false, new Reach(0.4, null, new IntroductionRoute(new PersonRef("acme-victor", "Victor Lang"), new PersonRef("globex-okafor", "Lee Okafor"))),
                [new PersonRef("acme-victor", "Victor Lang")], 0),
        ],
        [new PowerMapLine("globex-okafor", "globex-hale", "rapport", null, null, "sympathy")],
        AccountOrgCharts.ScoreNote);
}
