using System.Net;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Relationships;

public sealed class RelationshipsTests : ApiTest
{
    /// <summary>Our company with two of our people, a customer with two of theirs.</summary>
    private async Task<(string Ours, string Colleague, string Theirs, string TheirColleague)> ScenarioAsync()
    {
        var own = await World.OrganizationAsync("own", "Us");
        var customer = await World.OrganizationAsync("customer", "Globex");
        return (await World.PersonAsync(own, "Sam Ours"), await World.PersonAsync(own, "Kim Ours"),
            await World.PersonAsync(customer, "Dana Theirs"), await World.PersonAsync(customer, "Eve Theirs"));
    }

    private Task<Paged<RelationshipResponse>> RelationshipsOfAsync(string personId) =>
        Client.GetAsync($"/api/people/{personId}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);

    [Test]
    public async Task A_relationship_is_declared_with_charter_defaults_and_a_resend_changes_nothing()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        var body = new { ourPersonId = ours, theirPersonId = theirs, strength = 0.7, since = "2021-04-01" };

        var answer = await PutAsync("/api/relationships", body).ShouldBe<RelationshipWriteResponse>(HttpStatusCode.Created);
        Assert.That(answer.Created, Is.True);
        var created = answer.Relationship!;
        Assert.That(created.OurPerson, Is.EqualTo(new PersonRef(ours, "Sam Ours")));
        Assert.That(created.TheirPerson.Id, Is.EqualTo(theirs));
        Assert.That(created.OwnerId, Is.EqualTo(ours));
        Assert.That(created.Visibility, Is.EqualTo(Visibility.Team));
        Assert.That(created.Source, Is.EqualTo(RelationshipSource.Manual));
        Assert.That(created.Since, Is.EqualTo(new DateOnly(2021, 4, 1)));
        var strength = created.Strength;
        Assert.That(strength.Value, Is.EqualTo(0.7));
        Assert.That(strength.Declared, Is.EqualTo(0.7));
        Assert.That(strength.Learned, Is.Zero);
        Assert.That(strength.InteractionsCounted, Is.Zero);
        Assert.That(strength.Stale, Is.False);
        Assert.That(strength.HalfLifeDays, Is.EqualTo(90));

        var listed = $"/api/people/{ours}/relationships";
        var before = await World.TextAsync(listed);
        var resent = await PutAsync("/api/relationships", body).ShouldBe<RelationshipWriteResponse>(HttpStatusCode.OK);
        Assert.That(resent.Created, Is.False);
        Assert.That(resent.Relationship, Is.EqualTo(created));
        Assert.That(await World.TextAsync(listed), Is.EqualTo(before), "word for word");
        Assert.That(before.Read<Paged<RelationshipResponse>>().Total, Is.EqualTo(1));
    }

