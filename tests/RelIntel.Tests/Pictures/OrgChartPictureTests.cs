using RelIntel.Api.Charter;
using RelIntel.Api.Features.Accounts;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Pictures;

/// <summary>The org chart answer drawn as a picture, as a pure function: the same people, their coverage, their lines.</summary>
public sealed class OrgChartPictureTests
{
    private static readonly PersonRef Ava = new("ava", "Ava Reyes");
    private static readonly PersonRef Victor = new("victor", "Victor Lang");

    private static OrgChartEntry Person(string id, string name, string? department, Seniority? seniority, string? manager, Reach? coverage,
        bool doNotContact = false, int stale = 0, params string[] dotted) =>
        new(id, name, $"{name}'s title", department, seniority, manager, dotted, 0, doNotContact, coverage,
            coverage is null ? [] : [coverage.HeldBy], stale);

    private static Reach Knows(PersonRef ours, string theirId, double strength, bool stale = false) =>
        new(stale ? strength / 2 : strength, new RelationshipSeen(ours, new PersonRef(theirId, theirId), strength, stale), null);

    /// <summary>Hale at the top; Okafor reached by introduction, Whitfield known but stale, Ito unknown, Dee do-not-contact (an admin's chart).</summary>
    private static AccountOrgChartResponse Chart() => new("globex", "Globex Corporation", null, AccountOrgCharts.MaxDepth, ChartFixtures.AsOf,
        [
            Person("hale", "Morgan Hale", null, Seniority.Executive, null, Knows(Ava, "hale", 0.5)),
            Person("okafor", "Lee Okafor", "Finance", Seniority.Executive, "hale",
                new Reach(0.4, null, new IntroductionRoute(Victor, new PersonRef("okafor", "Lee Okafor")))),
            Person("whitfield", "Dana Whitfield", "Operations", Seniority.Vp, "hale", Knows(Ava, "whitfield", 0.7, stale: true), stale: 1,
                dotted: ["okafor", "off-the-chart"]),
            Person("ito", "Sam Ito", "IT", Seniority.Executive, "hale", null),
            Person("dee", "Dee Donotcontact", "IT", null, "ito", null, doNotContact: true),
        ],
        [
            new PowerMapLine("whitfield", "okafor", "influences", "mentor", 0.6, null),
            new PowerMapLine("ito", "okafor", "rapport", null, null, "rivalry"),
            new PowerMapLine("okafor", "ito", "rapport", null, null, "rivalry"),
        ],
        AccountOrgCharts.ScoreNote);

    [Test]
    public void Every_person_is_a_card_with_department_seniority_and_coverage()
    {
        var cards = AccountOrgCharts.Picture(Chart()).Cards.ToDictionary(c => c.PersonId);

        Assert.Multiple(() =>
        {
            Assert.That(cards.Keys, Is.EquivalentTo(new[] { "hale", "okafor", "whitfield", "ito", "dee" }));
            Assert.That(cards.Values.Select(c => (c.Attitude, c.Faded, c.Roles.Count)), Is.All.EqualTo(((Api.Domain.Attitude?)null, false, 0)));
            Assert.That(cards["whitfield"].Caption, Is.EqualTo("Operations · vp"));
            Assert.That(cards["hale"].Caption, Is.EqualTo("executive"));
            Assert.That(cards["dee"].Caption, Is.EqualTo("IT"));
            Assert.That(cards["okafor"].Coverage, Is.EqualTo(new CardCoverage(0.4, "Victor Lang", ByIntroduction: true)));
            Assert.That((cards["whitfield"].Coverage, cards["whitfield"].Stale), Is.EqualTo((new CardCoverage(0.35, "Ava Reyes"), true)));
            Assert.That(cards["ito"].Uncovered, Is.True);
            Assert.That(cards["dee"].DoNotContact, Is.True);
            Assert.That(cards["whitfield"].Detail, Is.EqualTo("1 of ours reaches them · 1 stale"));
        });
    }

    [Test]
    public void Lines_join_only_people_on_the_chart_and_rapport_is_one_line_per_pair()
    {
        var chart = AccountOrgCharts.Picture(Chart());

        Assert.Multiple(() =>
        {
            Assert.That(chart.Hierarchy, Is.EquivalentTo(new[]
            {
                new HierarchyEdge("hale", "okafor", ReportingLineKind.Solid), new HierarchyEdge("hale", "whitfield", ReportingLineKind.Solid),
                new HierarchyEdge("hale", "ito", ReportingLineKind.Solid), new HierarchyEdge("ito", "dee", ReportingLineKind.Solid),
                new HierarchyEdge("okafor", "whitfield", ReportingLineKind.Dotted),
            }));
            Assert.That(chart.Informal, Is.EquivalentTo(new[]
            {
                new InformalEdge("whitfield", "okafor", InformalKind.Influence, 0.6), new InformalEdge("ito", "okafor", InformalKind.Rivalry),
            }));
            Assert.That(chart.Header.Coverage, Is.EqualTo(CoverageBasis.DirectRelationship));
            Assert.That(chart.Header.Gaps, Does.Contain("Senior people no one of ours knows: Sam Ito."));
        });
    }

    [Test]
    public void The_drawing_says_knows_or_no_relationship_marks_do_not_contact_and_explains_its_own_legend()
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(AccountOrgCharts.Picture(Chart())));
        var legend = DrawnSvg.TextOf(svg.Root.Descendants(DrawnSvg.Svg + "g").Single(g => DrawnSvg.Classes(g).Contains("legend")));

        Assert.Multiple(() =>
        {
            Assert.That(DrawnSvg.TextOf(svg.Card("whitfield")), Does.Contain("Operations · vp").And.Contain("knows 0.35 · Ava Reyes · STALE"));
            Assert.That(DrawnSvg.TextOf(svg.Card("okafor")), Does.Contain("intro: Victor Lang"));
            Assert.That(DrawnSvg.TextOf(svg.Card("ito")), Does.Contain("NO RELATIONSHIP of ours").And.Not.Contain("Attitude"));
            Assert.That(DrawnSvg.TextOf(svg.Card("dee")), Does.Contain("NO CONTACT"));
            Assert.That(legend, Does.Contain("no relationship of ours").And.Not.Contain("Champion").And.Not.Contain("coach"));
            Assert.That(Overlaps.Among(svg.CardBoxes), Is.Empty);
        });
    }
}
