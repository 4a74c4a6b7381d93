using System.Net;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Demo;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Demo;

/// <summary>The walk-through account loads through the API on request, and only where the setting allows it.</summary>
public sealed class DemoAccountTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };

    [Test]
    public async Task The_walk_through_account_loads_completely_and_loading_again_changes_nothing()
    {
        for (var round = 0; round < 2; round++)
        {
            var load = await Client.PostAsync("/api/demo", null).ShouldBe<DemoEndpoints.DemoResponse>(HttpStatusCode.OK);
            Assert.That(load.Failures, Is.Empty, string.Join("; ", load.Failures));
            Assert.That(load.Succeeded, Is.EqualTo(load.Requests));
        }

        var people = await Client.GetAsync("/api/organizations/globex/people").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK);
        Assert.That(people.Total, Is.EqualTo(8));
        var dana = await Client.GetAsync("/api/people/globex-whitfield").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(dana.ManagerId, Is.EqualTo("globex-hale"));
        var opportunity = await Client.GetAsync("/api/opportunities/opp-globex-platform").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(opportunity.BuyingCenter, Has.Count.EqualTo(6));
        Assert.That(opportunity.Team, Has.Count.EqualTo(3));
        var known = await Client.GetAsync("/api/people/globex-whitfield/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(known.Items.Select(r => r.OurPerson.Id), Does.Contain("acme-ava"));

        // The answers the README shows for this account.
        var answer = await Client.GetAsync("/api/opportunities/opp-globex-platform/recommendations?pathsPerTarget=2")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Targets[0].Person.Id, Is.EqualTo("globex-ito"), "the Decider comes first");
            Assert.That(answer.Targets[0].Paths[0].Explanation, Does.Contain("Ana Novak reports to Sam Ito"));
            Assert.That(answer.Plan.Select(e => e.TheirPerson.Id),
                Is.EquivalentTo(new[] { "globex-ito", "globex-okafor", "globex-whitfield", "globex-brandt", "globex-novak" }));
            Assert.That(answer.Gaps.Select(g => g.Code), Is.EquivalentTo(new[] { GapCode.UncoveredTarget, GapCode.CompetitorSupporter }));
        });
    }

    [Test]
    public async Task Without_the_setting_there_is_no_demo_endpoint()
    {
        await using var app = new RelIntelApp(TestNeo4j.Uri);
        await app.CreateClient().PostAsync("/api/demo", null).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
