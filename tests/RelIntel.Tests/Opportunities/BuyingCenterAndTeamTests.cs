using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Opportunities;

/// <summary>The customer people in an opportunity's buying center and our people on its pursuit team.</summary>
public sealed class BuyingCenterAndTeamTests : ApiTest
{

    [Test]
    public async Task Buying_center_and_team_members_are_put_read_with_the_opportunity_and_a_resend_changes_nothing()
    {
        var customer = await World.OrganizationAsync("customer");
        var competitor = await World.OrganizationAsync("competitor");
        var own = await World.OrganizationAsync("own");
        var (dana, omar) = (await World.PersonAsync(customer, "Dana"), await World.PersonAsync(customer, "Omar"));
        var alex = await World.PersonAsync(own, "Alex");
        var opportunity = await World.OpportunityAsync(customer);

        var danaPath = $"/api/opportunities/{opportunity}/buying-center/{dana}";
        var danaBody = new { roles = new[] { "user", "decider" }, attitude = "supporter", influence = 4, coach = true, favorsCompetitorId = competitor };
        var member = await PutAsync(danaPath, danaBody).ShouldBe(HttpStatusCode.Created);
        var danaMember = member.Read<BuyingCenterMemberResponse>();
        Assert.That(danaMember.Roles, Is.EqualTo(new[] { BuyingRole.Decider, BuyingRole.User }));
        Assert.That(danaMember.Attitude, Is.EqualTo(Attitude.Supporter));
        Assert.That(danaMember.Influence, Is.EqualTo(4));
        Assert.That(danaMember.Coach, Is.True);
        Assert.That(danaMember.FavorsCompetitorId, Is.EqualTo(competitor));
        Assert.That(danaMember.OrganizationId, Is.EqualTo(customer));
        var resent = await PutAsync(danaPath, danaBody with { roles = ["decider", "user"] }).ShouldBe(HttpStatusCode.OK);
        Assert.That(resent.ToJsonString(), Is.EqualTo(member.ToJsonString()));

        var omarMember = await PutAsync($"/api/opportunities/{opportunity}/buying-center/{omar}", new { roles = new[] { "gatekeeper" }, attitude = "opponent" })
            .ShouldBe<BuyingCenterMemberResponse>(HttpStatusCode.Created);
        Assert.That(omarMember.Influence, Is.EqualTo(3));
        Assert.That(omarMember.Coach, Is.False);
        Assert.That(omarMember.FavorsCompetitorId, Is.Null);

        var teamPath = $"/api/opportunities/{opportunity}/team/{alex}";
        var teammate = await PutAsync(teamPath, new { role = "account-executive" }).ShouldBe<TeamMemberResponse>(HttpStatusCode.Created);
        Assert.That(teammate.Role, Is.EqualTo(TeamRole.AccountExecutive));
        await PutAsync(teamPath, new { role = "account-executive" }).ShouldBe(HttpStatusCode.OK);

        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe(HttpStatusCode.OK);
        var buyingCenter = read["buyingCenter"]!.AsArray();
        Assert.That(buyingCenter[0]!.ToJsonString(), Is.EqualTo(member.ToJsonString()), "word for word");
        var opportunityRead = read.Read<OpportunityResponse>();
        Assert.That(opportunityRead.BuyingCenter.Select(m => m.PersonId), Is.EqualTo(new[] { dana, omar }));
        Assert.That(opportunityRead.Team.Select(m => m.PersonId), Is.EqualTo(new[] { alex }));
        Assert.That(opportunityRead.Team[0].Role, Is.EqualTo(TeamRole.AccountExecutive));

        // A changed role replaces the old one; still one membership.
        await PutAsync(teamPath, new { role = "executive-sponsor" }).ShouldBe(HttpStatusCode.OK);
        read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe(HttpStatusCode.OK);
        Assert.That(read.Read<OpportunityResponse>().Team.Single().Role, Is.EqualTo(TeamRole.ExecutiveSponsor));
        var listed = await Client.GetAsync($"/api/opportunities?organizationId={customer}").ShouldBe(HttpStatusCode.OK);
        Assert.That(listed["items"]![0]!.ToJsonString(), Is.EqualTo(read.ToJsonString()));
    }

