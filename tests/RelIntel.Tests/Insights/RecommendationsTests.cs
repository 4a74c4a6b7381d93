using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>What a sales expert expects from "whom to reach, and through whom".</summary>
public sealed class RecommendationsTests : ApiTest
{
    private TargetRecommendation Target(RecommendationsResponse answer, string name) =>
        answer.Targets.Single(t => t.Person.Id == World.Id(name));

    [Test]
    public async Task A_strong_route_through_an_influencer_beats_a_weak_direct_contact()
    {
        await World.PursuitAsync();
        await World.OursAsync("Alex");
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Kim");
        await World.KnowsAsync("Sam", "Dana", 0.2);
        await World.KnowsAsync("Alex", "Kim", 0.9);
        await World.InfluencesAsync("Kim", "Dana", 0.9);
        await World.MemberAsync("Dana", ["decider"]);

        var answer = await World.RecommendationsAsync();

        var paths = Target(answer, "Dana").Paths;
        Assert.That(paths.Select(World.Route), Is.EqualTo(new[] { "Alex > Kim > Dana", "Sam > Dana" }));
        var best = paths[0];
        Assert.Multiple(() =>
        {
            Assert.That(best.Score, Is.EqualTo(0.9 * 0.9 * 0.9).Within(1e-6), "0.9 × 0.9 × hop penalty 0.9");
            Assert.That(best.Hops.Select(h => h.Type), Is.EqualTo(new[] { HopType.Knows, HopType.Influences }));
            Assert.That(best.Hops[0].Basis, Does.Contain("declared strength 0.9"));
            Assert.That(best.Explanation, Does.Contain("Alex knows Kim").And.Contain("Kim's view weighs with Dana"));
            Assert.That(paths[1].Score, Is.EqualTo(0.2).Within(1e-6));
            Assert.That(Target(answer, "Dana").Coverage, Is.EqualTo(0.729).Within(1e-6));
            Assert.That(answer.ScoreNote, Does.Contain("not probabilities"));
        });
    }

    [Test]
    public async Task Our_own_reporting_line_is_one_step_and_influence_only_flows_toward_the_target()
    {
        await World.PursuitAsync();
        await World.OursAsync("Alex");
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Kim");
        await World.ReportsToAsync("Sam", "Alex");
        await World.KnowsAsync("Sam", "Kim", 0.8);
        await World.InfluencesAsync("Dana", "Kim", 0.9); // Dana's view weighs with Kim, not the other way round

        var toDana = await World.PathsAsync("Alex", "Dana");
        var toKim = await World.PathsAsync("Alex", "Kim");

        Assert.Multiple(() =>
        {
            Assert.That(toDana.Paths, Is.Empty, "influence is never carried against its direction");
            Assert.That(toKim.Paths.Select(World.Route), Is.EqualTo(new[] { "Alex > Sam > Kim" }));
            Assert.That(toKim.Paths[0].Hops[0].Type, Is.EqualTo(HopType.ManagerOf));
            Assert.That(toKim.Paths[0].Score, Is.EqualTo(0.9 * 0.8 * 0.9).Within(1e-6));
        });
    }

    [Test]
    public async Task A_rivalry_is_never_crossed_and_shows_as_a_risk()
    {
        await World.PursuitAsync();
        await World.OursAsync("Sam");
        await World.OursAsync("Alex");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Lee");
        await World.ReportsToAsync("Lee", "Dana");
        await World.RapportAsync("Lee", "Dana", "rivalry");
        await World.KnowsAsync("Sam", "Lee", 0.95);
        await World.KnowsAsync("Alex", "Dana", 0.3);
        await World.MemberAsync("Dana", ["decider"]);

        var answer = await World.RecommendationsAsync();

        var paths = Target(answer, "Dana").Paths;
        Assert.That(paths.Select(World.Route), Is.EqualTo(new[] { "Alex > Dana" }), "Lee would carry the message to a rival");
        var risk = paths[0].Risks.Single();
        Assert.Multiple(() =>
        {
            Assert.That(risk.Code, Is.EqualTo("rivalry"));
            Assert.That(risk.PersonId, Is.EqualTo(World.Id("Dana")));
            Assert.That(risk.OtherPersonId, Is.EqualTo(World.Id("Lee")));
        });
    }

    [Test]
    public async Task A_do_not_contact_person_never_appears_as_target_or_intermediary()
    {
        await World.PursuitAsync();
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Quinn", doNotContact: true);
        await World.ReportsToAsync("Quinn", "Dana");
        await World.KnowsAsync("Sam", "Quinn", 0.9);
        await World.MemberAsync("Dana", ["decider"]);
        await World.MemberAsync("Quinn", ["user"]);

        var recommendationsText = await World.TextAsync($"/api/opportunities/{World.Deal}/recommendations");
        var powerMapText = await World.TextAsync($"/api/opportunities/{World.Deal}/power-map");
        var paths = await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Quinn")}");

