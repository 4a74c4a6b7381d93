using System.Net;
using RelIntel.Api.Domain.Pursuit;

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
        // Three engineers' views weigh with the guru's.
        await World.InfluencesAsync("Eng1", "Guru", 0.9);
        await World.InfluencesAsync("Eng2", "Guru", 0.9);
        await World.InfluencesAsync("Eng3", "Guru", 0.8);
        // A do-not-contact person is neither counted nor carries influence.
        await World.InfluencesAsync("Hidden", "Guru", 0.5);

        var text = await World.TextAsync($"/api/organizations/{World.Customer}/influencers?top=8");
        var answer = text.Read<InfluencersResponse>();

        var ranked = answer.Influencers;
        var byName = ranked.ToDictionary(r => r.Person.Name);
        var guru = byName["Guru"].Factors;
        Assert.Multiple(() =>
        {
            Assert.That(ranked[0].Person.Name, Is.EqualTo("Ceo"));
            Assert.That(ranked[0].Factors.Level, Is.EqualTo(0));
            Assert.That(ranked[0].Factors.ReportsBelow, Is.EqualTo(7), "the do-not-contact report is not counted");
            Assert.That(guru.Level, Is.EqualTo(2));
            Assert.That(guru.NetworkRank, Is.GreaterThan(byName["Eng1"].Factors.NetworkRank), "three colleagues' views weigh with the guru");
            Assert.That(byName["Guru"].Influence,
                Is.EqualTo(0.35 * guru.LevelScore + 0.35 * guru.SpanScore + 0.3 * guru.NetworkScore).Within(1e-5));
            Assert.That(ranked.Count, Is.EqualTo(8));
            Assert.That(text, Does.Not.Contain("Hidden"));
            Assert.That(answer.ScoreNote, Does.Contain("not a probability"));
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
        var empty = await Client.GetAsync($"/api/organizations/{World.Customer}/influencers").ShouldBe<InfluencersResponse>(HttpStatusCode.OK);
        Assert.That(empty.Influencers, Is.Empty);
    }
}