    [Test]
    public async Task A_partners_person_may_join_as_an_external_influencer_but_not_as_decider()
    {
        var customer = await World.OrganizationAsync("customer");
        var partner = await World.OrganizationAsync("partner");
        var consultant = await World.PersonAsync(partner, "Consultant");
        var opportunity = await World.OpportunityAsync(customer);
        var path = $"/api/opportunities/{opportunity}/buying-center/{consultant}";

        await PutAsync(path, new { roles = new[] { "decider" }, attitude = "neutral" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "personId");
        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.BuyingCenter, Is.Empty);

        var member = await PutAsync(path, new { roles = new[] { "influencer" }, attitude = "champion" })
            .ShouldBe<BuyingCenterMemberResponse>(HttpStatusCode.Created);
        Assert.That(member.OrganizationId, Is.EqualTo(partner));
        // Dropping the influencer role later is refused: a partner's person is only ever an influencer here.
        await PutAsync(path, new { roles = new[] { "decider" }, attitude = "champion" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "personId");
        read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.BuyingCenter[0].Roles, Is.EqualTo(new[] { BuyingRole.Influencer }));
    }

    [Test]
    public async Task People_of_other_customers_our_side_or_competitors_cannot_join_the_buying_center()
    {
        var customer = await World.OrganizationAsync("customer");
        var opportunity = await World.OpportunityAsync(customer);
        foreach (var kind in new[] { "customer", "own", "competitor" })
        {
            var outsider = await World.PersonAsync(await World.OrganizationAsync(kind));
            await PutAsync($"/api/opportunities/{opportunity}/buying-center/{outsider}", new { roles = new[] { "influencer" }, attitude = "neutral" })
                .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "personId");
        }
    }

    [Test]
    public async Task Bad_buying_center_input_is_refused_naming_the_field_and_nothing_is_written()
    {
        var customer = await World.OrganizationAsync("customer");
        var person = await World.PersonAsync(customer);
        var opportunity = await World.OpportunityAsync(customer);
        var path = $"/api/opportunities/{opportunity}/buying-center/{person}";

        var problem = await PutAsync(path, new { influence = 3 }).ShouldBeProblem(HttpStatusCode.BadRequest, "roles");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("attitude"));
        await PutAsync(path, new { roles = Array.Empty<string>(), attitude = "neutral" }).ShouldBeProblem(HttpStatusCode.BadRequest, "roles");
        await PutAsync(path, new { roles = new[] { "user", "user" }, attitude = "neutral" }).ShouldBeProblem(HttpStatusCode.BadRequest, "roles");
        await PutAsync(path, new { roles = new[] { "boss" }, attitude = "neutral" }).ShouldBeProblem(HttpStatusCode.BadRequest, "roles[0]");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "hostile" }).ShouldBeProblem(HttpStatusCode.BadRequest, "attitude");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "neutral", influence = 0 }).ShouldBeProblem(HttpStatusCode.BadRequest, "influence");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "neutral", influence = 6 }).ShouldBeProblem(HttpStatusCode.BadRequest, "influence");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "neutral", coach = "yes" }).ShouldBeProblem(HttpStatusCode.BadRequest, "coach");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "neutral", favorsCompetitorId = "bad id" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "favorsCompetitorId");

        var missingCompetitor = NewId("org");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "skeptic", favorsCompetitorId = missingCompetitor })
            .ShouldBeProblem(HttpStatusCode.NotFound, "favorsCompetitorId");
        var notACompetitor = await World.OrganizationAsync("partner");
        await PutAsync(path, new { roles = new[] { "user" }, attitude = "skeptic", favorsCompetitorId = notACompetitor })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "favorsCompetitorId");

        await PutAsync($"/api/opportunities/{NewId("opp")}/buying-center/{person}", new { roles = new[] { "user" }, attitude = "neutral" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await PutAsync($"/api/opportunities/{opportunity}/buying-center/{NewId("p")}", new { roles = new[] { "user" }, attitude = "neutral" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "personId");

        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.BuyingCenter, Is.Empty);
    }

    [Test]
    public async Task Only_our_people_join_the_team_and_bad_team_input_is_refused()
    {
        var customer = await World.OrganizationAsync("customer");
        var own = await World.OrganizationAsync("own");
        var theirs = await World.PersonAsync(customer);
        var ours = await World.PersonAsync(own);
        var opportunity = await World.OpportunityAsync(customer);

        await PutAsync($"/api/opportunities/{opportunity}/team/{theirs}", new { role = "other" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "personId");
        var path = $"/api/opportunities/{opportunity}/team/{ours}";
        await PutAsync(path, new { }).ShouldBeProblem(HttpStatusCode.BadRequest, "role");
        await PutAsync(path, new { role = "closer" }).ShouldBeProblem(HttpStatusCode.BadRequest, "role");
        await PutAsync($"/api/opportunities/{NewId("opp")}/team/{ours}", new { role = "other" }).ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await PutAsync($"/api/opportunities/{opportunity}/team/{NewId("p")}", new { role = "other" }).ShouldBeProblem(HttpStatusCode.NotFound, "personId");
        await PutAsync($"/api/opportunities/{opportunity}/team/bad%20id", new { role = "other" }).ShouldBeProblem(HttpStatusCode.BadRequest, "personId");

        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.Team, Is.Empty);
    }

    [Test]
    public async Task Members_are_removed_once_and_unknown_ones_are_404()
    {
        var customer = await World.OrganizationAsync("customer");
        var own = await World.OrganizationAsync("own");
        var (theirs, ours) = (await World.PersonAsync(customer), await World.PersonAsync(own));
        var opportunity = await World.OpportunityAsync(customer);
        await World.MemberAsync(theirs, ["buyer"], deal: opportunity);
        await World.TeamAsync(ours, deal: opportunity);

        foreach (var path in new[] { $"/api/opportunities/{opportunity}/buying-center/{theirs}", $"/api/opportunities/{opportunity}/team/{ours}" })
        {
            await Client.DeleteAsync(path).ShouldBe(HttpStatusCode.NoContent);
            await Client.DeleteAsync(path).ShouldBeProblem(HttpStatusCode.NotFound, "personId");
        }
        await Client.DeleteAsync($"/api/opportunities/{NewId("opp")}/buying-center/{theirs}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.DeleteAsync($"/api/opportunities/{NewId("opp")}/team/{ours}").ShouldBeProblem(HttpStatusCode.NotFound, "id");

        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.BuyingCenter, Is.Empty);
        Assert.That(read.Team, Is.Empty);
        await Client.GetAsync($"/api/people/{theirs}").ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Deleting_an_opportunity_removes_its_memberships_and_keeps_the_people()
    {
        var customer = await World.OrganizationAsync("customer");
        var own = await World.OrganizationAsync("own");
        var (theirs, ours) = (await World.PersonAsync(customer), await World.PersonAsync(own));
        var opportunity = await World.OpportunityAsync(customer);
        await World.MemberAsync(theirs, ["decider"], deal: opportunity);
        await World.TeamAsync(ours, deal: opportunity);

        await Client.DeleteAsync($"/api/opportunities/{opportunity}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/people/{theirs}").ShouldBe(HttpStatusCode.OK);
        await Client.GetAsync($"/api/people/{ours}").ShouldBe(HttpStatusCode.OK);

        using var graph = TestNeo4j.Graph();
        var memberships = (await graph.ReadAsync(new CypherQuery("test/memberships",
            "MATCH (p:Person)-[r:IN_BUYING_CENTER|ON_TEAM]->() WHERE p.id IN $ids RETURN count(r) AS n"),
            new { ids = new[] { theirs, ours } })).Scalar<long>("n");
        Assert.That(memberships, Is.Zero);
    }

    [Test]
    public async Task Erasing_a_person_removes_their_buying_center_membership()
    {
        var customer = await World.OrganizationAsync("customer");
        var (dana, omar) = (await World.PersonAsync(customer, "Dana"), await World.PersonAsync(customer, "Omar"));
        var opportunity = await World.OpportunityAsync(customer);
        await World.MemberAsync(dana, ["approver"], deal: opportunity);
        await World.MemberAsync(omar, ["user"], deal: opportunity);

        await Client.DeleteAsync($"/api/people/{dana}").ShouldBe(HttpStatusCode.NoContent);
        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.BuyingCenter.Select(m => m.PersonId), Is.EqualTo(new[] { omar }));
    }

    [Test]
    public async Task Moving_an_opportunity_drops_members_who_do_not_work_at_the_new_organization()
    {
        var first = await World.OrganizationAsync("customer");
        var second = await World.OrganizationAsync("customer");
        var partner = await World.OrganizationAsync("partner");
        var own = await World.OrganizationAsync("own");
        var (stayer, consultant, ours) = (await World.PersonAsync(first), await World.PersonAsync(partner), await World.PersonAsync(own));
        var opportunity = await World.OpportunityAsync(first);
        await World.MemberAsync(stayer, ["decider"], deal: opportunity);
        await World.MemberAsync(consultant, ["influencer"], deal: opportunity);
        await World.TeamAsync(ours, deal: opportunity);

        var moved = await PutAsync($"/api/opportunities/{opportunity}", new { name = "Deal", organizationId = second, stage = "qualification" })
            .ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(moved.OrganizationId, Is.EqualTo(second));
        Assert.That(moved.BuyingCenter.Select(m => m.PersonId), Is.EqualTo(new[] { consultant }));
        Assert.That(moved.Team, Has.Count.EqualTo(1));
        await Client.DeleteAsync($"/api/organizations/{first}").ShouldBeProblem(HttpStatusCode.Conflict);
        var stillAtFirst = await Client.GetAsync($"/api/opportunities?organizationId={first}").ShouldBe<Paged<OpportunityResponse>>(HttpStatusCode.OK);
        Assert.That(stillAtFirst.Total, Is.Zero);
    }
}
