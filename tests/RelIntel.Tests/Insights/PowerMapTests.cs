using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>The power map: members with coverage and best route, the lines among them, and a red/amber/green status.</summary>
public sealed class PowerMapTests : ApiTest
{
    private async Task<Pursuit> PursuitAsync(string danaAttitude, bool knowDana)
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Alex");
        await pursuit.TheirsAsync("Dana");
        await pursuit.TheirsAsync("Lee");
        await pursuit.ReportsToAsync("Lee", "Dana", "dotted");
        await pursuit.InfluencesAsync("Lee", "Dana", 0.7);
        await pursuit.RapportAsync("Lee", "Dana", "sympathy");
        await pursuit.MemberAsync("Dana", ["decider"], danaAttitude, influence: 5);
        await pursuit.MemberAsync("Lee", ["influencer"], "neutral", influence: 2);
        if (knowDana) await pursuit.KnowsAsync("Alex", "Dana", 0.7);
        return pursuit;
    }

    [Test]
    public async Task Green_when_a_supportive_decider_is_covered()
    {
        var pursuit = await PursuitAsync("champion", knowDana: true);

        var map = await pursuit.PowerMapAsync();

        var dana = map["members"]!.AsArray().Single(m => m!["person"]!["name"]!.GetValue<string>() == "Dana")!;
        Assert.Multiple(() =>
        {
            Assert.That(map["status"]!.GetValue<string>(), Is.EqualTo("green"));
            Assert.That(map["statusReason"]!.GetValue<string>(), Does.Contain("Dana"));
            Assert.That(dana["coverage"]!.GetValue<double>(), Is.EqualTo(0.7).Within(1e-6));
            Assert.That(pursuit.Route(dana["bestPath"]!), Is.EqualTo("Alex > Dana"));
            Assert.That(map["lines"]!.AsArray().Select(l => (l!["type"]!.GetValue<string>(), l["kind"]?.GetValue<string>(),
                    l["strength"]?.GetValue<double>(), l["sentiment"]?.GetValue<string>())),
                Is.EquivalentTo(new (string, string?, double?, string?)[]
                {
                    ("reports-to", "dotted", null, null), ("influences", "advisor", 0.7, null), ("rapport", null, null, "sympathy"),
                }));
            Assert.That(map["lines"]!.AsArray().Select(l => new[] { l!["fromId"]!.GetValue<string>(), l["toId"]!.GetValue<string>() }.Order()),
                Is.All.EquivalentTo(new[] { pursuit.Id("Dana"), pursuit.Id("Lee") }));
        });
    }

    [Test]
    public async Task Amber_when_a_supportive_key_player_is_not_covered_yet()
    {
        var pursuit = await PursuitAsync("supporter", knowDana: false);
        var map = await pursuit.PowerMapAsync();
        Assert.That(map["status"]!.GetValue<string>(), Is.EqualTo("amber"));
        Assert.That(map["gaps"]!.AsArray().Select(g => g!["code"]!.GetValue<string>()), Does.Contain("uncovered-target"));
    }

    [Test]
    public async Task Red_when_no_key_player_is_supportive()
    {
        var pursuit = await PursuitAsync("skeptic", knowDana: true);
        var map = await pursuit.PowerMapAsync();
        Assert.That(map["status"]!.GetValue<string>(), Is.EqualTo("red"));
        Assert.That(map["members"]!.AsArray(), Has.Count.EqualTo(2));
    }
}
