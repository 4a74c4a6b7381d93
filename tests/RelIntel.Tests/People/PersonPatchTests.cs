using System.Net;
using RelIntel.Api.Domain;

namespace RelIntel.Tests.People;

/// <summary>PATCH with a JSON Merge Patch (RFC 7396) on people: a member left out keeps what is stored, null clears.</summary>
public sealed class PersonPatchTests : ApiTest
{

    private Task<HttpResponseMessage> PatchAsync(string id, string patch) =>
        SendRawAsync(HttpMethod.Patch, $"/api/people/{id}", patch, "application/merge-patch+json");

    [Test]
    public async Task A_patch_changes_the_members_it_sends_and_keeps_the_others_and_the_reporting_lines()
    {
        var org = await World.OrganizationAsync("customer");
        var boss = await World.PersonAsync(org, "Boss");
        var ava = await World.PersonAsync(org, "Ava Reyes", email: "ava@x.example", seniority: "director");
        await World.ReportsToAsync(ava, boss);
        await PutAsync($"/api/people/{ava}", new { name = "Ava Reyes", organizationId = org, email = "ava@x.example", department = "Finance", seniority = "director" })
            .ShouldBe(HttpStatusCode.OK);

        var patched = await PatchAsync(ava, """{"title": "VP Finance", "seniority": "vp"}""").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(patched.Title, Is.EqualTo("VP Finance"));
        Assert.That(patched.Seniority, Is.EqualTo(Seniority.Vp));
        Assert.That(patched.Email, Is.EqualTo("ava@x.example"));
        Assert.That(patched.Department, Is.EqualTo("Finance"));
        Assert.That(patched.ManagerId, Is.EqualTo(boss));

        var cleared = await PatchAsync(ava, """{"email": null}""").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(cleared.Email, Is.Null);
        Assert.That(cleared.Title, Is.EqualTo("VP Finance"));
    }

    [Test]
    public async Task A_patch_is_checked_as_the_put_is_naming_the_field()
    {
        var org = await World.OrganizationAsync("customer");
        var ava = await World.PersonAsync(org, "Ava");

        await PatchAsync(ava, """{"name": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await PatchAsync(ava, """{"organizationId": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "organizationId");
        await PatchAsync(ava, """{"email": "not an email"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        await PatchAsync(ava, """{"seniority": "emperor"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "seniority");
        await PatchAsync(ava, """{"doNotContact": "true"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "doNotContact");
        await PatchAsync(ava, """{"organizationId": "nowhere-org"}""").ShouldBeProblem(HttpStatusCode.NotFound, "organizationId");
        await PatchAsync(NewId("p"), """{"title": "CEO"}""").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await SendRawAsync(HttpMethod.Patch, $"/api/people/{ava}", """{"title": "CEO"}""").ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        var stored = await Client.GetAsync($"/api/people/{ava}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(stored.Name, Is.EqualTo("Ava"));
        Assert.That(stored.Title, Is.Null);
    }

    [Test]
    public async Task Do_not_contact_follows_the_same_charter_rules_as_the_put()
    {
        var own = await World.OrganizationAsync("own");
        var ours = await World.PersonAsync(own, "One of us");
        await PatchAsync(ours, """{"doNotContact": true}""").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "doNotContact");

        var org = await World.OrganizationAsync("customer");
        var theirs = await World.PersonAsync(org, "Private person");
        var flagged = await PatchAsync(theirs, """{"doNotContact": true}""").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(flagged.DoNotContact, Is.True);
        var renamed = await PatchAsync(theirs, """{"name": "Still private"}""").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(renamed.DoNotContact, Is.True, "left out: kept");

        // Do-not-contact people are shown to admins only: to an integration key there is no such person to patch.
        using var integration = await ClientAsAsync("integration");
        await integration.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/people/{theirs}")
        {
            Content = new StringContent("""{"title": "x"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        }).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
