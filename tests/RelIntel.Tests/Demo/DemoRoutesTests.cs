using System.Net;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Accounts;
using RelIntel.Api.Features.Demo;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Demo;

/// <summary>
/// The walk-through account, asked in mid-November 2026 when the discovery meeting of May is more than 180 days old:
/// Ava's declared 0.7 with Dana and Sol's learned one with her are stale, the relationships declared at the load are
/// fresh. A hidden relationship is an introduction only where it is itself worth the introduction trust (0.4), so the
/// routes offered are ranked by what they are worth (docs/charter.md#introductions).
/// </summary>
public sealed class DemoRoutesTests : ApiTest
{
    private const string Opportunity = "opp-globex-platform";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };

    [OneTimeSetUp]
    public async Task LoadTheDemoAndLetTheMeetingGoStale()
    {
        // Loaded at the fixture's clock as every fixture loads it (loading again changes nothing), then asked later.
        var load = await Client.PostAsync("/api/demo", null).ShouldBe<DemoEndpoints.DemoResponse>(HttpStatusCode.OK);
        Assert.That(load.Failures, Is.Empty, string.Join("; ", load.Failures));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task Ava_is_offered_her_own_stale_relationship_with_Dana_not_Sols_hidden_stale_one()
    {
        // The report is written for every seller, to whom Sol's team relationship with Dana is hidden.
        var reported = await PostAsync("/api/reports", new { opportunityId = Opportunity }).ShouldBe(HttpStatusCode.Created);
        var report = reported.Read<List<ReportResponse>>().Single();
        var dana = report.Coverage.Single(m => m.Person.Id == "globex-whitfield");
        var plan = report.Plan.Single(e => e.TheirPerson.Id == "globex-whitfield");
        using var everySeller = await ClientAsAsync("integration");
        var recommendations = await everySeller.GetAsync($"/api/opportunities/{Opportunity}/recommendations?pathsPerTarget=5")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        var danaPaths = recommendations.Targets.Single(t => t.Person.Id == "globex-whitfield").Paths.Select(Route).ToList();
        using var ava = await ClientAsAsync("seller", "acme-ava");
        var own = await ava.GetAsync("/api/paths?from=acme-ava&to=globex-whitfield&k=3").ShouldBe<PathsResponse>(HttpStatusCode.OK);
        var sols = await Client.GetAsync("/api/people/globex-whitfield/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        var sol = sols.Items.Single(r => r.OurPerson.Id == "acme-sol").Strength;

        Assert.Multiple(() =>
        {
            Assert.That(sol.Value * 0.5, Is.LessThan(0.4), "Sol's stale learned strength, as the admin sees it");
            Assert.That(sol.Stale, Is.True);
            Assert.That(dana.BestRoute!.Relationship, Is.Not.Null.And.Not.EqualTo("acme-sol|globex-whitfield"));
            Assert.That(dana.BestRoute!.Introduction, Is.False);
            Assert.That(dana.Coverage, Is.GreaterThanOrEqualTo(0.35), "at least her own 0.7, halved as stale");
            Assert.That(reported.ToJsonString(), Does.Not.Contain("ask Sol Park for an introduction to Dana Whitfield"));
            Assert.That(plan.OurPerson.Id, Is.Not.EqualTo("acme-sol"), plan.ToString());
            Assert.That(Introductions(recommendations), Does.Not.Contain("acme-sol>globex-whitfield"));
            Assert.That(danaPaths, Does.Contain("acme-ava>globex-whitfield"), "her own relationship is offered");
            Assert.That(danaPaths, Has.None.StartsWith("acme-sol>"));
            Assert.That(Route(own.Paths[0]), Is.EqualTo("acme-ava>globex-whitfield"));
            Assert.That(own.Paths[0].Score, Is.EqualTo(0.35));
        });
    }

    [Test]
    public async Task Victors_hidden_weak_relationship_with_Okafor_is_not_offered_above_a_better_visible_route()
    {
        using var ava = await ClientAsAsync("seller", "acme-ava");
        var asAva = await ava.GetAsync("/api/paths?from=acme-ava&to=globex-okafor&k=5").ShouldBe<PathsResponse>(HttpStatusCode.OK);
        var asAdmin = await Client.GetAsync("/api/paths?from=acme-ava&to=globex-okafor&k=5").ShouldBe<PathsResponse>(HttpStatusCode.OK);
        var recommendations = await ava.GetAsync($"/api/opportunities/{Opportunity}/recommendations?pathsPerTarget=5")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        var okafor = recommendations.Targets.Single(t => t.Person.Id == "globex-okafor");
        var chart = await ava.GetAsync("/api/organizations/globex/org-chart").ShouldBe<AccountOrgChartResponse>(HttpStatusCode.OK);
        var okaforCard = chart.People.Single(p => p.Id == "globex-okafor");

        var victors = asAdmin.Paths.Single(p => Route(p) == "acme-ava>acme-victor>globex-okafor");
        Assert.Multiple(() =>
        {
            // Through Victor the route is really worth 0.9 × 0.3 × 0.9 = 0.243; Ava's own through Kim Brandt 0.288.
            Assert.That(victors.Score, Is.EqualTo(0.243).Within(1e-9));
            Assert.That(Route(asAva.Paths[0]), Is.EqualTo("acme-ava>globex-brandt>globex-okafor"));
            Assert.That(asAva.Paths[0].Score, Is.EqualTo(0.288).Within(1e-9));
            Assert.That(Introductions(asAva.Paths), Is.Empty, "0.3 is worth less than the introduction trust");
            Assert.That(Introductions(recommendations), Is.Empty);
            Assert.That(Route(okafor.Paths[0]), Is.EqualTo("acme-elena>globex-hale>globex-okafor"));
            Assert.That(okafor.Coverage, Is.EqualTo(0.36).Within(1e-9), "Elena's 0.5 × 0.8 × 0.9, not 0.4");
            Assert.That(okaforCard.Coverage, Is.Null, "no one of ours reaches Okafor directly as Ava may be told");
        });
    }

    [Test]
    public async Task A_strong_hidden_relationship_is_still_an_introduction_at_the_fixed_trust()
    {
        using var integration = await ClientAsAsync("integration");
        var pathsText = (await integration.GetAsync("/api/paths?from=acme-sol&to=globex-chen&k=3").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        var paths = pathsText.Read<PathsResponse>();
        var chartText = (await integration.GetAsync("/api/organizations/globex/org-chart").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        var chen = chartText.Read<AccountOrgChartResponse>().People.Single(p => p.Id == "globex-chen").Coverage!;
        var asAdmin = await Client.GetAsync("/api/paths?from=acme-sol&to=globex-chen&k=3").ShouldBe<PathsResponse>(HttpStatusCode.OK);

        var hop = paths.Paths[0].Hops.Single();
        Assert.Multiple(() =>
        {
            Assert.That(asAdmin.Paths[0].Hops[0].Trust, Is.EqualTo(0.8), "Sol's team relationship, as the admin sees it");
            Assert.That(hop.Type, Is.EqualTo(HopType.Introduction));
            Assert.That(hop.Trust, Is.EqualTo(0.4));
            Assert.That(paths.Paths[0].Score, Is.EqualTo(0.4));
            Assert.That(hop.Basis, Does.Contain("ask Sol Park for an introduction"));
            Assert.That(chen.Score, Is.EqualTo(0.4));
            Assert.That(chen.Introduction!.Owner.Id, Is.EqualTo("acme-sol"));
            Assert.That(pathsText, Does.Not.Contain("0.8"), "nothing of its strength");
            Assert.That(chartText, Does.Not.Contain("2023-09-15"), "nor of its date");
        });
    }

    private static string Route(WarmPath path) =>
        string.Join('>', new[] { path.Hops[0].From.Id }.Concat(path.Hops.Select(h => h.To.Id)));

    /// <summary>Every introduction hop in the paths of every target (the only hops a recommendations answer holds), as "owner>their person".</summary>
    private static List<string> Introductions(RecommendationsResponse answer) => Introductions(answer.Targets.SelectMany(t => t.Paths));

    /// <summary>Every introduction hop of <paramref name="paths"/>, as "owner>their person".</summary>
    private static List<string> Introductions(IEnumerable<WarmPath> paths) =>
        paths.SelectMany(p => p.Hops).Where(h => h.Type == HopType.Introduction).Select(h => $"{h.From.Id}>{h.To.Id}").ToList();
}
