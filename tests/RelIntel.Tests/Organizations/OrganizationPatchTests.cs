using System.Net;
using System.Text.Json.Nodes;
using RelIntel.Api.Features.Organizations;

namespace RelIntel.Tests.Organizations;

/// <summary>PATCH with a JSON Merge Patch (RFC 7396): a member left out keeps what is stored, null clears.</summary>
public sealed class OrganizationPatchTests : ApiTest
{
    private Task<HttpResponseMessage> PatchAsync(string id, string patch) =>
        SendRawAsync(HttpMethod.Patch, $"/api/organizations/{id}", patch, "application/merge-patch+json");

    private async Task<string> GlobexAsync()
    {
        var id = NewId("org");
        await PutAsync($"/api/organizations/{id}", new { name = "Globex", kind = "customer", domain = $"{id}.example", industry = "Manufacturing" })
            .ShouldBe(HttpStatusCode.Created);
        return id;
    }

    [Test]
    public async Task A_patch_changes_the_members_it_sends_and_keeps_the_others()
    {
        var id = await GlobexAsync();
        var patched = await PatchAsync(id, """{"industry": "Energy"}""").ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(patched.Industry, Is.EqualTo("Energy"));
        Assert.That(patched.Name, Is.EqualTo("Globex"));
        Assert.That(patched.Kind, Is.EqualTo(OrganizationKind.Customer));
        Assert.That(patched.Domain, Is.EqualTo($"{id}.example"));

        var cleared = await PatchAsync(id, """{"domain": null}""").ShouldBe(HttpStatusCode.OK);
        Assert.That(cleared.Read<OrganizationResponse>().Domain, Is.Null);
        Assert.That(cleared.Read<OrganizationResponse>().Industry, Is.EqualTo("Energy"));
        // Read back, it is the very answer the patch gave, on the wire.
        var read = await Client.GetAsync($"/api/organizations/{id}").ShouldBe(HttpStatusCode.OK);
        Assert.That(read.ToJsonString(), Is.EqualTo(cleared.ToJsonString()));
    }

    [Test]
    public async Task A_put_is_a_full_replacement_that_clears_what_it_does_not_send()
    {
        var id = await GlobexAsync();
        var replaced = await PutAsync($"/api/organizations/{id}", new { name = "Globex", kind = "customer" }).ShouldBe(HttpStatusCode.OK);
        Assert.That(replaced["industry"], Is.Null);
        Assert.That(replaced["domain"], Is.Null);
    }

    [Test]
    public async Task A_patch_is_checked_as_the_put_is_and_writes_nothing_when_refused()
    {
        var id = await GlobexAsync();
        var before = await Client.GetAsync($"/api/organizations/{id}").ShouldBe(HttpStatusCode.OK);

        var required = await PatchAsync(id, """{"name": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        Assert.That(required["errors"]!["name"]![0]!.GetValue<string>(), Is.EqualTo("Required."));
        await PatchAsync(id, """{"kind": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await PatchAsync(id, """{"kind": "friend"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await PatchAsync(id, """{"name": 42}""").ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await PatchAsync(id, """{"name": "   "}""").ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await PatchAsync(id, """["name"]""").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await PatchAsync(id, """{"name": "Globex",""").ShouldBeProblem(HttpStatusCode.BadRequest, "body");

        var other = await GlobexAsync();
        await PatchAsync(id, $$"""{"domain": "{{other}}.example"}""").ShouldBeProblem(HttpStatusCode.Conflict, "domain");

        var after = await Client.GetAsync($"/api/organizations/{id}").ShouldBe(HttpStatusCode.OK);
        Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
    }

    [Test]
    public async Task Patching_an_unknown_organization_is_a_404_and_creates_nothing()
    {
        var id = NewId("org");
        await PatchAsync(id, """{"name": "Ghost", "kind": "customer"}""").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync($"/api/organizations/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Patching_needs_the_same_role_as_putting()
    {
        var id = await GlobexAsync();
        using var integration = await ClientAsAsync("integration");
        var patched = await integration.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/organizations/{id}")
        {
            Content = new StringContent("""{"industry": "Retail"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        }).ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(patched.Industry, Is.EqualTo("Retail"));

        var own = await World.OrganizationAsync("own");
        var seller = await World.PersonAsync(own);
        using var sellerClient = await ClientAsAsync("seller", seller);
        var refused = await sellerClient.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/organizations/{id}")
        {
            Content = new StringContent("""{"industry": "Mining"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        }).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("one of the roles admin, integration"));
        Assert.That((await Client.GetAsync($"/api/organizations/{id}").ShouldBe<OrganizationResponse>(HttpStatusCode.OK)).Industry, Is.EqualTo("Retail"));
    }
}
