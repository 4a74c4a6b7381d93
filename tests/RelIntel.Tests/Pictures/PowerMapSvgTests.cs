using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RelIntel.Tests.Insights;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Pictures;

/// <summary>
/// The power map as a picture, through the API: the same members as the JSON, placed by the customer's hierarchy with
/// the managers who connect them, nothing the caller may not see, no do-not-contact person, and the same audit entry.
/// </summary>
public sealed class PowerMapSvgTests : ApiTest
{
    /// <summary>
    /// Cora (CEO, not a member) has two members below her: Dana directly, and Lee through Max (a manager, not a member);
    /// Dana's report Ida is a member. Vera (not a member) sits above Oz (a member) but is do-not-contact, so nothing
    /// connects Oz. Erin (not a member) manages no member and stays off the picture. Alex of ours knows Dana.
    /// </summary>
    private async Task PursuitAsync()
    {
        await World.PursuitAsync();
        await World.OursAsync("Alex");
        foreach (var name in new[] { "Cora", "Dana", "Max", "Lee", "Ida", "Erin", "Oz" }) await World.TheirsAsync(name);
        await World.TheirsAsync("Vera", doNotContact: true);
        await World.ReportsToAsync("Dana", "Cora");
        await World.ReportsToAsync("Max", "Cora");
        await World.ReportsToAsync("Lee", "Max");
        await World.ReportsToAsync("Ida", "Dana");
        await World.ReportsToAsync("Erin", "Cora");
        await World.ReportsToAsync("Oz", "Vera");
        await World.ReportsToAsync("Vera", "Cora");
        await World.ReportsToAsync("Lee", "Dana", "dotted");
        await World.MemberAsync("Dana", ["decider"], "champion", 5, coach: true);
        await World.MemberAsync("Lee", ["approver"], "skeptic", 4);
        await World.MemberAsync("Ida", ["user"], "supporter", 2);
        await World.MemberAsync("Oz", ["buyer"], "neutral", 3);
        await World.RapportAsync("Lee", "Dana", "rivalry");
        await World.KnowsAsync("Alex", "Dana", 0.7);
    }

    private async Task<(HttpResponseMessage Response, string Text)> SvgAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ChartSvg.MediaType));
        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_svg_holds_every_member_of_the_json_and_the_managers_who_connect_them_faded()
    {
        await PursuitAsync();
        var map = await World.PowerMapAsync();

        var (response, text) = await SvgAsync(Client, $"/api/opportunities/{World.Deal}/power-map");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var svg = DrawnSvg.Parse(text);
        var members = map.Members.Select(m => m.Person.Id).ToList();
        var faded = svg.Cards.Where(c => DrawnSvg.Classes(c).Contains("faded")).Select(c => (string)c.Attribute("data-person-id")!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(ChartSvg.MediaType));
            Assert.That(response.Headers.Vary, Does.Contain("Accept"));
            Assert.That(svg.CardIds.Except(faded), Is.EquivalentTo(members));
            Assert.That(members, Is.EquivalentTo(new[] { World.Id("Dana"), World.Id("Lee"), World.Id("Ida"), World.Id("Oz") }));
            Assert.That(faded, Is.EquivalentTo(new[] { World.Id("Cora"), World.Id("Max") }), "Erin connects no member; Vera may not be drawn");
            Assert.That(text, Does.Not.Contain(World.Id("Vera")).And.Not.Contain("Vera"));
            Assert.That(Overlaps.Among(svg.CardBoxes), Is.Empty);
            Assert.That(DrawnSvg.TextOf(svg.Card(World.Id("Dana"))), Does.Contain("Alex").And.Contain("COACH"));
            Assert.That(DrawnSvg.TextOf(svg.Card(World.Id("Lee"))), Does.Contain("NO ROUTE"));
            Assert.That(svg.Root.Descendants(DrawnSvg.Svg + "script"), Is.Empty);
        });
        var lines = svg.Root.Descendants(DrawnSvg.Svg + "path").Where(e => DrawnSvg.Classes(e).Contains("line"))
            .Select(e => ((string)e.Attribute("data-from")!, (string)e.Attribute("data-to")!, DrawnSvg.Classes(e).Contains("dotted"))).ToList();
        Assert.That(lines, Is.EquivalentTo(new[]
        {
            (World.Id("Dana"), World.Id("Cora"), false), (World.Id("Max"), World.Id("Cora"), false), (World.Id("Lee"), World.Id("Max"), false),
            (World.Id("Ida"), World.Id("Dana"), false), (World.Id("Lee"), World.Id("Dana"), true),
        }));
    }

    [Test]
    public async Task Json_stays_the_default_and_a_format_it_cannot_give_is_406()
    {
        await PursuitAsync();
        var path = $"/api/opportunities/{World.Deal}/power-map";

        using var plain = await Client.GetAsync(path);
        using var wildcard = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "*/*" } } };
        using var any = await Client.SendAsync(wildcard);
        using var images = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "image/*" } } };
        using var image = await Client.SendAsync(images);
        using var pdf = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "application/pdf" } } };

        Assert.Multiple(() =>
        {
            Assert.That(plain.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(any.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(image.Content.Headers.ContentType?.MediaType, Is.EqualTo(ChartSvg.MediaType));
        });
        var problem = await (await Client.SendAsync(pdf)).ShouldBeProblem(HttpStatusCode.NotAcceptable, "Accept");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("image/svg+xml"));
        var (unknown, _) = await SvgAsync(Client, "/api/opportunities/opp-nobody-knows/power-map");
        await unknown.ShouldBeProblem(HttpStatusCode.NotFound, "id");
    }

    [Test]
    public async Task The_picture_is_audited_with_the_same_relationships_as_the_json()
    {
        await PursuitAsync();
        var key = await Keys.CreateAsync("seller", World.Id("Alex"));
        using var seller = Keys.ClientFor(key.Secret);

        await seller.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        var (svg, _) = await SvgAsync(seller, $"/api/opportunities/{World.Deal}/power-map");
        Assert.That(svg.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var entries = await World.AuditOfAsync(key.Name);
        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries.Select(e => e.Endpoint), Is.All.EqualTo("/api/opportunities/{id}/power-map"));
        Assert.That(entries.Select(e => e.Relationships), Is.All.EqualTo(new[] { $"{World.Id("Alex")}|{World.Id("Dana")}" }));
    }

    [Test]
    public async Task A_seller_sees_in_the_picture_only_what_the_json_shows_them()
    {
        await PursuitAsync();
        await World.OursAsync("Bo");
        // Bo's private relationship to Lee: Alex may only be told to ask Bo for an introduction, never its strength.
        await World.KnowsAsync("Bo", "Lee", 0.61737, visibility: "private");
        using var alex = await ClientAsAsync("seller", World.Id("Alex"));

        var map = await alex.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe<PowerMapResponse>(HttpStatusCode.OK);
        var (response, text) = await SvgAsync(alex, $"/api/opportunities/{World.Deal}/power-map");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var lee = map.Members.Single(m => m.Person.Id == World.Id("Lee"));
        Assert.That(lee.BestPath!.Hops[0].Type, Is.EqualTo(HopType.Introduction));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("0.61737").And.Not.Contain("0.62"));
            Assert.That(DrawnSvg.TextOf(DrawnSvg.Parse(text).Card(World.Id("Lee"))), Does.Contain("intro: Bo"));
        });
    }
}
