using System.Net;
using System.Text.Json.Nodes;

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

    private async Task<JsonNode> RelationshipsOfAsync(string personId) =>
        await Client.GetAsync($"/api/people/{personId}/relationships").ShouldBe(HttpStatusCode.OK);

    [Test]
    public async Task A_relationship_is_declared_with_charter_defaults_and_a_resend_changes_nothing()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        var body = new { ourPersonId = ours, theirPersonId = theirs, strength = 0.7, since = "2021-04-01" };

        var answer = await PutAsync("/api/relationships", body).ShouldBe(HttpStatusCode.Created);
        Assert.That(answer["created"]!.GetValue<bool>(), Is.True);
        var created = answer["relationship"]!;
        Assert.That(created["ourPerson"]!["id"]!.GetValue<string>(), Is.EqualTo(ours));
        Assert.That(created["ourPerson"]!["name"]!.GetValue<string>(), Is.EqualTo("Sam Ours"));
        Assert.That(created["theirPerson"]!["id"]!.GetValue<string>(), Is.EqualTo(theirs));
        Assert.That(created["ownerId"]!.GetValue<string>(), Is.EqualTo(ours));
        Assert.That(created["visibility"]!.GetValue<string>(), Is.EqualTo("team"));
        Assert.That(created["source"]!.GetValue<string>(), Is.EqualTo("manual"));
        Assert.That(created["since"]!.GetValue<string>(), Is.EqualTo("2021-04-01"));
        var strength = created["strength"]!;
        Assert.That(strength["value"]!.GetValue<double>(), Is.EqualTo(0.7));
        Assert.That(strength["declared"]!.GetValue<double>(), Is.EqualTo(0.7));
        Assert.That(strength["learned"]!.GetValue<double>(), Is.Zero);
        Assert.That(strength["interactionsCounted"]!.GetValue<long>(), Is.Zero);
        Assert.That(strength["stale"]!.GetValue<bool>(), Is.False);
        Assert.That(strength["halfLifeDays"]!.GetValue<double>(), Is.EqualTo(90));

        var before = await RelationshipsOfAsync(ours);
        var resent = await PutAsync("/api/relationships", body).ShouldBe(HttpStatusCode.OK);
        Assert.That(resent["created"]!.GetValue<bool>(), Is.False);
        Assert.That(resent["relationship"]!.ToJsonString(), Is.EqualTo(created.ToJsonString()));
        Assert.That((await RelationshipsOfAsync(ours)).ToJsonString(), Is.EqualTo(before.ToJsonString()));
        Assert.That(before["total"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_put_without_strength_keeps_the_declared_strength_and_given_fields_replace()
    {
        var (ours, colleague, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.9, visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);

        var replaced = (await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, source = "crm", ownerId = colleague })
            .ShouldBe(HttpStatusCode.OK))["relationship"]!;
        Assert.That(replaced["strength"]!["declared"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(replaced["strength"]!["value"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(replaced["visibility"]!.GetValue<string>(), Is.EqualTo("private"), "a left-out visibility is never widened");
        Assert.That(replaced["source"]!.GetValue<string>(), Is.EqualTo("crm"));
        Assert.That(replaced["ownerId"]!.GetValue<string>(), Is.EqualTo(colleague));

        var changed = (await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.4, visibility = "company" })
            .ShouldBe(HttpStatusCode.OK))["relationship"]!;
        Assert.That(changed["strength"]!["value"]!.GetValue<double>(), Is.EqualTo(0.4));
        Assert.That(changed["visibility"]!.GetValue<string>(), Is.EqualTo("company"));
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

        Assert.That((await RelationshipsOfAsync(theirs))["total"]!.GetValue<long>(), Is.Zero, "nothing refused was stored");
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
        Assert.That(known["total"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(known["items"]!.AsArray().Select(i => i!["theirPerson"]!["name"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Dana Theirs", "Eve Theirs" }));

        var knownBy = await RelationshipsOfAsync(theirs);
        Assert.That(knownBy["items"]!.AsArray().Select(i => i!["ourPerson"]!["name"]!.GetValue<string>()),
            Is.EqualTo(new[] { "Kim Ours", "Sam Ours" }));
        Assert.That(knownBy["items"]!.AsArray().Select(i => i!["theirPerson"]!["id"]!.GetValue<string>()), Is.All.EqualTo(theirs));

        var second = await Client.GetAsync($"/api/people/{ours}/relationships?page=2&pageSize=1").ShouldBe(HttpStatusCode.OK);
        Assert.That(second["total"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(second["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(second["items"]![0]!["theirPerson"]!["id"]!.GetValue<string>(), Is.EqualTo(theirColleague));
    }

    [Test]
    public async Task A_relationship_is_deleted_once()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs }).ShouldBe(HttpStatusCode.Created);

        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}&theirPersonId={theirs}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}&theirPersonId={theirs}").ShouldBeProblem(HttpStatusCode.NotFound);
        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}").ShouldBeProblem(HttpStatusCode.BadRequest, "theirPersonId");
        Assert.That((await RelationshipsOfAsync(ours))["total"]!.GetValue<long>(), Is.Zero);
    }

    [Test]
    public async Task Erasing_a_person_removes_their_relationships()
    {
        var (ours, _, theirs, _) = await ScenarioAsync();
        await PutAsync("/api/relationships", new { ourPersonId = ours, theirPersonId = theirs, strength = 0.5 }).ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/interactions", new { id = NewId("i"), at = App.Clock.GetUtcNow(), kind = "meeting", participantIds = new[] { ours, theirs } })
            .ShouldBe(HttpStatusCode.Created);

        await Client.DeleteAsync($"/api/people/{theirs}").ShouldBe(HttpStatusCode.NoContent);

        Assert.That((await RelationshipsOfAsync(ours))["total"]!.GetValue<long>(), Is.Zero);
        await Client.DeleteAsync($"/api/relationships?ourPersonId={ours}&theirPersonId={theirs}").ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
