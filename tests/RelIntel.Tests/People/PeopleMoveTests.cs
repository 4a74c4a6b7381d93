using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RelIntel.Tests.People;

/// <summary>
/// People move: the nightly org-chart sync of a CRM never erases anyone. Whom a <c>replace</c> leaves out leaves (kept
/// with their history and our relationships), a partial export is refused, a deal learns that its coach left, and
/// someone who turns up at another organization is a move that our relationships follow.
/// </summary>
public sealed class PeopleMoveTests : ApiTest
{
    /// <summary>Globex with its CFO Lee, the deal's Decider and our coach, whom our Ava has known since 2015.</summary>
    private sealed record Globex(string Us, string Account, string Ava, string Morgan, string Lee, string Dana, string Deal)
    {
        public object[] Chart(bool withLee) =>
        [
            new { id = Morgan, name = "Morgan Hale", title = "Chief Executive Officer", seniority = "executive" },
            .. withLee ? new object[] { new { id = Lee, name = "Lee Okafor", title = "Chief Financial Officer", seniority = "executive", managerId = Morgan } } : [],
            new { id = Dana, name = "Dana Whitfield", title = "VP Operations", seniority = "vp", managerId = withLee ? Lee : Morgan },
        ];
    }

    private async Task<Globex> GlobexAsync()
    {
        var us = await World.OrganizationAsync("own", "Us");
        var account = await World.OrganizationAsync("customer", "Globex");
        var ava = await World.PersonAsync(us, "Ava Reyes", seniority: "executive");
        var g = new Globex(us, account, ava, NewId("morgan"), NewId("lee"), NewId("dana"), NewId("opp"));
        await PostAsync($"/api/organizations/{account}/org-chart", new { mode = "replace", people = g.Chart(withLee: true) })
            .ShouldBe(HttpStatusCode.OK);
        await PutAsync("/api/relationships", new { ourPersonId = ava, theirPersonId = g.Lee, strength = 0.9, since = "2015-03-01", visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/relationships", new { ourPersonId = ava, theirPersonId = g.Morgan, strength = 0.3, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{g.Deal}", new { name = "Plant automation", organizationId = account, stage = "proposal" })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{g.Deal}/buying-center/{g.Lee}", new { roles = new[] { "decider" }, attitude = "supporter", influence = 5, coach = true })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{g.Deal}/buying-center/{g.Morgan}", new { roles = new[] { "approver" }, attitude = "neutral", influence = 4 })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{g.Deal}/team/{ava}", new { role = "account-executive" }).ShouldBe(HttpStatusCode.Created);
        return g;
    }

    private Task<JsonNode> NightlySyncWithoutLeeAsync(Globex g) =>
        PostAsync($"/api/organizations/{g.Account}/org-chart", new { mode = "replace", people = g.Chart(withLee: false) }).ShouldBe(HttpStatusCode.OK);

    private static List<string?> Ids(JsonNode? list, string property = "id") =>
        list!.AsArray().Select(n => n!.AsObject()[property]?.GetValue<string>()).ToList();

