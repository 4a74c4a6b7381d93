using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.People;

public sealed class PeopleTests : ApiTest
{

    [Test]
    public async Task A_person_is_created_at_an_organization_then_replaced_and_a_resend_changes_nothing()
    {
        var org = await World.OrganizationAsync("customer");
        var id = NewId("p");
        var body = new { name = "Dana Whitfield", organizationId = org, title = "VP Operations", email = "dana@globex.example", seniority = "vp" };

        var created = await PutAsync($"/api/people/{id}", body).ShouldBe<PersonResponse>(HttpStatusCode.Created);
        Assert.That(created.Seniority, Is.EqualTo(Seniority.Vp));
        Assert.That(created.DoNotContact, Is.False);
        await PutAsync($"/api/people/{id}", body).ShouldBe(HttpStatusCode.OK);

        var read = await Client.GetAsync($"/api/people/{id}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(read.OrganizationId, Is.EqualTo(org));
        Assert.That(read.Title, Is.EqualTo("VP Operations"));

        var list = await Client.GetAsync($"/api/organizations/{org}/people").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK);
        Assert.That(list.Total, Is.EqualTo(1));
        Assert.That(list.Items[0].Id, Is.EqualTo(id));
    }

    [Test]
    public async Task Bad_person_input_is_refused_naming_the_field()
    {
        var org = await World.OrganizationAsync("customer");
        await PutAsync($"/api/people/{NewId("p")}", new { organizationId = org }).ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await PutAsync($"/api/people/{NewId("p")}", new { name = "X", organizationId = org, seniority = "boss" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "seniority");
        await PutAsync($"/api/people/{NewId("p")}", new { name = "X", organizationId = org, email = "not-an-email" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        await PutAsync($"/api/people/{NewId("p")}", new { name = new string('x', 201), organizationId = org })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        var missing = NewId("org");
        var problem = await PutAsync($"/api/people/{NewId("p")}", new { name = "X", organizationId = missing })
            .ShouldBeProblem(HttpStatusCode.NotFound, "organizationId");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(missing));
        await Client.GetAsync($"/api/organizations/{missing}/people").ShouldBeProblem(HttpStatusCode.NotFound, "id");
    }

    [Test]
    public async Task An_organization_with_people_cannot_be_deleted()
    {
        var org = await World.OrganizationAsync("customer");
        await World.PersonAsync(org);
        await Client.DeleteAsync($"/api/organizations/{org}").ShouldBeProblem(HttpStatusCode.Conflict);
        await Client.GetAsync($"/api/organizations/{org}").ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Moving_a_person_to_another_organization_ends_their_reporting_lines_and_the_deal_learns_they_left()
    {
        var org = await World.OrganizationAsync("customer");
        var boss = await World.PersonAsync(org, "Boss");
        var mover = await World.PersonAsync(org, "Mover");
        await World.ReportsToAsync(mover, boss);
        var deal = NewId("opp");
        await PutAsync($"/api/opportunities/{deal}", new { name = "Deal", organizationId = org, stage = "proposal" }).ShouldBe(HttpStatusCode.Created);
        await World.MemberAsync(mover, ["decider"], deal: deal);
        var other = await World.OrganizationAsync("customer");

        var moved = await PutAsync($"/api/people/{mover}", new { name = "Mover", organizationId = other }).ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(moved.OrganizationId, Is.EqualTo(other));
        Assert.That(moved.ManagerId, Is.Null);
        // The membership stays as the deal's history, showing where they work now; they are no target there any more.
        var opportunity = await Client.GetAsync($"/api/opportunities/{deal}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(opportunity.BuyingCenter.Single().OrganizationId, Is.EqualTo(other));
        var recommendations = await Client.GetAsync($"/api/opportunities/{deal}/recommendations")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        Assert.That(recommendations.Targets, Is.Empty);
        Assert.That(recommendations.Gaps.Where(g => g.Code == GapCode.MemberLeft).Select(g => g.PersonId), Is.EqualTo(new[] { mover }));
    }

    [Test]
    public async Task Erasing_a_person_leaves_no_trace_of_their_id_name_or_email()
    {
        var org = await World.OrganizationAsync("customer");
        var email = $"{Guid.NewGuid():N}@erase.example";
        var name = $"Erase Me {Guid.NewGuid():N}";
        var person = await World.PersonAsync(org, name, email);
        var boss = await World.PersonAsync(org, "Boss");
        await World.ReportsToAsync(person, boss);
        await PutAsync("/api/influences", new { fromId = boss, toId = person, strength = 0.5 }).ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/rapport", new { personId = person, otherId = boss, sentiment = "sympathy" }).ShouldBe(HttpStatusCode.Created);

        await Client.DeleteAsync($"/api/people/{person}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/people/{person}").ShouldBeProblem(HttpStatusCode.NotFound);
        await Client.DeleteAsync($"/api/people/{person}").ShouldBeProblem(HttpStatusCode.NotFound);

        using var graph = TestNeo4j.Graph();
        var traces = (await graph.ReadAsync(new CypherQuery("test/traces", """
            MATCH (n) WHERE any(k IN keys(n) WHERE
              any(v IN (CASE WHEN n[k] IS :: LIST<ANY> THEN n[k] ELSE [n[k]] END) WHERE
                toString(v) CONTAINS $id OR toString(v) CONTAINS $email OR toString(v) CONTAINS $name))
            RETURN count(n) AS nodes
            """), new { id = person, email, name })).Scalar<long>("nodes");
        Assert.That(traces, Is.Zero);
        var lines = (await graph.ReadAsync(new CypherQuery("test/lines", "MATCH (:Person {id: $boss})-[r]-(:Person) RETURN count(r) AS n"),
            new { boss })).Scalar<long>("n");
        Assert.That(lines, Is.Zero);
    }
}
