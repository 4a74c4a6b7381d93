using System.Net;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.People;

/// <summary>
/// Someone we know who moves to another customer brings our relationship along, and the routes to them say why: "moved
/// here from Globex; Ava Reyes knows them". The owner is named as knowing them only to callers who may see the
/// relationship; to others a hidden one keeps the introduction's wording.
/// </summary>
public sealed class MovedRouteReasonTests : ApiTest
{
    private sealed record Move(string Us, string Globex, string Initech, string Ava, string Victor, string Lee, string Deal);

    /// <summary>Lee Okafor worked at Globex, where <paramref name="knower"/> of ours got to know her; she is now at Initech, in a deal there.</summary>
    private async Task<Move> LeeMovesToInitechAsync(Func<Move, (string OurPersonId, string Visibility)> knower)
    {
        var us = await World.OrganizationAsync("own", "Acme");
        var globex = await World.OrganizationAsync("customer", "Globex");
        var initech = await World.OrganizationAsync("customer", "Initech");
        var move = new Move(us, globex, initech, await World.PersonAsync(us, "Ava Reyes", seniority: "executive"),
            await World.PersonAsync(us, "Victor Lang", seniority: "executive"), await World.PersonAsync(globex, "Lee Okafor"), NewId("opp"));
        var (ourPersonId, visibility) = knower(move);
        await World.KnowsAsync(ourPersonId, move.Lee, 0.9, visibility, since: "2019-04-01");
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await PutAsync($"/api/people/{move.Lee}", new { name = "Lee Okafor", organizationId = initech, title = "CFO" }).ShouldBe(HttpStatusCode.OK);
        await PutAsync($"/api/opportunities/{move.Deal}", new { name = "Initech platform", organizationId = initech, stage = "proposal" })
            .ShouldBe(HttpStatusCode.Created);
        await World.MemberAsync(move.Lee, ["decider"], "supporter", deal: move.Deal);
        return move;
    }

    private static TargetRecommendation LeeIn(RecommendationsResponse recommendations, Move move) =>
        recommendations.Targets.Single(t => t.Person.Id == move.Lee);

    [Test]
    public async Task The_route_to_someone_who_moved_says_our_relationship_followed_them_in_paths_and_plan()
    {
        var move = await LeeMovesToInitechAsync(m => (m.Ava, "company"));

        var recommendations = await Client.GetAsync($"/api/opportunities/{move.Deal}/recommendations")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        var paths = await Client.GetAsync($"/api/paths?from={move.Ava}&to={move.Lee}").ShouldBe<PathsResponse>(HttpStatusCode.OK);

        const string reason = "Lee Okafor moved here from Globex; Ava Reyes knows them";
        var best = LeeIn(recommendations, move).Paths[0];
        var plan = recommendations.Plan.Single(e => e.TheirPerson.Id == move.Lee);
        Assert.Multiple(() =>
        {
            Assert.That(best.Explanation, Does.StartWith(reason + ". Score = 0.9"));
            Assert.That(plan.OurPerson.Id, Is.EqualTo(move.Ava));
            Assert.That(plan.Reason, Does.Contain(reason));
            Assert.That(paths.Paths[0].Explanation, Does.Contain(reason));
        });
    }

    [Test]
    public async Task Someone_who_never_moved_gets_no_such_reason()
    {
        var us = await World.OrganizationAsync("own", "Acme");
        var globex = await World.OrganizationAsync("customer", "Globex");
        var ava = await World.PersonAsync(us, "Ava Reyes");
        var lee = await World.PersonAsync(globex, "Lee Okafor");
        await World.KnowsAsync(ava, lee, 0.9);

        var paths = await Client.GetAsync($"/api/paths?from={ava}&to={lee}").ShouldBe<PathsResponse>(HttpStatusCode.OK);

        Assert.That(paths.Paths[0].Explanation, Does.StartWith("Ava Reyes knows Lee Okafor."));
    }

    [Test]
    public async Task A_caller_who_may_not_see_the_relationship_is_told_to_ask_for_an_introduction_not_who_knows_them()
    {
        var move = await LeeMovesToInitechAsync(m => (m.Victor, "private"));
        using var seller = await ClientAsAsync("seller", move.Ava);

        var sellerText = (await seller.GetAsync($"/api/opportunities/{move.Deal}/recommendations").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        var asSeller = sellerText.Read<RecommendationsResponse>();
        var asAdmin = await Client.GetAsync($"/api/opportunities/{move.Deal}/recommendations").ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(LeeIn(asSeller, move).Paths[0].Explanation,
                Does.StartWith("Lee Okafor moved here from Globex; ask Victor Lang for an introduction to them."));
            Assert.That(sellerText, Does.Not.Contain("Victor Lang knows"), "anywhere in the seller's answer");
            Assert.That(LeeIn(asAdmin, move).Paths[0].Explanation, Does.StartWith("Lee Okafor moved here from Globex; Victor Lang knows them."));
        });
    }
}
