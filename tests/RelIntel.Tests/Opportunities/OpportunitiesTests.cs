using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Opportunities;

public sealed class OpportunitiesTests : ApiTest
{
    [Test]
    public async Task An_opportunity_is_created_read_replaced_and_a_resend_changes_nothing()
    {
        var org = await World.OrganizationAsync("customer");
        var id = NewId("opp");
        var body = new
        {
            name = "Plant automation",
            organizationId = org,
            stage = "proposal",
            amount = 1_200_000.5m,
            currency = "EUR",
            closeDate = "2026-09-30",
            budget = new { status = "confirmed", note = "Capex approved" },
            authority = new { status = "identified", note = (string?)null },
            need = new { status = "confirmed", note = (string?)null },
            timing = new { status = "unknown", note = (string?)null },
        };

        var createdJson = await PutAsync($"/api/opportunities/{id}", body).ShouldBe(HttpStatusCode.Created);
        var created = createdJson.Read<OpportunityResponse>();
        Assert.That(created.OrganizationId, Is.EqualTo(org));
        Assert.That(created.Stage, Is.EqualTo(OpportunityStage.Proposal));
        Assert.That(created.Amount, Is.EqualTo(1_200_000.5m));
        Assert.That(created.Currency, Is.EqualTo("EUR"));
        Assert.That(created.CloseDate, Is.EqualTo(new DateOnly(2026, 9, 30)));
        Assert.That(created.Budget, Is.EqualTo(new Bant(BantStatus.Confirmed, "Capex approved")));
        Assert.That(created.Timing!.Status, Is.EqualTo(BantStatus.Unknown));
        Assert.That(created.BuyingCenter, Is.Empty);
        Assert.That(created.Team, Is.Empty);

        // Read, re-sent and read again, it is the same answer word for word.
        var read = await Client.GetAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.OK);
        Assert.That(read.ToJsonString(), Is.EqualTo(createdJson.ToJsonString()));
        var resent = await PutAsync($"/api/opportunities/{id}", body).ShouldBe(HttpStatusCode.OK);
        Assert.That(resent.ToJsonString(), Is.EqualTo(createdJson.ToJsonString()));
        var reread = await Client.GetAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.OK);
        Assert.That(reread.ToJsonString(), Is.EqualTo(createdJson.ToJsonString()));

        // A replacement is whole: what is not sent any more is gone.
        var replaced = await PutAsync($"/api/opportunities/{id}", new { name = "Plant automation", organizationId = org, stage = "closed-won" })
            .ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(replaced.Stage, Is.EqualTo(OpportunityStage.ClosedWon));
        Assert.That(replaced.Amount, Is.Null);
        Assert.That(replaced.Budget, Is.Null);
        Assert.That(replaced.CloseDate, Is.Null);
    }

    [Test]
    public async Task Bad_opportunity_input_is_refused_naming_the_field_and_nothing_is_written()
    {
        var org = await World.OrganizationAsync("customer");
        var id = NewId("opp");
        var path = $"/api/opportunities/{id}";
        var problem = await PutAsync(path, new { amount = 5 }).ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "organizationId", "stage" }));

        await PutAsync(path, new { name = "X", organizationId = org, stage = "won" }).ShouldBeProblem(HttpStatusCode.BadRequest, "stage");
        await PutAsync(path, new { name = new string('x', 201), organizationId = org, stage = "proposal" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", amount = -1 })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "amount");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", currency = "eur" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "currency");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", currency = "EURO" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "currency");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", closeDate = "2026-13-01" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "closeDate");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", budget = new { status = "maybe" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "budget.status");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", authority = new { note = "who?" } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "authority.status");
        await PutAsync(path, new { name = "X", organizationId = org, stage = "proposal", need = new { status = "confirmed", note = new string('n', 2001) } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "need.note");
        await PutAsync(path, new { name = "X", organizationId = "bad id", stage = "proposal" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "organizationId");
        await PutAsync("/api/opportunities/bad%20id", new { name = "X", organizationId = org, stage = "proposal" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "id");

        await Client.GetAsync(path).ShouldBeProblem(HttpStatusCode.NotFound, "id");
    }

    [Test]
    public async Task An_opportunity_needs_an_existing_organization_that_is_not_our_own()
    {
        var id = NewId("opp");
        var missing = NewId("org");
        var problem = await PutAsync($"/api/opportunities/{id}", new { name = "X", organizationId = missing, stage = "prospecting" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "organizationId");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(missing));

        var own = await World.OrganizationAsync("own");
        await PutAsync($"/api/opportunities/{id}", new { name = "X", organizationId = own, stage = "prospecting" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "organizationId");
        await Client.GetAsync($"/api/opportunities/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");

        // Moving an existing opportunity to our own organization is refused too, and it stays where it was.
        var customer = await World.OrganizationAsync("customer");
        var opportunity = await World.OpportunityAsync(customer);
        await PutAsync($"/api/opportunities/{opportunity}", new { name = "X", organizationId = own, stage = "prospecting" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "organizationId");
        var read = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.OrganizationId, Is.EqualTo(customer));
    }

    private Task<Paged<OpportunityResponse>> ListAsync(string query) =>
        Client.GetAsync($"/api/opportunities{query}").ShouldBe<Paged<OpportunityResponse>>(HttpStatusCode.OK);

    [Test]
    public async Task Opportunities_are_listed_by_organization_and_stage_in_pages()
    {
        var org = await World.OrganizationAsync("customer");
        var other = await World.OrganizationAsync("customer");
        var a = await World.OpportunityAsync(org, "prospecting", "A deal");
        var b = await World.OpportunityAsync(org, "proposal", "B deal");
        var c = await World.OpportunityAsync(org, "closed-lost", "C deal");
        await World.OpportunityAsync(other, "proposal");

        var all = await ListAsync($"?organizationId={org}");
        Assert.That(all.Total, Is.EqualTo(3));
        Assert.That(all.Items.Select(i => i.Id), Is.EqualTo(new[] { a, b, c }));

        var page = await ListAsync($"?organizationId={org}&page=2&pageSize=2");
        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.Items.Select(i => i.Id), Is.EqualTo(new[] { c }));

        var proposals = await ListAsync($"?organizationId={org}&stage=proposal");
        Assert.That(proposals.Items.Select(i => i.Id), Is.EqualTo(new[] { b }));

        var anywhere = await ListAsync("?stage=closed-lost&pageSize=500");
        Assert.That(anywhere.Items.Select(i => i.Id), Does.Contain(c).And.Not.Contain(b));

        await Client.GetAsync($"/api/opportunities?organizationId={NewId("org")}").ShouldBeProblem(HttpStatusCode.NotFound, "organizationId");
        await Client.GetAsync("/api/opportunities?stage=won").ShouldBeProblem(HttpStatusCode.BadRequest, "stage");
        await Client.GetAsync("/api/opportunities?pageSize=0").ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
    }

    [Test]
    public async Task An_opportunity_is_deleted_once_and_unknown_ones_are_404()
    {
        var org = await World.OrganizationAsync("customer");
        var id = await World.OpportunityAsync(org);
        await Client.DeleteAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/opportunities/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.DeleteAsync($"/api/opportunities/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.DeleteAsync("/api/opportunities/bad%20id").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
    }

    [Test]
    public async Task An_organization_with_opportunities_cannot_be_deleted()
    {
        var org = await World.OrganizationAsync("customer");
        var id = await World.OpportunityAsync(org);
        await Client.DeleteAsync($"/api/organizations/{org}").ShouldBeProblem(HttpStatusCode.Conflict);
        await Client.GetAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.OK);

        await Client.DeleteAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/organizations/{org}").ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Swagger_shows_examples_for_the_opportunity_requests()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        var opportunity = schemas["OpportunityRequest"]!["examples"]![0]!;
        Assert.That(opportunity["stage"]!.GetValue<string>(), Is.EqualTo("proposal"));
        Assert.That(opportunity["closeDate"]!.GetValue<string>(), Is.EqualTo("2026-09-30"));
        Assert.That(opportunity["budget"]!["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
        Assert.That(schemas["BuyingCenterRequest"]!["examples"]![0]!["roles"]!.Read<List<string>>(), Is.EqualTo(new[] { "decider", "user" }));
        Assert.That(schemas["TeamRequest"]!["examples"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("account-executive"));
    }
}
