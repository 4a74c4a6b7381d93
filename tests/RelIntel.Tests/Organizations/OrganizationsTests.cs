using System.Net;
using RelIntel.Api.Features.Organizations;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Organizations;

public sealed class OrganizationsTests : ApiTest
{
    [Test]
    public async Task An_organization_is_created_then_replaced_and_a_resend_changes_nothing()
    {
        var id = NewId("org");
        var body = new { name = "Globex", kind = "customer", domain = $"{id}.example", industry = "Manufacturing" };

        var created = await PutAsync($"/api/organizations/{id}", body).ShouldBe<OrganizationResponse>(HttpStatusCode.Created);
        Assert.That(created.Name, Is.EqualTo("Globex"));
        Assert.That(created.Kind, Is.EqualTo(OrganizationKind.Customer));

        var resent = await PutAsync($"/api/organizations/{id}", body).ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(resent.Name, Is.EqualTo("Globex"));

        await PutAsync($"/api/organizations/{id}", body with { name = "Globex Corp" }).ShouldBe(HttpStatusCode.OK);
        var read = await Client.GetAsync($"/api/organizations/{id}").ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(read.Name, Is.EqualTo("Globex Corp"));
        Assert.That(read.Domain, Is.EqualTo($"{id}.example"));
    }

    [Test]
    public async Task Missing_and_invalid_fields_are_named()
    {
        var problem = await PutAsync($"/api/organizations/{NewId("org")}", new { domain = new string('d', 300) })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "kind", "domain" }));

        await PutAsync($"/api/organizations/{NewId("org")}", new { name = "X", kind = "friend" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await PutAsync("/api/organizations/bad%20id", new { name = "X", kind = "customer" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "id");
    }

    [Test]
    public async Task A_domain_claimed_by_another_organization_is_a_409_and_the_first_keeps_it()
    {
        var domain = $"{NewId("d")}.example";
        var first = NewId("org");
        await PutAsync($"/api/organizations/{first}", new { name = "First", kind = "customer", domain }).ShouldBe(HttpStatusCode.Created);
        var second = NewId("org");
        await PutAsync($"/api/organizations/{second}", new { name = "Second", kind = "customer", domain })
            .ShouldBeProblem(HttpStatusCode.Conflict, "domain");

        await Client.GetAsync($"/api/organizations/{second}").ShouldBeProblem(HttpStatusCode.NotFound);
        var kept = await Client.GetAsync($"/api/organizations/{first}").ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(kept.Domain, Is.EqualTo(domain));
    }

    [Test]
    public async Task An_unknown_organization_is_a_404_naming_the_id()
    {
        var id = NewId("missing");
        var problem = await Client.GetAsync($"/api/organizations/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(id));
        await Client.DeleteAsync($"/api/organizations/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Lists_filter_by_kind_search_and_page()
    {
        var tag = NewId("tag").Replace("-", "");
        for (var i = 0; i < 3; i++)
            await PutAsync($"/api/organizations/{tag}-p{i}", new { name = $"{tag} Partner {i}", kind = "partner" }).ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/organizations/{tag}-c", new { name = $"{tag} Customer", kind = "customer" }).ShouldBe(HttpStatusCode.Created);

        var page = await Client.GetAsync($"/api/organizations?kind=partner&search={tag}&pageSize=2").ShouldBe<Paged<OrganizationResponse>>(HttpStatusCode.OK);
        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.Items, Has.Count.EqualTo(2));
        Assert.That(page.Items.Select(o => o.Kind), Is.All.EqualTo(OrganizationKind.Partner));

        var second = await Client.GetAsync($"/api/organizations?kind=partner&search={tag}&pageSize=2&page=2").ShouldBe<Paged<OrganizationResponse>>(HttpStatusCode.OK);
        Assert.That(second.Items, Has.Count.EqualTo(1));

        await Client.GetAsync("/api/organizations?kind=friend").ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await Client.GetAsync("/api/organizations?pageSize=100000").ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
        await Client.GetAsync("/api/organizations?page=0").ShouldBeProblem(HttpStatusCode.BadRequest, "page");
    }

    [Test]
    public async Task An_organization_is_deleted()
    {
        var id = NewId("org");
        await PutAsync($"/api/organizations/{id}", new { name = "Gone", kind = "competitor" }).ShouldBe(HttpStatusCode.Created);
        await Client.DeleteAsync($"/api/organizations/{id}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/organizations/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
