using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Pictures;

/// <summary>The power map answer maps into a chart as a pure function: the same people, lines, status and gaps.</summary>
public sealed class PowerMapChartTests
{
    private static PathHop Hop(string fromId, string fromName, string toId, HopType type) =>
        new(new PersonRef(fromId, fromName), new PersonRef(toId, toId), type, null, 0.8, "test");

    private static WarmPath Path(double score, params PathHop[] hops) => Path(score, [], hops);

    private static WarmPath Path(double score, IReadOnlyList<PathRisk> risks, params PathHop[] hops) =>
        new(score, score, hops.Length, 1, hops, "test", risks);

    private static PowerMapMember Member(string id, string name, WarmPath? path, Attitude attitude = Attitude.Neutral, bool coach = false,
        string? favors = null) =>
        new(new PersonSummary(id, name, $"{name}'s title"), [BuyingRole.Decider], attitude, 4, coach, favors, path?.Score ?? 0, path);

    /// <summary>
    /// Dana (champion, coach) is reached by Ava; Sam (skeptic, favours Initech) through an introduction from Victor;
    /// Lee has no route. Lee reports to Morgan (not a member); Dana has a dotted line to Lee. Sam and Lee are rivals.
    /// </summary>
    private static PowerMapResponse Map() => new(
        new OpportunitySummary("opp-1", "Globex analytics platform", "globex", OpportunityStage.Proposal),
        PowerMapStatus.Amber,
        "Dana is supportive and influential, but no Decider or Approver is supportive.",
        [
            Member("dana", "Dana Whitfield", Path(0.7, Hop("ava", "Ava Reyes", "dana", HopType.Knows)), Attitude.Champion, coach: true),
            Member("sam", "Sam Ito", Path(0.4, [new PathRisk("rivalry", "sam", "lee", "Sam has a rivalry with Lee")],
                Hop("victor", "Victor Lang", "sam", HopType.Introduction)), Attitude.Skeptic, favors: "initech"),
            Member("lee", "Lee Okafor", null),
            Member("chen", "Wei Chen", Path(0.33, Hop("sol", "Sol Park", "novak", HopType.Knows), Hop("novak", "Ana Novak", "chen", HopType.ManagerOf))),
        ],
        [
            new PowerMapLine("dana", "lee", "reports-to", "dotted", null, null),
            new PowerMapLine("dana", "lee", "influences", "mentor", 0.6, null),
            new PowerMapLine("lee", "sam", "rapport", null, null, "rivalry"),
            new PowerMapLine("sam", "lee", "rapport", null, null, "rivalry"),
            new PowerMapLine("chen", "dana", "rapport", null, null, "antipathy"),
            new PowerMapLine("dana", "chen", "rapport", null, null, "sympathy"),
        ],
        [
            new Gap(GapCode.UncoveredTarget, "None of ours has a route to Lee Okafor.", "lee"),
            new Gap(GapCode.StaleCoverage, "The best route to Wei Chen crosses a relationship that has not been refreshed.", "chen"),
        ]);

    private static readonly IReadOnlyList<HierarchyPerson> Hierarchy =
    [
        new("lee", "Lee Okafor", "ignored: the member's own data wins", "morgan", []),
        new("sam", "Sam Ito", null, "morgan", []),
        new("morgan", "Morgan Hale", "Chief Executive Officer", "board", []),
        new("chen", "Wei Chen", null, "dana", ["lee", "nobody-on-the-chart"]),
    ];

    private static Chart Chart() => PowerMapChart.From(Map(), "Globex Corporation", ChartFixtures.AsOf, Hierarchy);

    [Test]
    public void Every_member_becomes_a_card_with_roles_attitude_influence_and_markers()
    {
        var cards = Chart().Cards.ToDictionary(c => c.PersonId);

        Assert.Multiple(() =>
        {
            Assert.That(cards.Values.Where(c => !c.Faded).Select(c => c.PersonId), Is.EquivalentTo(new[] { "dana", "sam", "lee", "chen" }));
            Assert.That(cards["dana"], Is.EqualTo(new ChartCard("dana", "Dana Whitfield", "Dana Whitfield's title", cards["dana"].Roles,
                Attitude.Champion, 4, true, null, new CardCoverage(0.7, "Ava Reyes"), false, false, false)));
            Assert.That(cards["dana"].Roles, Is.EqualTo(new[] { BuyingRole.Decider }));
            Assert.That(cards["sam"].FavorsCompetitor, Is.EqualTo("initech"));
            Assert.That(cards["lee"].Title, Is.EqualTo("Lee Okafor's title"));
        });
    }