    [Test]
    public async Task The_nightly_sync_without_the_coach_makes_her_leave_and_loses_nothing()
    {
        var g = await GlobexAsync();

        var answer = await NightlySyncWithoutLeeAsync(g);

        Assert.That(answer["left"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(answer["leftIds"]!.Read<List<string>>(), Is.EqualTo(new[] { g.Lee }));
        var lee = await Client.GetAsync($"/api/people/{g.Lee}").ShouldBe(HttpStatusCode.OK);
        Assert.That(lee["leftAt"], Is.Not.Null);
        Assert.That(lee["managerId"], Is.Null, "her solid line ended");
        var job = lee["employment"]!.AsArray().Single()!;
        Assert.That(job["organizationId"]!.GetValue<string>(), Is.EqualTo(g.Account));
        Assert.That(job["title"]!.GetValue<string>(), Is.EqualTo("Chief Financial Officer"));
        Assert.That(job["until"]!.GetValue<DateTimeOffset>(), Is.EqualTo(lee["leftAt"]!.GetValue<DateTimeOffset>()));

        // Ava's relationship is kept, with its strength and history, and says that Lee left.
        var relationships = await Client.GetAsync($"/api/people/{g.Ava}/relationships").ShouldBe(HttpStatusCode.OK);
        var withLee = relationships["items"]!.AsArray().Single(r => r!["theirPerson"]!["id"]!.GetValue<string>() == g.Lee)!;
        Assert.That(withLee["strength"]!["value"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(withLee["since"]!.GetValue<string>(), Is.EqualTo("2015-03-01"));
        Assert.That(withLee["theirPersonLeftAt"], Is.Not.Null);
        var withMorgan = relationships["items"]!.AsArray().Single(r => r!["theirPerson"]!["id"]!.GetValue<string>() == g.Morgan)!;
        Assert.That(withMorgan["theirPersonLeftAt"], Is.Null);

        // Globex no longer counts her: not in its people, org chart, coverage or influencers; her report lost his line.
        var people = await Client.GetAsync($"/api/organizations/{g.Account}/people").ShouldBe(HttpStatusCode.OK);
        Assert.That(Ids(people["items"]), Is.EquivalentTo(new[] { g.Morgan, g.Dana }));
        var chart = await Client.GetAsync($"/api/organizations/{g.Account}/org-chart").ShouldBe(HttpStatusCode.OK);
        Assert.That(Ids(chart["people"]), Is.EquivalentTo(new[] { g.Morgan, g.Dana }));
        var coverage = await Client.GetAsync($"/api/organizations/{g.Account}/coverage").ShouldBe(HttpStatusCode.OK);
        Assert.That(coverage["people"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(coverage["known"]!.GetValue<int>(), Is.EqualTo(1), "only Morgan: Ava's link to Lee no longer covers Globex");
        var influencers = await Client.GetAsync($"/api/organizations/{g.Account}/influencers").ShouldBe(HttpStatusCode.OK);
        Assert.That(influencers.ToJsonString(), Does.Not.Contain(g.Lee));
        Assert.That((await Client.GetAsync($"/api/people/{g.Dana}").ShouldBe(HttpStatusCode.OK))["managerId"]!.GetValue<string>(),
            Is.EqualTo(g.Morgan));

        // The deal learns of it: no target, no route, a member-left gap naming her roles and attitude.
        var recommendations = await Client.GetAsync($"/api/opportunities/{g.Deal}/recommendations").ShouldBe(HttpStatusCode.OK);
        Assert.That(recommendations["targets"]!.AsArray().Select(t => t!["person"]!["id"]!.GetValue<string>()), Is.EqualTo(new[] { g.Morgan }));
        Assert.That(recommendations["plan"]!.AsArray().Select(p => p!["theirPerson"]!["id"]!.GetValue<string>()), Does.Not.Contain(g.Lee));
        var gap = recommendations["gaps"]!.AsArray().Single(x => x!["code"]!.GetValue<string>() == "member-left")!;
        Assert.That(gap["personId"]!.GetValue<string>(), Is.EqualTo(g.Lee));
        Assert.That(gap["message"]!.GetValue<string>(), Is.EqualTo(
            $"Lee Okafor, the Decider and our coach, left Globex on {lee["leftAt"]!.GetValue<DateTimeOffset>():yyyy-MM-dd}: find who holds the budget now."));
        var powerMap = await Client.GetAsync($"/api/opportunities/{g.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        Assert.That(powerMap["gaps"]!.AsArray().Select(x => x!["code"]!.GetValue<string>()), Does.Contain("member-left"));
        Assert.That(powerMap["members"]!.AsArray().Select(m => m!["person"]!["id"]!.GetValue<string>()), Does.Not.Contain(g.Lee));
        var orchestration = await Client.GetAsync($"/api/opportunities/{g.Deal}/orchestration").ShouldBe(HttpStatusCode.OK);
        Assert.That(orchestration["stages"]!.ToJsonString() + orchestration["nextConversations"]!.ToJsonString(), Does.Not.Contain(g.Lee));
        await Client.GetAsync($"/api/paths?from={g.Ava}&to={g.Lee}").ShouldBeProblem(HttpStatusCode.NotFound);

        // The same sync again: nobody else leaves, and she stays left.
        var again = await NightlySyncWithoutLeeAsync(g);
        Assert.That(again["left"]!.GetValue<int>(), Is.Zero);
        Assert.That((await Client.GetAsync($"/api/people/{g.Lee}").ShouldBe(HttpStatusCode.OK))["leftAt"]!.GetValue<DateTimeOffset>(),
            Is.EqualTo(lee["leftAt"]!.GetValue<DateTimeOffset>()));
    }

    [Test]
    public async Task A_replace_that_would_make_most_people_leave_writes_nothing_unless_the_count_is_confirmed()
    {
        var org = await World.OrganizationAsync("customer", "Partial Export Co");
        var people = Enumerable.Range(0, 10).Select(i => new { id = $"{org}-{i}", name = $"Person {i}" }).ToArray();
        await PostAsync($"/api/organizations/{org}/org-chart", new { people }).ShouldBe(HttpStatusCode.OK);
        var partial = new { mode = "replace", people = people[..3] };

        var refused = await PostAsync($"/api/organizations/{org}/org-chart", partial).ShouldBeProblem(HttpStatusCode.Conflict, "confirmLeavers");
        Assert.That(refused["leavers"]!.GetValue<int>(), Is.EqualTo(7));
        Assert.That(refused["share"]!.GetValue<double>(), Is.EqualTo(0.7));
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("7 of the organization's 10").And.Contain("70"));
        await PostAsync($"/api/organizations/{org}/org-chart?confirmLeavers=6", partial).ShouldBeProblem(HttpStatusCode.Conflict, "confirmLeavers");
        await PostAsync($"/api/organizations/{org}/org-chart?confirmLeavers=-1", partial).ShouldBeProblem(HttpStatusCode.BadRequest, "confirmLeavers");
        var untouched = await Client.GetAsync($"/api/organizations/{org}/people").ShouldBe(HttpStatusCode.OK);
        Assert.That(untouched["total"]!.GetValue<int>(), Is.EqualTo(10), "a refused replace writes nothing");
        Assert.That((await Client.GetAsync($"/api/people/{org}-9").ShouldBe(HttpStatusCode.OK))["leftAt"], Is.Null);

        var accepted = await PostAsync($"/api/organizations/{org}/org-chart?confirmLeavers=7", partial).ShouldBe(HttpStatusCode.OK);
        Assert.That(accepted["left"]!.GetValue<int>(), Is.EqualTo(7));
        var after = await Client.GetAsync($"/api/organizations/{org}/people").ShouldBe(HttpStatusCode.OK);
        Assert.That(after["total"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That((await Client.GetAsync($"/api/people/{org}-9").ShouldBe(HttpStatusCode.OK))["leftAt"], Is.Not.Null);
    }

    [Test]
    public async Task The_coach_turning_up_at_another_customer_is_a_move_that_our_relationship_follows()
    {
        var g = await GlobexAsync();
        await NightlySyncWithoutLeeAsync(g);
        var initech = await World.OrganizationAsync("customer", "Initech");
        var bill = NewId("bill");
        await PostAsync($"/api/organizations/{initech}/org-chart", new { people = new[] { new { id = bill, name = "Bill Lumbergh" } } })
            .ShouldBe(HttpStatusCode.OK);
        var before = await Client.GetAsync($"/api/organizations/{initech}/coverage").ShouldBe(HttpStatusCode.OK);
        Assert.That(before["known"]!.GetValue<int>(), Is.Zero);

        // Initech's CRM sends her under the same id.
        var chart = new object[] { new { id = bill, name = "Bill Lumbergh" }, new { id = g.Lee, name = "Lee Okafor", title = "CFO", managerId = bill } };
        var answer = await PostAsync($"/api/organizations/{initech}/org-chart", new { people = chart }).ShouldBe(HttpStatusCode.OK);
        Assert.That(answer["failed"]!.GetValue<int>(), Is.Zero);

        var lee = await Client.GetAsync($"/api/people/{g.Lee}").ShouldBe(HttpStatusCode.OK);
        Assert.That(lee["leftAt"], Is.Null);
        Assert.That(lee["organizationId"]!.GetValue<string>(), Is.EqualTo(initech));
        Assert.That(lee["managerId"]!.GetValue<string>(), Is.EqualTo(bill));
        var jobs = lee["employment"]!.AsArray();
        Assert.That(jobs.Select(j => j!["organizationId"]!.GetValue<string>()), Is.EqualTo(new[] { g.Account, initech }));
        Assert.That(jobs.Select(j => j!["title"]!.GetValue<string>()), Is.EqualTo(new[] { "Chief Financial Officer", "CFO" }));
        Assert.That(jobs[1]!["until"], Is.Null);

        // Ava knows her, not the company: the relationship follows, and counts for Initech now.
        var relationships = await Client.GetAsync($"/api/people/{g.Lee}/relationships").ShouldBe(HttpStatusCode.OK);
        var withAva = relationships["items"]!.AsArray().Single()!;
        Assert.That(withAva["ourPerson"]!["id"]!.GetValue<string>(), Is.EqualTo(g.Ava));
        Assert.That(withAva["strength"]!["value"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(withAva["theirPersonLeftAt"], Is.Null);
        var after = await Client.GetAsync($"/api/organizations/{initech}/coverage").ShouldBe(HttpStatusCode.OK);
        Assert.That(after["known"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(after["people"]!.GetValue<int>(), Is.EqualTo(2));
        var paths = await Client.GetAsync($"/api/paths?from={g.Ava}&to={bill}").ShouldBe(HttpStatusCode.OK);
        Assert.That(paths["paths"]!.AsArray().First()!["hops"]!.AsArray().Select(h => h!["to"]!["id"]!.GetValue<string>()),
            Is.EqualTo(new[] { g.Lee, bill }), "she is an intermediary at Initech");

        // Globex's deal still knows she left it; Initech's feed says where she came from.
        var gaps = (await Client.GetAsync($"/api/opportunities/{g.Deal}/recommendations").ShouldBe(HttpStatusCode.OK))["gaps"]!;
        Assert.That(gaps.AsArray().Select(x => x!["code"]!.GetValue<string>()), Does.Contain("member-left"));
        var feed = await Client.GetAsync($"/api/organizations/{initech}/changes").ShouldBe(HttpStatusCode.OK);
        var movedIn = feed["items"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "moved-in")!;
        Assert.That(movedIn["person"]!["id"]!.GetValue<string>(), Is.EqualTo(g.Lee));
        Assert.That(movedIn["otherOrganizationId"]!.GetValue<string>(), Is.EqualTo(g.Account));
    }

    [Test]
    public async Task Put_with_another_organization_moves_a_person_who_keeps_do_not_contact_and_both_feeds_record_it()
    {
        var globex = await World.OrganizationAsync("customer", "Globex");
        var initech = await World.OrganizationAsync("customer", "Initech");
        var quiet = await World.PersonAsync(globex, "Quinn Quiet", doNotContact: true);
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var moved = await PutAsync($"/api/people/{quiet}", new { name = "Quinn Quiet", organizationId = initech, title = "COO" })
            .ShouldBe(HttpStatusCode.OK);

        Assert.That(moved["organizationId"]!.GetValue<string>(), Is.EqualTo(initech));
        Assert.That(moved["doNotContact"]!.GetValue<bool>(), Is.True, "the mark goes with the person");
        Assert.That(moved["employment"]!.AsArray().Select(j => j!["organizationId"]!.GetValue<string>()), Is.EqualTo(new[] { globex, initech }));
        var outOf = await Client.GetAsync($"/api/organizations/{globex}/changes").ShouldBe(HttpStatusCode.OK);
        Assert.That(outOf["items"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "moved-out", "joined" }));
        var into = await Client.GetAsync($"/api/organizations/{initech}/changes").ShouldBe(HttpStatusCode.OK);
        Assert.That(into["items"]!.AsArray().Single()!["kind"]!.GetValue<string>(), Is.EqualTo("moved-in"));

        // Not named to anyone but admins, wherever she works.
        using var seller = await ClientAsAsync("integration");
        var hidden = await seller.GetAsync($"/api/organizations/{initech}/changes").ShouldBe(HttpStatusCode.OK);
        Assert.That(hidden["total"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task A_new_record_said_to_be_someone_who_left_takes_over_their_history_and_relationships()
    {
        var g = await GlobexAsync();
        await NightlySyncWithoutLeeAsync(g);
        var initech = await World.OrganizationAsync("customer", "Initech");
        var newId = NewId("lee-at-initech");

        var created = await PutAsync($"/api/people/{newId}", new { name = "Lee Okafor", organizationId = initech, title = "CFO", samePersonAs = g.Lee })
            .ShouldBe(HttpStatusCode.Created);

        Assert.That(created["leftAt"], Is.Null);
        Assert.That(created["employment"]!.AsArray().Select(j => j!["organizationId"]!.GetValue<string>()), Is.EqualTo(new[] { g.Account, initech }));
        await Client.GetAsync($"/api/people/{g.Lee}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        var relationships = await Client.GetAsync($"/api/people/{g.Ava}/relationships").ShouldBe(HttpStatusCode.OK);
        Assert.That(relationships["items"]!.AsArray().Select(r => r!["theirPerson"]!["id"]!.GetValue<string>()), Does.Contain(newId));
        var coverage = await Client.GetAsync($"/api/organizations/{initech}/coverage").ShouldBe(HttpStatusCode.OK);
        Assert.That(coverage["known"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Bad_moves_are_refused_naming_the_field_and_write_nothing()
    {
        var g = await GlobexAsync();
        var initech = await World.OrganizationAsync("customer", "Initech");
        var sam = await World.PersonAsync(g.Us, "Sam Seller");
        await PostAsync($"/api/organizations/{g.Us}/org-chart", new { mode = "replace", people = new[] { new { id = g.Ava, name = "Ava Reyes" } } })
            .ShouldBe(HttpStatusCode.OK);
        string Fresh() => NewId("new");

        // samePersonAs: someone who has not left; unknown; one of ours for one of theirs; a new id that is taken.
        await PutAsync($"/api/people/{Fresh()}", new { name = "Lee Okafor", organizationId = initech, samePersonAs = g.Lee })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "samePersonAs");
        await PutAsync($"/api/people/{Fresh()}", new { name = "Nobody", organizationId = initech, samePersonAs = NewId("ghost") })
            .ShouldBeProblem(HttpStatusCode.NotFound, "samePersonAs");
        await PutAsync($"/api/people/{Fresh()}", new { name = "Sam Seller", organizationId = initech, samePersonAs = sam })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "samePersonAs");
        await PutAsync($"/api/people/{g.Dana}", new { name = "Sam Seller", organizationId = initech, samePersonAs = sam })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "samePersonAs");
        await PutAsync($"/api/people/{Fresh()}", new { name = "Bad", organizationId = initech, samePersonAs = "not an id!" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "samePersonAs");
        // A move to an unknown organization; a join dated in the future.
        await PutAsync($"/api/people/{g.Lee}", new { name = "Lee Okafor", organizationId = NewId("nowhere") })
            .ShouldBeProblem(HttpStatusCode.NotFound, "organizationId");
        await PutAsync($"/api/people/{g.Lee}", new { name = "Lee Okafor", organizationId = initech, joinedAt = App.Clock.GetUtcNow().AddDays(2) })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "joinedAt");

        var lee = await Client.GetAsync($"/api/people/{g.Lee}").ShouldBe(HttpStatusCode.OK);
        Assert.That(lee["organizationId"]!.GetValue<string>(), Is.EqualTo(g.Account), "nothing was written");
        Assert.That(lee["employment"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That((await Client.GetAsync($"/api/people/{sam}").ShouldBe(HttpStatusCode.OK))["employment"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Erasing_someone_who_moved_removes_their_whole_history()
    {
        var g = await GlobexAsync();
        var initech = await World.OrganizationAsync("customer", "Initech");
        await PutAsync($"/api/people/{g.Lee}", new { name = "Lee Okafor", organizationId = initech, title = "CFO" }).ShouldBe(HttpStatusCode.OK);
        Assert.That(await GraphScan.OccurrencesOf(g.Lee), Is.GreaterThan(0));

        await Client.DeleteAsync($"/api/people/{g.Lee}").ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"/api/people/{g.Lee}").ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.That(await GraphScan.OccurrencesOf(g.Lee), Is.Zero, "the id is still in the graph");
        foreach (var org in new[] { g.Account, initech })
        {
            var feed = await Client.GetAsync($"/api/organizations/{org}/changes").ShouldBe(HttpStatusCode.OK);
            Assert.That(feed.ToJsonString(), Does.Not.Contain(g.Lee).And.Not.Contain("Lee Okafor"));
            Assert.That(feed["items"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()), Does.Not.Contain("moved-in").And.Not.Contain("moved-out"));
        }
    }
}
