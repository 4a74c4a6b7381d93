using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Charter;

/// <summary>
/// Write answers pass the charter as read answers do: a writer is shown only what it may read (or what it sent), a
/// non-owner's re-send changes nothing it may not change, and a do-not-contact person is named to admins only.
/// </summary>
public sealed class WriteAnswersTests : ApiTest
{
    private string own = "", customer = "";

    [SetUp]
    public async Task Organizations()
    {
        own = await World.OrganizationAsync("own", "Us");
        customer = await World.OrganizationAsync("customer", "Them");
    }

    private async Task<RelationshipResponse> AsAdminAsync(string ours, string theirs) => (await World.RelationshipAsync(ours, theirs))!;

    [Test]
    public async Task An_integration_resending_a_private_relationship_is_told_it_was_written_and_nothing_about_it()
    {
        var seller = await World.PersonAsync(own, "Sal Seller");
        var buyer = await World.PersonAsync(customer, "Bea Buyer");
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = buyer, strength = 0.6173, since = "2011-03-14", visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);
        var before = await AsAdminAsync(seller, buyer);
        using var integration = await ClientAsAsync("integration");

        var answer = await integration.PutAsJsonAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = buyer })
            .ShouldBe(HttpStatusCode.OK);

        var written = answer.Read<RelationshipWriteResponse>();
        Assert.That(written.Created, Is.False);
        Assert.That(written.Relationship, Is.Null, "the writer may not read a private relationship");
        var text = answer.ToJsonString();
        Assert.That(text, Does.Not.Contain("0.6173").And.Not.Contain("2011-03-14").And.Not.Contain("private"));
        Assert.That(await AsAdminAsync(seller, buyer), Is.EqualTo(before), "a bare re-send changes nothing");
    }

    [Test]
    public async Task A_non_owner_may_resend_the_two_ids_only_and_that_does_not_make_a_stale_relationship_look_fresh()
    {
        var me = await World.PersonAsync(own, "Mel Seller");
        var boss = await World.PersonAsync(own, "Bo Boss");
        var them = await World.PersonAsync(customer, "Tia Them");
        // Mine, but owned (privately) by my boss, and not refreshed for a year.
        await PutAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them, strength = 0.5, ownerId = boss, visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);
        App.Clock.Advance(TimeSpan.FromDays(365));
        Assert.That((await AsAdminAsync(me, them)).Strength.Stale, Is.True);
        using var seller = await ClientAsAsync("seller", me);

        foreach (var field in new[] { "strength", "since", "source", "visibility", "ownerId" })
        {
            var body = new JsonObject { ["ourPersonId"] = me, ["theirPersonId"] = them };
            body[field] = field switch
            {
                "strength" => 0.9,
                "since" => "2020-01-01",
                "source" => "crm",
                "visibility" => "company",
                _ => me,
            };
            await seller.PutAsJsonAsync("/api/relationships", body).ShouldBeProblem(HttpStatusCode.Forbidden, field);
        }
        var resent = await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them })
            .ShouldBe<RelationshipWriteResponse>(HttpStatusCode.OK);

        Assert.That(resent.Relationship, Is.Null);
        var after = await AsAdminAsync(me, them);
        Assert.That(after.Strength.Stale, Is.True, "still stale: nothing was refreshed");
        Assert.That(after.Strength.Declared, Is.EqualTo(0.5));
        Assert.That(after.OwnerId, Is.EqualTo(boss));
    }

    [Test]
    public async Task A_do_not_contact_person_is_unknown_to_non_admin_writers_and_never_named_in_their_answers()
    {
        var seller = await World.PersonAsync(own, "Sid Seller");
        var hiddenName = $"Dee Hidden {Guid.NewGuid():N}"[..22];
        var hidden = await World.PersonAsync(customer, hiddenName, doNotContact: true);
        var visible = await World.PersonAsync(customer, "Val Visible");
        var opportunity = NewId("opp");
        await PutAsync($"/api/opportunities/{opportunity}", new { name = "Deal", organizationId = customer, stage = "proposal" })
            .ShouldBe(HttpStatusCode.Created);
        foreach (var member in new[] { hidden, visible })
            await PutAsync($"/api/opportunities/{opportunity}/buying-center/{member}", new { roles = new[] { "user" }, attitude = "neutral" })
                .ShouldBe(HttpStatusCode.Created);
        await World.ReportsToAsync(visible, hidden);
        using var integration = await ClientAsAsync("integration");
        using var sellerClient = await ClientAsAsync("seller", seller);

        // Naming them is answered exactly as naming no one.
        foreach (var client in new[] { integration, sellerClient })
        {
            await client.PutAsJsonAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = hidden })
                .ShouldBeProblem(HttpStatusCode.NotFound, "theirPersonId");
            await client.PostAsJsonAsync("/api/interactions", new
            {
                id = NewId("ix"), at = App.Clock.GetUtcNow(), kind = "meeting", participantIds = new[] { seller, hidden },
            }).ShouldBeProblem(HttpStatusCode.NotFound, "participantIds[1]");
        }
        await integration.PutAsJsonAsync($"/api/opportunities/{opportunity}/buying-center/{hidden}", new { roles = new[] { "user" }, attitude = "neutral" })
            .ShouldBeProblem(HttpStatusCode.NotFound, "personId");

        // Answers that list people leave them out: the opportunity's echo and a report to them.
        var echo = await integration.PutAsJsonAsync($"/api/opportunities/{opportunity}", new { name = "Deal", organizationId = customer, stage = "proposal" })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(echo.Read<OpportunityResponse>().BuyingCenter.Select(m => m.PersonId), Is.EqualTo(new[] { visible }));
        var colleague = await integration.GetAsync($"/api/people/{visible}").ShouldBe(HttpStatusCode.OK);
        Assert.That(colleague.Read<PersonResponse>().ManagerId, Is.Null, "their manager is not named");
        foreach (var text in new[] { echo.ToJsonString(), colleague.ToJsonString() })
            Assert.That(text, Does.Not.Contain(hidden).And.Not.Contain(hiddenName));

        // Admins see and may use them.
        var admin = await Client.GetAsync($"/api/people/{visible}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(admin.ManagerId, Is.EqualTo(hidden));
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = hidden }).ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task Paths_from_or_to_a_do_not_contact_person_are_a_404_to_all_but_admins()
    {
        var seller = await World.PersonAsync(own, "Pat Seller");
        var hidden = await World.PersonAsync(customer, "Hid Den", doNotContact: true);
        var other = await World.PersonAsync(customer, "Oth Er");
        using var integration = await ClientAsAsync("integration");
        await integration.GetAsync($"/api/paths?from={hidden}&to={other}").ShouldBeProblem(HttpStatusCode.NotFound, "from");
        await integration.GetAsync($"/api/paths?from={seller}&to={hidden}").ShouldBeProblem(HttpStatusCode.NotFound, "to");
        // To an admin they exist, but are never reached: not one of ours, and not a target.
        await Client.GetAsync($"/api/paths?from={hidden}&to={other}").ShouldBeProblem(HttpStatusCode.BadRequest, "from");
        await Client.GetAsync($"/api/paths?from={seller}&to={hidden}").ShouldBeProblem(HttpStatusCode.NotFound, "to");
    }

    [Test]
    public async Task A_person_of_our_own_organization_cannot_be_do_not_contact_and_a_resend_without_the_flag_keeps_it()
    {
        await PutAsync($"/api/people/{NewId("p")}", new { name = "Us", organizationId = own, doNotContact = true })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "doNotContact");

        var marked = await World.PersonAsync(customer, "Opted Out", doNotContact: true);
        // The CRM re-sends the record without the flag: it stays marked.
        var resent = await PutAsync($"/api/people/{marked}", new { name = "Opted Out", organizationId = customer }).ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(resent.DoNotContact, Is.True);
        using var seller = await ClientAsAsync("integration");
        await seller.GetAsync($"/api/people/{marked}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await PutAsync($"/api/people/{marked}", new { name = "Opted Out", organizationId = customer, doNotContact = false })
            .ShouldBe(HttpStatusCode.OK);
        await seller.GetAsync($"/api/people/{marked}").ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Refusing_to_delete_an_organization_counts_no_one()
    {
        await World.PersonAsync(customer, "Hidden One", doNotContact: true);
        using var integration = await ClientAsAsync("integration");
        var refused = await integration.DeleteAsync($"/api/organizations/{customer}").ShouldBeProblem(HttpStatusCode.Conflict);
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Not.Match(@"\d+ people"));
    }

    [Test]
    public async Task A_sellers_batch_answers_only_ids_and_outcomes()
    {
        var me = await World.PersonAsync(own, "Ann Seller");
        var colleague = await World.PersonAsync(own, "Cal Colleague");
        var them = await World.PersonAsync(customer, "Tom Them");
        await PutAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = them, strength = 0.4321, visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);
        using var seller = await ClientAsAsync("seller", me);

        var answer = await seller.PostAsJsonAsync("/api/relationships/batch", new object[]
        {
            new { ourPersonId = me, theirPersonId = them, strength = 0.7 },
            new { ourPersonId = colleague, theirPersonId = them },
        }).ShouldBe(HttpStatusCode.MultiStatus);

        var results = answer.Read<RelationshipBatchResponse>().Results;
        Assert.That(results[0].Status, Is.EqualTo(RecordStatus.Created));
        Assert.That(results[1].Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(results[1].Errors!.Keys, Does.Contain("ourPersonId"));
        Assert.That(answer.ToJsonString(), Does.Not.Contain("0.4321").And.Not.Contain("private"));
    }
}
