using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Introductions;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Introductions;

/// <summary>
/// An introduction scenario built through the API: Ava, a seller on the pursuit team, and Victor, a colleague whose
/// private relationship to Lee Okafor (the Decider, strength 0.8) she may not see, so her answers offer it only as "ask
/// Victor for an introduction". Victor reports to Mia (solid line). Each party calls with a key of their own.
/// </summary>
public sealed class Introductions
{
    public const double VictorKnowsLee = 0.8123;

    private Introductions(World world, HttpClient ava, HttpClient victor, HttpClient mia)
    {
        World = world;
        Ava = ava;
        Victor = victor;
        Mia = mia;
    }

    public World World { get; }

    public HttpClient Ava { get; }

    public HttpClient Victor { get; }

    public HttpClient Mia { get; }

    public string Id(string name) => World.Id(name);

    public static async Task<Introductions> StartAsync(World pursuit, Keys keys)
    {
        await pursuit.PursuitAsync();
        foreach (var ours in new[] { "Ava", "Victor", "Mia" }) await pursuit.OursAsync(ours);
        await pursuit.TheirsAsync("Lee");
        await pursuit.ReportsToAsync("Victor", "Mia");
        await pursuit.TeamAsync("Ava");
        await pursuit.MemberAsync("Lee", ["decider"]);
        await pursuit.KnowsAsync("Victor", "Lee", VictorKnowsLee, visibility: "private");
        return new Introductions(pursuit,
            await keys.ClientAsync("seller", pursuit.Id("Ava")),
            await keys.ClientAsync("seller", pursuit.Id("Victor")),
            await keys.ClientAsync("manager", pursuit.Id("Mia")));
    }

    /// <summary>Ava asks Victor for an introduction to <paramref name="target"/> (Lee unless told).</summary>
    public async Task<IntroductionResponse> RequestAsync(string target = "Lee", string introducer = "Victor", string? note = null) =>
        Read(await Ava.PostAsJsonAsync("/api/introductions",
            new { targetId = Id(target), introducerId = Id(introducer), opportunityId = World.Deal, note })
            .ShouldBe(HttpStatusCode.Created));

    public Task<HttpResponseMessage> StepAsync(HttpClient client, string id, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/introductions/{id}/{action}", body ?? new { });

    public async Task<IntroductionResponse> AcceptAsync(string id, string share) =>
        Read(await StepAsync(Victor, id, "accept", new { share }).ShouldBe(HttpStatusCode.OK));

    public async Task<IntroductionResponse> GetAsync(HttpClient client, string id) =>
        Read(await client.GetAsync($"/api/introductions/{id}").ShouldBe(HttpStatusCode.OK));

    public async Task<IReadOnlyList<IntroductionResponse>> ListAsync(HttpClient client, string? @as = null) =>
        (await client.GetAsync($"/api/introductions{(@as is null ? "" : $"?as={@as}")}")
            .ShouldBe<Paged<IntroductionResponse>>(HttpStatusCode.OK)).Items;

    /// <summary>Ava's recommendations, the hop across to Lee in her best route to him, and the answer's text on the wire.</summary>
    public sealed record WayToLee(RecommendationsResponse Answer, PathHop Hop, string Text);

    /// <summary>The hop across to Lee in the best route Ava is shown to Lee by her recommendations.</summary>
    public async Task<WayToLee> AvasWayToLeeAsync()
    {
        var text = (await Ava.GetAsync($"/api/opportunities/{World.Deal}/recommendations").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        var answer = text.Read<RecommendationsResponse>();
        var hop = answer.Targets[0].Paths[0].Hops.Single(h => h.Type is HopType.Knows or HopType.Introduction);
        return new WayToLee(answer, hop, text);
    }

    /// <summary>
    /// Ava's best route to Lee, checked: the hop across to Lee is of <paramref name="type"/> (an introduction or
    /// <c>knows</c>) and worth <paramref name="trust"/>, and Victor's strength to Lee shows anywhere in the answer exactly
    /// when <paramref name="strengthShown"/>. Answers the answer and the hop for further checks.
    /// </summary>
    public async Task<WayToLee> AssertAvasWayToLeeAsync(HopType type, double trust, bool strengthShown)
    {
        var way = await AvasWayToLeeAsync();
        var strength = VictorKnowsLee.ToString(CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(way.Hop.Type, Is.EqualTo(type), "the hop across to Lee");
            Assert.That(way.Hop.Trust, Is.EqualTo(trust), "what the hop is worth");
            Assert.That(way.Text, strengthShown ? Does.Contain(strength) : Does.Not.Contain(strength),
                strengthShown ? "Victor's strength to Lee is shown" : "Victor's strength to Lee shows nowhere");
        });
        return way;
    }

    public static IntroductionResponse Read(JsonNode node) => node.Read<IntroductionResponse>();
}
