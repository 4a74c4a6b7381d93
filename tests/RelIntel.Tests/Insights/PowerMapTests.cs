using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>The power map: members with coverage and best route, the lines among them, and a red/amber/green status.</summary>
public sealed class PowerMapTests : ApiTest
{
    private async Task PursuitAsync(string danaAttitude, bool knowDana)
    {
        await World.PursuitAsync();
        await World.OursAsync("Alex");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Lee");
        await World.ReportsToAsync("Lee", "Dana", "dotted");
        await World.InfluencesAsync("Lee", "Dana", 0.7);
        await World.RapportAsync("Lee", "Dana", "sympathy");
        await World.MemberAsync("Dana", ["decider"], danaAttitude, influence: 5);
        await World.MemberAsync("Lee", ["influencer"], "neutral", influence: 2);
        if (knowDana) await World.KnowsAsync("Alex", "Dana", 0.7);
    }

    [Test]
    public async Task Green_when_a_supportive_decider_is_covered()
    {
        await PursuitAsync("champion", knowDana: true);

        var map = await World.PowerMapAsync();

        var dana = map.Members.Single(m => m.Person.Name == "Dana");
        Assert.Multiple(() =>
        {
            Assert.That(map.Status, Is.EqualTo(PowerMapStatus.Green));
            Assert.That(map.StatusReason, Does.Contain("Dana"));
            Assert.That(dana.Coverage, Is.EqualTo(0.7).Within(1e-6));
            Assert.That(World.Route(dana.BestPath!), Is.EqualTo("Alex > Dana"));
            Assert.That(map.Lines.Select(l => (l.Type, l.Kind, l.Strength, l.Sentiment)),
                Is.EquivalentTo(new (string, string?, double?, string?)[]
                {
                    ("reports-to", "dotted", null, null), ("influences", "advisor", 0.7, null), ("rapport", null, null, "sympathy"),
                }));
            Assert.That(map.Lines.Select(l => new[] { l.FromId, l.ToId }.Order()),
                Is.All.EquivalentTo(new[] { World.Id("Dana"), World.Id("Lee") }));
        });
    }

    [Test]
    public async Task Amber_when_a_supportive_key_player_is_not_covered_yet()
    {
        await PursuitAsync("supporter", knowDana: false);
        var map = await World.PowerMapAsync();
        Assert.That(map.Status, Is.EqualTo(PowerMapStatus.Amber));
        Assert.That(map.Gaps.Select(g => g.Code), Does.Contain(GapCode.UncoveredTarget));
    }

    [Test]
    public async Task Red_when_no_key_player_is_supportive()
    {
        await PursuitAsync("skeptic", knowDana: true);
        var map = await World.PowerMapAsync();
        Assert.That(map.Status, Is.EqualTo(PowerMapStatus.Red));
        Assert.That(map.Members, Has.Count.EqualTo(2));
    }
}
