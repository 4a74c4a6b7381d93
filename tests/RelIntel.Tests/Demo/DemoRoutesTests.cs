using System.Net;
using System.Text.Json.Nodes;

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
        var load = await Client.PostAsync("/api/demo", null).ShouldBe(HttpStatusCode.OK);
        Assert.That(load["failures"]!.AsArray(), Is.Empty, load.ToJsonString());
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.Zero));
    }

    [Test]
    public async Task Ava_is_offered_her_own_stale_relationship_with_Dana_not_Sols_hidden_stale_one()
    {
        // The report is written for every seller, to whom Sol's team relationship with Dana is hidden.
        var report = (await PostAsync("/api/reports", new { opportunityId = Opportunity }).ShouldBe(HttpStatusCode.Created)).AsArray().Single()!;
        var dana = report["coverage"]!.AsArray().Single(m => m!["person"]!["id"]!.GetValue<string>() == "globex-whitfield")!;
        var plan = report["plan"]!.AsArray().Single(e => e!["theirPerson"]!["id"]!.GetValue<string>() == "globex-whitfield")!;
        using var everySeller = await ClientAsAsync("integration");
        var recommendations = await everySeller.GetAsync($"/api/opportunities/{Opportunity}/recommendations?pathsPerTarget=5")
            .ShouldBe(HttpStatusCode.OK);
        var danaPaths = recommendations["targets"]!.AsArray()
            .Single(t => t!["person"]!["id"]!.GetValue<string>() == "globex-whitfield")!["paths"]!.AsArray().Select(p => Route(p!)).ToList();
        using var ava = await ClientAsAsync("seller", "acme-ava");
        var own = await ava.GetAsync("/api/paths?from=acme-ava&to=globex-whitfield&k=3").ShouldBe(HttpStatusCode.OK);
        var sols = await Client.GetAsync("/api/people/globex-whitfield/relationships").ShouldBe(HttpStatusCode.OK);
        var sol = sols["items"]!.AsArray().Single(r => r!["ourPerson"]!["id"]!.GetValue<string>() == "acme-sol")!["strength"]!;

        Assert.Multiple(() =>
        {
            Assert.That(sol["value"]!.GetValue<double>() * 0.5, Is.LessThan(0.4), "Sol's stale learned strength, as the admin sees it");
            Assert.That(sol["stale"]!.GetValue<bool>(), Is.True);
            Assert.That(dana["bestRoute"]!["relationship"]!.GetValue<string>(), Is.Not.EqualTo("acme-sol|globex-whitfield"));
            Assert.That(dana["bestRoute"]!["introduction"]!.GetValue<bool>(), Is.False);
            Assert.That(dana["coverage"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0.35), "at least her own 0.7, halved as stale");
            Assert.That(report.ToJsonString(), Does.Not.Contain("ask Sol Park for an introduction to Dana Whitfield"));
            Assert.That(plan["ourPerson"]!["id"]!.GetValue<string>(), Is.Not.EqualTo("acme-sol"), plan.ToJsonString());
            Assert.That(Introductions(recommendations), Does.Not.Contain("acme-sol>globex-whitfield"));
            Assert.That(danaPaths, Does.Contain("acme-ava>globex-whitfield"), "her own relationship is offered");
            Assert.That(danaPaths, Has.None.StartsWith("acme-sol>"));
            Assert.That(Route(own["paths"]![0]!), Is.EqualTo("acme-ava>globex-whitfield"));
            Assert.That(own["paths"]![0]!["score"]!.GetValue<double>(), Is.EqualTo(0.35));
        });
    }

    [Test]
    public async Task Victors_hidden_weak_relationship_with_Okafor_is_not_offered_above_a_better_visible_route()
    {
        using var ava = await ClientAsAsync("seller", "acme-ava");
        var asAva = await ava.GetAsync("/api/paths?from=acme-ava&to=globex-okafor&k=5").ShouldBe(HttpStatusCode.OK);
        var asAdmin = await Client.GetAsync("/api/paths?from=acme-ava&to=globex-okafor&k=5").ShouldBe(HttpStatusCode.OK);
        var recommendations = await ava.GetAsync($"/api/opportunities/{Opportunity}/recommendations?pathsPerTarget=5").ShouldBe(HttpStatusCode.OK);
        var okafor = recommendations["targets"]!.AsArray().Single(t => t!["person"]!["id"]!.GetValue<string>() == "globex-okafor")!;
        var chart = await ava.GetAsync("/api/organizations/globex/org-chart").ShouldBe(HttpStatusCode.OK);
        var okaforCard = chart["people"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "globex-okafor")!;

        var victors = asAdmin["paths"]!.AsArray().Single(p => Route(p!) == "acme-ava>acme-victor>globex-okafor")!;
        Assert.Multiple(() =>
        {
            // Through Victor the route is really worth 0.9 × 0.3 × 0.9 = 0.243; Ava's own through Kim Brandt 0.288.
            Assert.That(victors["score"]!.GetValue<double>(), Is.EqualTo(0.243).Within(1e-9));
            Assert.That(Route(asAva["paths"]![0]!), Is.EqualTo("acme-ava>globex-brandt>globex-okafor"));
            Assert.That(asAva["paths"]![0]!["score"]!.GetValue<double>(), Is.EqualTo(0.288).Within(1e-9));
            Assert.That(Introductions(asAva), Is.Empty, "0.3 is worth less than the introduction trust");
            Assert.That(Introductions(recommendations), Is.Empty);
            Assert.That(Route(okafor["paths"]![0]!), Is.EqualTo("acme-elena>globex-hale>globex-okafor"));
            Assert.That(okafor["coverage"]!.GetValue<double>(), Is.EqualTo(0.36).Within(1e-9), "Elena's 0.5 × 0.8 × 0.9, not 0.4");
            Assert.That(okaforCard["coverage"], Is.Null, "no one of ours reaches Okafor directly as Ava may be told");
        });
    }

    [Test]
    public async Task A_strong_hidden_relationship_is_still_an_introduction_at_the_fixed_trust()
    {
        using var integration = await ClientAsAsync("integration");
        var paths = await integration.GetAsync("/api/paths?from=acme-sol&to=globex-chen&k=3").ShouldBe(HttpStatusCode.OK);
        var chart = await integration.GetAsync("/api/organizations/globex/org-chart").ShouldBe(HttpStatusCode.OK);
        var chen = chart["people"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "globex-chen")!["coverage"]!;
        var asAdmin = await Client.GetAsync("/api/paths?from=acme-sol&to=globex-chen&k=3").ShouldBe(HttpStatusCode.OK);

        var hop = paths["paths"]![0]!["hops"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(asAdmin["paths"]![0]!["hops"]![0]!["trust"]!.GetValue<double>(), Is.EqualTo(0.8), "Sol's team relationship, as the admin sees it");
            Assert.That(hop["type"]!.GetValue<string>(), Is.EqualTo("introduction"));
            Assert.That(hop["trust"]!.GetValue<double>(), Is.EqualTo(0.4));
            Assert.That(paths["paths"]![0]!["score"]!.GetValue<double>(), Is.EqualTo(0.4));
            Assert.That(hop["basis"]!.GetValue<string>(), Does.Contain("ask Sol Park for an introduction"));
            Assert.That(chen["score"]!.GetValue<double>(), Is.EqualTo(0.4));
            Assert.That(chen["introduction"]!["owner"]!["id"]!.GetValue<string>(), Is.EqualTo("acme-sol"));
            Assert.That(paths.ToJsonString(), Does.Not.Contain("0.8"), "nothing of its strength");
            Assert.That(chart.ToJsonString(), Does.Not.Contain("2023-09-15"), "nor of its date");
        });
    }

    private static string Route(JsonNode path)
    {
        var hops = path["hops"]!.AsArray();
        return string.Join('>', new[] { hops[0]!["from"]!["id"]!.GetValue<string>() }.Concat(hops.Select(h => h!["to"]!["id"]!.GetValue<string>())));
    }

    /// <summary>Every introduction hop in an answer, as "owner>their person".</summary>
    private static List<string> Introductions(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "introduction" =>
            [$"{o["from"]!["id"]!.GetValue<string>()}>{o["to"]!["id"]!.GetValue<string>()}"],
        JsonObject o => o.SelectMany(p => Introductions(p.Value)).ToList(),
        JsonArray a => a.SelectMany(Introductions).ToList(),
        _ => [],
    };
}