    [Test]
    public void Coverage_comes_from_the_best_route_and_its_first_hop_names_who_of_ours_holds_it()
    {
        var cards = Chart().Cards.ToDictionary(c => c.PersonId);

        Assert.Multiple(() =>
        {
            Assert.That(cards["sam"].Coverage, Is.EqualTo(new CardCoverage(0.4, "Victor Lang", ByIntroduction: true)));
            Assert.That(cards["chen"].Coverage, Is.EqualTo(new CardCoverage(0.33, "Sol Park")));
            Assert.That((cards["lee"].Coverage, cards["lee"].Uncovered), Is.EqualTo((new CardCoverage(0, null), true)));
            Assert.That(cards.Values.Where(c => c.Uncovered).Select(c => c.PersonId), Is.EqualTo(new[] { "lee" }));
        });
    }

    [Test]
    public void A_member_whose_best_route_is_stale_is_marked_stale()
    {
        Assert.That(Chart().Cards.Where(c => c.Stale).Select(c => c.PersonId), Is.EqualTo(new[] { "chen" }));
    }

    [Test]
    public void Managers_who_connect_members_appear_faded_and_people_off_the_chart_draw_no_line()
    {
        var chart = Chart();

        Assert.Multiple(() =>
        {
            Assert.That(chart.Cards.Where(c => c.Faded), Is.EqualTo(new[] { ChartCard.Connector("morgan", "Morgan Hale", "Chief Executive Officer") }));
            Assert.That(chart.Hierarchy, Is.EquivalentTo(new[]
            {
                new HierarchyEdge("lee", "dana", ReportingLineKind.Dotted),
                new HierarchyEdge("morgan", "lee", ReportingLineKind.Solid),
                new HierarchyEdge("morgan", "sam", ReportingLineKind.Solid),
                new HierarchyEdge("dana", "chen", ReportingLineKind.Solid),
                new HierarchyEdge("lee", "chen", ReportingLineKind.Dotted),
            }));
        });
    }

    [Test]
    public void A_person_keeps_one_solid_manager_the_power_maps_own_line_first()
    {
        var map = Map() with { Lines = [.. Map().Lines, new PowerMapLine("chen", "sam", "reports-to", "solid", null, null)] };

        var chart = PowerMapChart.From(map, "Globex Corporation", ChartFixtures.AsOf, Hierarchy);

        Assert.That(chart.Hierarchy.Where(e => e.ReportId == "chen" && e.Kind == ReportingLineKind.Solid).Select(e => e.ManagerId),
            Is.EqualTo(new[] { "sam" }));
        Assert.That(() => HierarchyLayout.Compute(chart), Throws.Nothing);
    }

    [Test]
    public void Influence_keeps_its_direction_and_strength_and_rapport_is_one_line_per_pair()
    {
        var informal = Chart().Informal;

        Assert.That(informal, Is.EquivalentTo(new[]
        {
            new InformalEdge("dana", "lee", InformalKind.Influence, 0.6),
            new InformalEdge("lee", "sam", InformalKind.Rivalry, BlocksRoutes: true),
            new InformalEdge("chen", "dana", InformalKind.Antipathy),
            new InformalEdge("chen", "dana", InformalKind.Sympathy),
        }));
    }

    [Test]
    public void The_header_carries_opportunity_account_time_status_and_gaps()
    {
        var header = Chart().Header;

        Assert.Multiple(() =>
        {
            Assert.That((header.Kind, header.Title, header.Account, header.DataAsOf),
                Is.EqualTo(("Power map", "Globex analytics platform", "Globex Corporation", ChartFixtures.AsOf)));
            Assert.That(header.Status, Is.EqualTo(new ChartStatusLine(ChartStatus.Amber, "Dana is supportive and influential, but no Decider or Approver is supportive.")));
            Assert.That(header.Gaps, Is.EqualTo(Map().Gaps.Select(g => g.Message)));
        });
    }

    [Test]
    public void The_mapped_chart_draws_every_member_and_connecting_manager()
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(Chart()));

        Assert.That(svg.CardIds, Is.EquivalentTo(new[] { "dana", "sam", "lee", "chen", "morgan" }));
    }
}