    [Test]
    public async Task A_put_without_strength_keeps_the_declared_strength_and_given_fields_replace()
    {
        var (ours, colleague, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.9, visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);

        var replaced = (await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, source = "crm", ownerId = colleague })
            .ShouldBe<RelationshipWriteResponse>(HttpStatusCode.OK)).Relationship!;
        Assert.That(replaced.Strength.Declared, Is.EqualTo(0.9));
        Assert.That(replaced.Strength.Value, Is.EqualTo(0.9));
        Assert.That(replaced.Visibility, Is.EqualTo(Visibility.Private), "a left-out visibility is never widened");
        Assert.That(replaced.Source, Is.EqualTo(RelationshipSource.Crm));
        Assert.That(replaced.OwnerId, Is.EqualTo(colleague));

        var changed = (await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.4, visibility = "company" })
            .ShouldBe<RelationshipWriteResponse>(HttpStatusCode.OK)).Relationship!;
        Assert.That(changed.Strength.Value, Is.EqualTo(0.4));
        Assert.That(changed.Visibility, Is.EqualTo(Visibility.Company));
    }

    [Test]
    public async Task Bad_relationship_input_is_refused_naming_the_field()
    {
        var (ours, _, theirs, theirColleague) = await ScenarioAsync();
        var missing = NewId("p");

        var notFound = await PutAsync("/api/relationships", new { ourPersonId = missing, theirPersonId = theirs })
            .ShouldBeProblem(HttpStatusCode.NotFound, "ourPersonId");
        Assert.That(notFound["detail"]!.GetValue<string>(), Does.Contain(missing));
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = missing })
            .ShouldBeProblem(HttpStatusCode.NotFound, "theirPersonId");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, ownerId = missing })
            .ShouldBeProblem(HttpStatusCode.NotFound, "ownerId");

        await PutAsync("/api/relationships", new { ourPersonId = theirColleague, theirPersonId = theirs })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "ourPersonId");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = ours })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "theirPersonId");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, ownerId = theirColleague })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "ownerId");

        await PutAsync("/api/relationships", new { theirPersonId = theirs }).ShouldBeProblem(HttpStatusCode.BadRequest, "ourPersonId");
        await PutAsync("/api/relationships", new { ourPersonId = ours }).ShouldBeProblem(HttpStatusCode.BadRequest, "theirPersonId");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 1.5 })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "strength");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, visibility = "public" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "visibility");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, source = "fax" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "source");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, since = "last spring" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "since");
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, ownerId = "not an id" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "ownerId");

        Assert.That((await RelationshipsOfAsync(theirs)).Total, Is.Zero, "nothing refused was stored");
        await Client.GetAsync($"/api/people/{missing}/relationships").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync($"/api/people/{ours}/relationships?pageSize=0").ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
    }

    [Test]
    public async Task A_person_lists_whom_they_know_or_who_of_ours_knows_them_page_by_page()
    {
        var (ours, colleague, theirs, theirColleague) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs }).ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirColleague }).ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = theirs }).ShouldBe(HttpStatusCode.Created);

        var known = await RelationshipsOfAsync(ours);
        Assert.That(known.Total, Is.EqualTo(2));
        Assert.That(known.Items.Select(i => i.TheirPerson.Name), Is.EqualTo(new[] { "Dana Theirs", "Eve Theirs" }));

        var knownBy = await RelationshipsOfAsync(theirs);
        Assert.That(knownBy.Items.Select(i => i.OurPerson.Name), Is.EqualTo(new[] { "Kim Ours", "Sam Ours" }));
        Assert.That(knownBy.Items.Select(i => i.TheirPerson.Id), Is.All.EqualTo(theirs));

        var second = await Client.GetAsync($"/api/people/{ours}/relationships?page=2&pageSize=1")
            .ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(second.Total, Is.EqualTo(2));
        Assert.That(second.Items, Has.Count.EqualTo(1));
        Assert.That(second.Items[0].TheirPerson.Id, Is.EqualTo(theirColleague));
    }

    [Test]
    public async Task A_relationship_is_deleted_once()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs }).ShouldBe(HttpStatusCode.Created);

        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}&theirPersonId={theirs}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}&theirPersonId={theirs}").ShouldBeProblem(HttpStatusCode.NotFound);
        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}").ShouldBeProblem(HttpStatusCode.BadRequest, "theirPersonId");
        Assert.That((await RelationshipsOfAsync(ours)).Total, Is.Zero);
    }

    [Test]
    public async Task Erasing_a_person_removes_their_relationships()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.5 }).ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/interactions", new { id = NewId("i"), at = App.Clock.GetUtcNow(), kind = "meeting", participantIds = new[] { ours, theirs } })
            .ShouldBe(HttpStatusCode.Created);

        await Client.DeleteAsync($"/api/people/{theirs}").ShouldBe(HttpStatusCode.NoContent);

        Assert.That((await RelationshipsOfAsync(ours)).Total, Is.Zero);
        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}&theirPersonId={theirs}").ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
