using System.Net;
using System.Text.Json.Nodes;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>What a sales expert expects from "whom to reach, and through whom".</summary>
public sealed class RecommendationsTests : ApiTest
{
    private JsonObject Target(JsonNode answer, string name) =>
        answer["targets"]!.AsArray().Single(t => t!["person"]!["id"]!.GetValue<string>() == World.Id(name))!.AsObject();

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

        var paths = Target(answer, "Dana")["paths"]!.AsArray();
        Assert.That(paths.Select(p => World.Route(p!)), Is.EqualTo(new[] { "Alex > Kim > Dana", "Sam > Dana" }));
        var best = paths[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(best["score"]!.GetValue<double>(), Is.EqualTo(0.9 * 0.9 * 0.9).Within(1e-6), "0.9 × 0.9 × hop penalty 0.9");
            Assert.That(best["hops"]!.AsArray().Select(h => h!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "knows", "influences" }));
            Assert.That(best["hops"]![0]!["basis"]!.GetValue<string>(), Does.Contain("declared strength 0.9"));
            Assert.That(best["explanation"]!.GetValue<string>(), Does.Contain("Alex knows Kim").And.Contain("Kim's view weighs with Dana"));
            Assert.That(paths[1]!["score"]!.GetValue<double>(), Is.EqualTo(0.2).Within(1e-6));
            Assert.That(Target(answer, "Dana")["coverage"]!.GetValue<double>(), Is.EqualTo(0.729).Within(1e-6));
            Assert.That(answer["scoreNote"]!.GetValue<string>(), Does.Contain("not probabilities"));
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
            Assert.That(toDana["paths"]!.AsArray(), Is.Empty, "influence is never carried against its direction");
            Assert.That(toKim["paths"]!.AsArray().Select(p => World.Route(p!)), Is.EqualTo(new[] { "Alex > Sam > Kim" }));
            Assert.That(toKim["paths"]![0]!["hops"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("manager-of"));
            Assert.That(toKim["paths"]![0]!["score"]!.GetValue<double>(), Is.EqualTo(0.9 * 0.8 * 0.9).Within(1e-6));
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

        var paths = Target(answer, "Dana")["paths"]!.AsArray();
        Assert.That(paths.Select(p => World.Route(p!)), Is.EqualTo(new[] { "Alex > Dana" }), "Lee would carry the message to a rival");
        var risk = paths[0]!["risks"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(risk["code"]!.GetValue<string>(), Is.EqualTo("rivalry"));
            Assert.That(risk["personId"]!.GetValue<string>(), Is.EqualTo(World.Id("Dana")));
            Assert.That(risk["otherPersonId"]!.GetValue<string>(), Is.EqualTo(World.Id("Lee")));
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

        var recommendations = await World.RecommendationsAsync();
        var powerMap = await World.PowerMapAsync();
        var paths = await Client.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Quinn")}");

        Assert.Multiple(() =>
        {
            Assert.That(recommendations.ToJsonString(), Does.Not.Contain(World.Id("Quinn")).And.Not.Contain("Quinn"));
            Assert.That(powerMap.ToJsonString(), Does.Not.Contain(World.Id("Quinn")).And.Not.Contain("Quinn"));
            Assert.That(Target(recommendations, "Dana")["paths"]!.AsArray(), Is.Empty);
            Assert.That(recommendations["gaps"]!.AsArray().Select(g => g!["code"]!.GetValue<string>()), Does.Contain("uncovered-target"));
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

        var targets = answer["targets"]!.AsArray();
        Assert.That(targets.Select(t => World.Name(t!["person"]!["id"]!.GetValue<string>())), Is.EqualTo(new[] { "Otto", "Dana", "Uma" }));
        var otto = targets[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(otto["priority"]!.GetValue<double>(), Is.EqualTo(0.7 * 1.0 * 1.0).Within(1e-6));
            Assert.That(otto["priorityFactors"]!["weightiestRole"]!.GetValue<string>(), Is.EqualTo("influencer"));
            Assert.That(otto["priorityFactors"]!["roleWeight"]!.GetValue<double>(), Is.EqualTo(0.7));
            Assert.That(otto["priorityFactors"]!["influenceFactor"]!.GetValue<double>(), Is.EqualTo(1.0));
            Assert.That(otto["priorityFactors"]!["attitudeWeight"]!.GetValue<double>(), Is.EqualTo(1.0));
            Assert.That(targets[1]!["priority"]!.GetValue<double>(), Is.EqualTo(1.0 * 0.8 * 0.8).Within(1e-6));
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
        await PostAsync("/api/interactions", new
        {
            id = NewId("meeting"), at = App.Clock.GetUtcNow().AddDays(-300), kind = "meeting",
            participantIds = new[] { World.Id("Sam"), World.Id("Dana") },
        }).ShouldBe(HttpStatusCode.Created);

        var answer = await World.PathsAsync("Sam", "Dana");
        var viaAlex = await World.PathsAsync("Alex", "Dana");

        var hop = answer["paths"]![0]!["hops"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(hop["trust"]!.GetValue<double>(), Is.EqualTo(0.4).Within(1e-6));
            Assert.That(hop["basis"]!.GetValue<string>(), Does.Contain("stale"));
            Assert.That(viaAlex["paths"]![0]!["score"]!.GetValue<double>(), Is.EqualTo(0.6).Within(1e-6));
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

        var first = await World.RecommendationsAsync();
        var second = await World.RecommendationsAsync();

        Assert.That(second.ToJsonString(), Is.EqualTo(first.ToJsonString()));
        Assert.That(Target(first, "Dana")["paths"]!.AsArray().Select(p => World.Route(p!)),
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
