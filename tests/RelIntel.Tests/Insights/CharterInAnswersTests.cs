using System.Net;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>The answers keep the charter: hidden relationships only as introductions, and only where the charter allows.</summary>
public sealed class CharterInAnswersTests : ApiTest
{
    /// <summary>Ava's private relationship to Dana, the Decider; Sam, a seller, is on the pursuit team alone.</summary>
    private async Task<HttpClient> SamsPursuitAsync()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava");
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TeamAsync("Sam");
        await World.KnowsAsync("Ava", "Dana", 0.7731, visibility: "private");
        await World.MemberAsync("Dana", ["decider"]);
        return await ClientAsAsync("seller", World.Id("Sam"));
    }

    [Test]
    public async Task A_hidden_relationship_is_an_introduction_with_a_fixed_trust_and_no_details()
    {
        var sam = await SamsPursuitAsync();

        var asSamText = await World.As(sam).TextAsync($"/api/opportunities/{World.Deal}/recommendations");
        var asSam = asSamText.Read<RecommendationsResponse>();
        var asAdmin = await World.RecommendationsAsync();

        var hop = asSam.Targets[0].Paths[0].Hops.Single();
        Assert.Multiple(() =>
        {
            Assert.That(hop.Type, Is.EqualTo(HopType.Introduction));
            Assert.That(hop.From.Name, Is.EqualTo("Ava"));
            Assert.That(hop.Trust, Is.EqualTo(0.4));
            Assert.That(hop.Basis, Does.Contain("ask Ava for an introduction"));
            Assert.That(asSamText, Does.Not.Contain("0.7731"));
            Assert.That(asSam.Plan[0].OurPerson.Name, Is.EqualTo("Ava"));
            Assert.That(asAdmin.Targets[0].Paths[0].Hops[0].Type, Is.EqualTo(HopType.Knows));
            Assert.That(asAdmin.Targets[0].Coverage, Is.EqualTo(0.7731));
        });
    }

    [Test]
    public async Task Without_introductions_in_the_charter_a_hidden_relationship_is_no_route_at_all()
    {
        var sam = await SamsPursuitAsync();
        await World.SetCharterAsync("introductionsAllowed", false);
        try
        {
            var asSam = await sam.GetAsync($"/api/opportunities/{World.Deal}/recommendations")
                .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
            var mapText = await World.As(sam).TextAsync($"/api/opportunities/{World.Deal}/power-map");
            var map = mapText.Read<PowerMapResponse>();

            Assert.Multiple(() =>
            {
                Assert.That(asSam.Targets[0].Paths, Is.Empty);
                Assert.That(asSam.Plan, Is.Empty);
                Assert.That(asSam.Gaps.Select(g => g.Code), Does.Contain(GapCode.UncoveredTarget));
                Assert.That(map.Members[0].Coverage, Is.Zero);
                Assert.That(mapText, Does.Not.Contain(World.Id("Ava")));
            });
        }
        finally
        {
            await World.ResetCharterAsync();
        }
    }

    [Test]
    public async Task Reading_routes_is_audited_with_the_relationships_they_cross()
    {
        await SamsPursuitAsync();
        var key = await Keys.CreateAsync("seller", World.Id("Sam"));
        using var sam = Keys.ClientFor(key.Secret);

        await sam.GetAsync($"/api/opportunities/{World.Deal}/recommendations").ShouldBe(HttpStatusCode.OK);

        var entry = (await World.AuditOfAsync(key.Name)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Endpoint, Is.EqualTo("/api/opportunities/{id}/recommendations"));
            Assert.That(entry.Relationships, Is.EqualTo(new[] { $"{World.Id("Ava")}|{World.Id("Dana")}" }));
        });
    }

    [Test]
    public async Task The_plans_routes_are_audited_too_though_the_answer_shows_no_path_for_them()
    {
        // Kim knows Dana best; Sam, on the team, knows her well enough: the plan sends Sam, the single path shown is Kim's.
        await World.PursuitAsync();
        await World.OursAsync("Kim");
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TeamAsync("Sam");
        await World.KnowsAsync("Kim", "Dana", 0.9);
        await World.KnowsAsync("Sam", "Dana", 0.6);
        await World.MemberAsync("Dana", ["decider"]);
        var key = await Keys.CreateAsync("integration");
        using var reader = Keys.ClientFor(key.Secret);

        var answer = await World.As(reader).RecommendationsAsync(pathsPerTarget: 1);

        Assert.That(World.Route(answer.Targets[0].Paths[0]), Is.EqualTo("Kim > Dana"));
        Assert.That(answer.Plan[0].OurPerson.Name, Is.EqualTo("Sam"));
        var audit = await World.AuditOfAsync(key.Name);
        Assert.That(audit[0].Relationships,
            Is.EquivalentTo(new[] { $"{World.Id("Kim")}|{World.Id("Dana")}", $"{World.Id("Sam")}|{World.Id("Dana")}" }));
    }

    [Test]
    public async Task Every_role_may_ask_and_a_missing_key_may_not()
    {
        var sam = await SamsPursuitAsync();
        using var integration = await ClientAsAsync("integration");
        using var nobody = Keys.ClientFor(null);

        await sam.GetAsync($"/api/organizations/{World.Customer}/influencers").ShouldBe(HttpStatusCode.OK);
        await integration.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        await nobody.GetAsync($"/api/opportunities/{World.Deal}/recommendations").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await nobody.GetAsync($"/api/paths?from={World.Id("Sam")}&to={World.Id("Dana")}").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
