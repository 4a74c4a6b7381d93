using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.Influences;

namespace RelIntel.Tests.People;

/// <summary>Reporting lines, informal influence and rapport, written one at a time.</summary>
public sealed class OrgChartLinesTests : ApiTest
{

    [Test]
    public async Task A_new_solid_manager_replaces_the_old_one_and_dotted_lines_stay()
    {
        var org = await World.OrganizationAsync("customer");
        var (ceo, cfo, cto, dana) = (await World.PersonAsync(org, "CEO"), await World.PersonAsync(org, "CFO"),
            await World.PersonAsync(org, "CTO"), await World.PersonAsync(org, "Dana"));
        await World.ReportsToAsync(dana, ceo);
        await World.ReportsToAsync(dana, cfo, "dotted");
        await PutAsync("/api/reporting-lines", new { personId = dana, managerId = ceo, kind = "solid" }).ShouldBe(HttpStatusCode.OK);
        await World.ReportsToAsync(dana, cto);

        var read = await Client.GetAsync($"/api/people/{dana}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(read.ManagerId, Is.EqualTo(cto));
        Assert.That(read.DottedManagerIds, Is.EqualTo(new[] { cfo }));

        await Client.DeleteAsync($"/api/reporting-lines?personId={dana}&managerId={cfo}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/reporting-lines?personId={dana}&managerId={cfo}").ShouldBeProblem(HttpStatusCode.NotFound);
        read = await Client.GetAsync($"/api/people/{dana}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(read.DottedManagerIds, Is.Empty);
    }

    [Test]
    public async Task A_solid_line_that_closes_a_cycle_is_refused_and_nothing_changes()
    {
        var org = await World.OrganizationAsync("customer");
        var (a, b, c) = (await World.PersonAsync(org, "A"), await World.PersonAsync(org, "B"), await World.PersonAsync(org, "C"));
        await World.ReportsToAsync(b, a);
        await World.ReportsToAsync(c, b);

        await PutAsync("/api/reporting-lines", new { personId = a, managerId = c, kind = "solid" })
            .ShouldBeProblem(HttpStatusCode.Conflict, "managerId");
        var read = await Client.GetAsync($"/api/people/{a}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(read.ManagerId, Is.Null);

        // A dotted line is not a chain of command, so it may point back up.
        await PutAsync("/api/reporting-lines", new { personId = a, managerId = c, kind = "dotted" }).ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task Reporting_lines_are_refused_across_organizations_to_oneself_and_to_unknown_people()
    {
        var org = await World.OrganizationAsync("customer");
        var other = await World.OrganizationAsync("customer");
        var (a, b) = (await World.PersonAsync(org), await World.PersonAsync(other));
        await PutAsync("/api/reporting-lines", new { personId = a, managerId = b, kind = "solid" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "managerId");
        await PutAsync("/api/reporting-lines", new { personId = a, managerId = a, kind = "solid" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "managerId");
        await PutAsync("/api/reporting-lines", new { personId = a, managerId = NewId("nobody"), kind = "solid" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "managerId");
        await PutAsync("/api/reporting-lines", new { personId = NewId("nobody"), managerId = a, kind = "solid" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "personId");
        await PutAsync("/api/reporting-lines", new { personId = a, managerId = b, kind = "wavy" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
    }

    [Test]
    public async Task Influence_lines_have_a_bounded_strength_and_a_resend_replaces_it()
    {
        var org = await World.OrganizationAsync("customer");
        var partner = await World.OrganizationAsync("partner");
        var (advisor, cto) = (await World.PersonAsync(partner, "Advisor"), await World.PersonAsync(org, "CTO"));

        var line = await PutAsync("/api/influences", new { fromId = advisor, toId = cto, strength = 0.7, kind = "advisor" })
            .ShouldBe<InfluenceResponse>(HttpStatusCode.Created);
        Assert.That(line.Kind, Is.EqualTo(InfluenceKind.Advisor));
        await PutAsync("/api/influences", new { fromId = advisor, toId = cto, strength = 0.9 }).ShouldBe(HttpStatusCode.OK);
        await PutAsync("/api/influences", new { fromId = advisor, toId = cto, strength = 1.5 })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "strength");
        await PutAsync("/api/influences", new { fromId = advisor, toId = cto })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "strength");
        await PutAsync("/api/influences", new { fromId = advisor, toId = NewId("nobody"), strength = 0.5 })
            .ShouldBeProblem(HttpStatusCode.NotFound, "toId");

        await Client.DeleteAsync($"/api/influences?fromId={advisor}&toId={cto}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/influences?fromId={advisor}&toId={cto}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Rapport_is_one_fact_whichever_way_it_is_sent()
    {
        var org = await World.OrganizationAsync("customer");
        var (cfo, cto) = (await World.PersonAsync(org, "CFO"), await World.PersonAsync(org, "CTO"));

        await PutAsync("/api/rapport", new { personId = cfo, otherId = cto, sentiment = "sympathy" }).ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/rapport", new { personId = cto, otherId = cfo, sentiment = "rivalry" }).ShouldBe(HttpStatusCode.OK);
        await PutAsync("/api/rapport", new { personId = cto, otherId = cfo, sentiment = "love" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "sentiment");

        using var graph = TestNeo4j.Graph();
        var facts = (await graph.ReadAsync(new RelIntel.Neo4j.CypherQuery("test/rapport",
                "MATCH (:Person {id: $cfo})-[r:RAPPORT]-(:Person {id: $cto}) RETURN collect(r.sentiment) AS sentiments"),
            new { cfo, cto })).Scalar<List<string>>("sentiments");
        Assert.That(facts, Is.EqualTo(new[] { "rivalry" }));

        await Client.DeleteAsync($"/api/rapport?personId={cto}&otherId={cfo}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/rapport?personId={cfo}&otherId={cto}").ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
