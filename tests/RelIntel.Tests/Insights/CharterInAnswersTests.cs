using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>The answers keep the charter: hidden relationships only as introductions, and only where the charter allows.</summary>
public sealed class CharterInAnswersTests : ApiTest
{
    /// <summary>Ava's private relationship to Dana, the Decider; Sam, a seller, is on the pursuit team alone.</summary>
    private async Task<(Pursuit Pursuit, HttpClient Sam)> PursuitAsync()
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Ava");
        await pursuit.OursAsync("Sam");
        await pursuit.TheirsAsync("Dana");
        await pursuit.TeamAsync("Sam");
        await pursuit.KnowsAsync("Ava", "Dana", 0.7731, visibility: "private");
        await pursuit.MemberAsync("Dana", ["decider"]);
        return (pursuit, await ClientAsAsync("seller", pursuit.Id("Sam")));
    }

    [Test]
    public async Task A_hidden_relationship_is_an_introduction_with_a_fixed_trust_and_no_details()
    {
        var (pursuit, sam) = await PursuitAsync();

        var asSam = await sam.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/recommendations").ShouldBe(HttpStatusCode.OK);
        var asAdmin = await pursuit.RecommendationsAsync();

        var hop = asSam["targets"]![0]!["paths"]![0]!["hops"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(hop["type"]!.GetValue<string>(), Is.EqualTo("introduction"));
            Assert.That(hop["from"]!["name"]!.GetValue<string>(), Is.EqualTo("Ava"));
            Assert.That(hop["trust"]!.GetValue<double>(), Is.EqualTo(0.4));
            Assert.That(hop["basis"]!.GetValue<string>(), Does.Contain("ask Ava for an introduction"));
            Assert.That(asSam.ToJsonString(), Does.Not.Contain("0.7731"));
            Assert.That(asSam["plan"]![0]!["ourPerson"]!["name"]!.GetValue<string>(), Is.EqualTo("Ava"));
            Assert.That(asAdmin["targets"]![0]!["paths"]![0]!["hops"]![0]!["type"]!.GetValue<string>(), Is.EqualTo("knows"));
            Assert.That(asAdmin["targets"]![0]!["coverage"]!.GetValue<double>(), Is.EqualTo(0.7731));
        });
    }

    [Test]
    public async Task Without_introductions_in_the_charter_a_hidden_relationship_is_no_route_at_all()
    {
        var (pursuit, sam) = await PursuitAsync();
        var charter = await Client.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
        charter["introductionsAllowed"] = false;
        await Client.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);
        try
        {
            var asSam = await sam.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/recommendations").ShouldBe(HttpStatusCode.OK);
            var map = await sam.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/power-map").ShouldBe(HttpStatusCode.OK);

            Assert.Multiple(() =>
            {
                Assert.That(asSam["targets"]![0]!["paths"]!.AsArray(), Is.Empty);
                Assert.That(asSam["plan"]!.AsArray(), Is.Empty);
                Assert.That(asSam["gaps"]!.AsArray().Select(g => g!["code"]!.GetValue<string>()), Does.Contain("uncovered-target"));
                Assert.That(map["members"]![0]!["coverage"]!.GetValue<double>(), Is.Zero);
                Assert.That(map.ToJsonString(), Does.Not.Contain(pursuit.Id("Ava")));
            });
        }
        finally
        {
            await Client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);
        }
    }

    [Test]
    public async Task Reading_routes_is_audited_with_the_relationships_they_cross()
    {
        var (pursuit, _) = await PursuitAsync();
        var key = await Keys.CreateAsync("seller", pursuit.Id("Sam"));
        using var sam = Keys.ClientFor(key.Secret);

        await sam.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/recommendations").ShouldBe(HttpStatusCode.OK);

        var audit = await Client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString(key.Name)}").ShouldBe(HttpStatusCode.OK);
        var entry = audit["items"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(entry["endpoint"]!.GetValue<string>(), Is.EqualTo("/api/opportunities/{id}/recommendations"));
            Assert.That(entry["relationships"]!.AsArray().Select(r => r!.GetValue<string>()),
                Is.EqualTo(new[] { $"{pursuit.Id("Ava")}|{pursuit.Id("Dana")}" }));
        });
    }

    [Test]
    public async Task The_plans_routes_are_audited_too_though_the_answer_shows_no_path_for_them()
    {
        // Kim knows Dana best; Sam, on the team, knows her well enough: the plan sends Sam, the single path shown is Kim's.
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Kim");
        await pursuit.OursAsync("Sam");
        await pursuit.TheirsAsync("Dana");
        await pursuit.TeamAsync("Sam");
        await pursuit.KnowsAsync("Kim", "Dana", 0.9);
        await pursuit.KnowsAsync("Sam", "Dana", 0.6);
        await pursuit.MemberAsync("Dana", ["decider"]);
        var key = await Keys.CreateAsync("integration");
        using var reader = Keys.ClientFor(key.Secret);

        var answer = await reader.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/recommendations?pathsPerTarget=1")
            .ShouldBe(HttpStatusCode.OK);

        Assert.That(pursuit.Route(answer["targets"]![0]!["paths"]![0]!), Is.EqualTo("Kim > Dana"));
        Assert.That(answer["plan"]![0]!["ourPerson"]!["name"]!.GetValue<string>(), Is.EqualTo("Sam"));
        var audit = await Client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString(key.Name)}").ShouldBe(HttpStatusCode.OK);
        Assert.That(audit["items"]![0]!["relationships"]!.AsArray().Select(r => r!.GetValue<string>()),
            Is.EquivalentTo(new[] { $"{pursuit.Id("Kim")}|{pursuit.Id("Dana")}", $"{pursuit.Id("Sam")}|{pursuit.Id("Dana")}" }));
    }

    [Test]
    public async Task Every_role_may_ask_and_a_missing_key_may_not()
    {
        var (pursuit, sam) = await PursuitAsync();
        using var integration = await ClientAsAsync("integration");
        using var nobody = Keys.ClientFor(null);

        await sam.GetAsync($"/api/organizations/{pursuit.CustomerId}/influencers").ShouldBe(HttpStatusCode.OK);
        await integration.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/power-map").ShouldBe(HttpStatusCode.OK);
        await nobody.GetAsync($"/api/opportunities/{pursuit.OpportunityId}/recommendations").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await nobody.GetAsync($"/api/paths?from={pursuit.Id("Sam")}&to={pursuit.Id("Dana")}").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