        var recommendations = recommendationsText.Read<RecommendationsResponse>();
        Assert.Multiple(() =>
        {
            Assert.That(recommendationsText, Does.Not.Contain(World.Id("Quinn")).And.Not.Contain("Quinn"));
            Assert.That(powerMapText, Does.Not.Contain(World.Id("Quinn")).And.Not.Contain("Quinn"));
            Assert.That(Target(recommendations, "Dana").Paths, Is.Empty);
            Assert.That(recommendations.Gaps.Select(g => g.Code), Does.Contain(GapCode.UncoveredTarget));
        });
        await paths.ShouldBeProblem(HttpStatusCode.NotFound, "to");
    }

    [Test]
    public async Task Targets_are_ordered_by_priority_and_an_influential_opponent_is_a_priority()
    {
        await World.PursuitAsync();
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Otto");
        await World.TheirsAsync("Uma");
        await World.MemberAsync("Dana", ["decider"], "supporter", influence: 4);
        await World.MemberAsync("Otto", ["influencer", "gatekeeper"], "opponent", influence: 5);
        await World.MemberAsync("Uma", ["user"], "champion", influence: 5);

        var answer = await World.RecommendationsAsync();

        var targets = answer.Targets;
        Assert.That(targets.Select(t => World.Name(t.Person.Id)), Is.EqualTo(new[] { "Otto", "Dana", "Uma" }));
        var otto = targets[0];
        Assert.Multiple(() =>
        {
            Assert.That(otto.Priority, Is.EqualTo(0.7 * 1.0 * 1.0).Within(1e-6));
            Assert.That(otto.PriorityFactors.WeightiestRole, Is.EqualTo(BuyingRole.Influencer));
            Assert.That(otto.PriorityFactors.RoleWeight, Is.EqualTo(0.7));
            Assert.That(otto.PriorityFactors.InfluenceFactor, Is.EqualTo(1.0));
            Assert.That(otto.PriorityFactors.AttitudeWeight, Is.EqualTo(1.0));
            Assert.That(targets[1].Priority, Is.EqualTo(1.0 * 0.8 * 0.8).Within(1e-6));
        });
    }

    [Test]
    public async Task A_stale_relationship_counts_less()
    {
        await World.PursuitAsync();
        await World.OursAsync("Sam");
        await World.OursAsync("Alex");
        await World.TheirsAsync("Dana");
        await World.KnowsAsync("Sam", "Dana", 0.8);
        await World.KnowsAsync("Alex", "Dana", 0.6);
        // Sam's last meeting with Dana was long ago: the relationship is stale, so it counts at half its strength.
        await World.MetAsync(App.Clock.GetUtcNow().AddDays(-300), "Sam", "Dana");

        var answer = await World.PathsAsync("Sam", "Dana");
        var viaAlex = await World.PathsAsync("Alex", "Dana");

        var hop = answer.Paths[0].Hops[0];
        Assert.Multiple(() =>
        {
            Assert.That(hop.Trust, Is.EqualTo(0.4).Within(1e-6));
            Assert.That(hop.Basis, Does.Contain("stale"));
            Assert.That(viaAlex.Paths[0].Score, Is.EqualTo(0.6).Within(1e-6));
        });
    }

    [Test]
    public async Task The_same_question_gets_the_same_answer()
    {
        await World.PursuitAsync();
        await World.OursAsync("Sam");
        await World.OursAsync("Alex");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Lee");
        await World.TheirsAsync("Kim");
        await World.ReportsToAsync("Lee", "Dana");
        await World.ReportsToAsync("Kim", "Dana");
        await World.KnowsAsync("Sam", "Lee", 0.5);
        await World.KnowsAsync("Alex", "Kim", 0.5);
        await World.MemberAsync("Dana", ["decider"]);

        var first = await World.TextAsync($"/api/opportunities/{World.Deal}/recommendations");
        var second = await World.TextAsync($"/api/opportunities/{World.Deal}/recommendations");

        Assert.That(second, Is.EqualTo(first));
        Assert.That(Target(first.Read<RecommendationsResponse>(), "Dana").Paths.Select(World.Route),
            Is.EqualTo(new[] { "Alex > Kim > Dana", "Sam > Lee > Dana" }), "equal scores are ordered by the people's ids");
    }

    [Test]
    public async Task Bad_requests_are_refused_naming_the_field()
    {
        await World.PursuitAsync();
        await World.OursAsync("Sam");
        await World.OursAsync("Alex");
        await World.TheirsAsync("Dana");

        await Client.GetAsync($"/api/opportunities/{World.Deal}/recommendations?pathsPerTarget=0")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "pathsPerTarget");
        await Client.GetAsync($"/api/opportunities/{World.Deal}/recommendations?pathsPerTarget=11")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "pathsPerTarget");
        await Client.GetAsync("/api/opportunities/no-such-deal/recommendations").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync("/api/opportunities/no-such-deal/power-map").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync($"/api/paths?to={World.Id("Dana")}").ShouldBeProblem(HttpStatusCode.BadRequest, "from");
        await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Dana")}&maxHops=5")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "maxHops");
        await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Dana")}&k=100")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "k");
        await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Dana")}&k=abc")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "k");
        await Client.GetAsync($"/api/paths?from={World.Id("Dana")}&to={World.Id("Sam")}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "from");
        await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Alex")}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await Client.GetAsync($"/api/paths?from=nobody&to={World.Id("Dana")}").ShouldBeProblem(HttpStatusCode.NotFound, "from");
        await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to=a%27%7D%20DETACH%20DELETE")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "to");
    }
}
