using System.Net;

namespace RelIntel.Tests.Insights;

/// <summary>Whom to reach when no buying center is known: influence from the hierarchy and from informal lines.</summary>
public sealed class InfluencersTests : ApiTest
{
    [Test]
    public async Task People_rank_by_level_span_and_informal_influence_with_each_factor_shown()
    {
        await World.PursuitAsync();
        foreach (var name in new[] { "Ceo", "Cfo", "Cto", "Eng1", "Eng2", "Eng3", "Guru", "Quiet" }) await World.TheirsAsync(name);
        await World.TheirsAsync("Hidden", doNotContact: true);
        await World.ReportsToAsync("Cfo", "Ceo");
        await World.ReportsToAsync("Cto", "Ceo");
        foreach (var engineer in new[] { "Eng1", "Eng2", "Eng3", "Guru" }) await World.ReportsToAsync(engineer, "Cto");
        await World.ReportsToAsync("Quiet", "Cfo");
        await World.ReportsToAsync("Hidden", "Ceo");
        // The guru's view weighs with the CTO and the CFO, and second-hand with whoever the CTO advises.
        await World.InfluencesAsync("Eng1", "Guru", 0.9);
        await World.InfluencesAsync("Eng2", "Guru", 0.9);
        await World.InfluencesAsync("Eng3", "Guru", 0.8);
        // A do-not-contact person is neither counted nor carries influence.
        await World.InfluencesAsync("Hidden", "Guru", 0.5);

        var answer = await Client.GetAsync($"/api/organizations/{World.Customer}/influencers?top=4").ShouldBe(HttpStatusCode.OK);

        var ranked = answer["influencers"]!.AsArray();
        Assert.That(ranked.Select(r => r!["person"]!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Ceo", "Cto", "Guru", "Cfo" }));
        var guru = ranked[2]!["factors"]!;
        Assert.Multiple(() =>
        {
            Assert.That(ranked[0]!["factors"]!["level"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(ranked[0]!["factors"]!["reportsBelow"]!.GetValue<int>(), Is.EqualTo(7), "the do-not-contact report is not counted");
            Assert.That(guru["level"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(guru["directInfluenceReceived"]!.GetValue<double>(), Is.EqualTo(2.6).Within(1e-6));
            Assert.That(guru["informalScore"]!.GetValue<double>(), Is.EqualTo(1.0));
            Assert.That(ranked[2]!["influence"]!.GetValue<double>(),
                Is.EqualTo(0.35 * guru["levelScore"]!.GetValue<double>() + 0.35 * guru["spanScore"]!.GetValue<double>() + 0.3).Within(1e-6));
            Assert.That(answer.ToJsonString(), Does.Not.Contain("Hidden"));
            Assert.That(answer["scoreNote"]!.GetValue<string>(), Does.Contain("not a probability"));
        });
    }

    [Test]
    public async Task Unknown_own_or_malformed_organizations_are_refused()
    {
        await World.PursuitAsync();
        await Client.GetAsync("/api/organizations/no-such-org/influencers").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync($"/api/organizations/{World.Us}/influencers")
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "id");
        await Client.GetAsync($"/api/organizations/{World.Customer}/influencers?top=0")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "top");
        await Client.GetAsync($"/api/organizations/{World.Customer}/influencers?top=101")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "top");
        var empty = await Client.GetAsync($"/api/organizations/{World.Customer}/influencers").ShouldBe(HttpStatusCode.OK);
        Assert.That(empty["influencers"]!.AsArray(), Is.Empty);
    }
}
