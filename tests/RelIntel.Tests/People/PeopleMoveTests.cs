using System.Net;
using System.Text.Json.Nodes;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Accounts;
using RelIntel.Api.Features.Changes;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Infrastructure;

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
        await World.KnowsAsync(ava, g.Lee, 0.9, since: "2015-03-01");
        await World.KnowsAsync(ava, g.Morgan, 0.3);
        await PutAsync($"/api/opportunities/{g.Deal}", new { name = "Plant automation", organizationId = account, stage = "proposal" })
            .ShouldBe(HttpStatusCode.Created);
        await World.MemberAsync(g.Lee, ["decider"], "supporter", influence: 5, coach: true, deal: g.Deal);
        await World.MemberAsync(g.Morgan, ["approver"], "neutral", influence: 4, deal: g.Deal);
        await World.TeamAsync(ava, deal: g.Deal);
        return g;
    }

    private Task<OrgChartResponse> NightlySyncWithoutLeeAsync(Globex g) =>
        PostAsync($"/api/organizations/{g.Account}/org-chart", new { mode = "replace", people = g.Chart(withLee: false) })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);

    private Task<PersonResponse> PersonAsync(string id) => Client.GetAsync($"/api/people/{id}").ShouldBe<PersonResponse>(HttpStatusCode.OK);

    private async Task<IReadOnlyList<RelationshipResponse>> RelationshipsOfAsync(string person) =>
        (await Client.GetAsync($"/api/people/{person}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK)).Items;

    private async Task<IReadOnlyList<ChangeResponse>> ChangesOfAsync(string organization) =>
        (await Client.GetAsync($"/api/organizations/{organization}/changes").ShouldBe<Paged<ChangeResponse>>(HttpStatusCode.OK)).Items;

    [Test]
    public async Task The_nightly_sync_without_the_coach_makes_her_leave_and_loses_nothing()
    {
        var g = await GlobexAsync();

        var answer = await NightlySyncWithoutLeeAsync(g);

        Assert.That(answer.Left, Is.EqualTo(1));
        Assert.That(answer.LeftIds, Is.EqualTo(new[] { g.Lee }));
        var lee = await PersonAsync(g.Lee);
        Assert.That(lee.LeftAt, Is.Not.Null);
        Assert.That(lee.ManagerId, Is.Null, "her solid line ended");
        var job = lee.Employment!.Single();
        Assert.That(job.OrganizationId, Is.EqualTo(g.Account));
        Assert.That(job.Title, Is.EqualTo("Chief Financial Officer"));
        Assert.That(job.Until, Is.EqualTo(lee.LeftAt));

        // Ava's relationship is kept, with its strength and history, and says that Lee left.
        var relationships = await RelationshipsOfAsync(g.Ava);
        var withLee = relationships.Single(r => r.TheirPerson.Id == g.Lee);
        Assert.That(withLee.Strength.Value, Is.EqualTo(0.9));
        Assert.That(withLee.Since, Is.EqualTo(new DateOnly(2015, 3, 1)));
        Assert.That(withLee.TheirPersonLeftAt, Is.Not.Null);
        var withMorgan = relationships.Single(r => r.TheirPerson.Id == g.Morgan);
        Assert.That(withMorgan.TheirPersonLeftAt, Is.Null);

        // Globex no longer counts her: not in its people, org chart, coverage or influencers; her report lost his line.
        var people = await Client.GetAsync($"/api/organizations/{g.Account}/people").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK);
        Assert.That(people.Items.Select(p => p.Id), Is.EquivalentTo(new[] { g.Morgan, g.Dana }));
        var chart = await Client.GetAsync($"/api/organizations/{g.Account}/org-chart").ShouldBe<AccountOrgChartResponse>(HttpStatusCode.OK);
        Assert.That(chart.People.Select(p => p.Id), Is.EquivalentTo(new[] { g.Morgan, g.Dana }));
        var coverage = await Client.GetAsync($"/api/organizations/{g.Account}/coverage").ShouldBe<AccountCoverageResponse>(HttpStatusCode.OK);
        Assert.That(coverage.People, Is.EqualTo(2));
        Assert.That(coverage.Known, Is.EqualTo(1), "only Morgan: Ava's link to Lee no longer covers Globex");
        Assert.That(await World.TextAsync($"/api/organizations/{g.Account}/influencers"), Does.Not.Contain(g.Lee));
        Assert.That((await PersonAsync(g.Dana)).ManagerId, Is.EqualTo(g.Morgan));

        // The deal learns of it: no target, no route, a member-left gap naming her roles and attitude.
        var recommendations = await Client.GetAsync($"/api/opportunities/{g.Deal}/recommendations")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        Assert.That(recommendations.Targets.Select(t => t.Person.Id), Is.EqualTo(new[] { g.Morgan }));
        Assert.That(recommendations.Plan.Select(p => p.TheirPerson.Id), Does.Not.Contain(g.Lee));
        var gap = recommendations.Gaps.Single(x => x.Code == GapCode.MemberLeft);
        Assert.That(gap.PersonId, Is.EqualTo(g.Lee));
        Assert.That(gap.Message, Is.EqualTo(
            $"Lee Okafor, the Decider and our coach, left Globex on {lee.LeftAt:yyyy-MM-dd}: find who holds the budget now."));
        var powerMap = await Client.GetAsync($"/api/opportunities/{g.Deal}/power-map").ShouldBe<PowerMapResponse>(HttpStatusCode.OK);
        Assert.That(powerMap.Gaps.Select(x => x.Code), Does.Contain(GapCode.MemberLeft));
        Assert.That(powerMap.Members.Select(m => m.Person.Id), Does.Not.Contain(g.Lee));
        var orchestration = JsonNode.Parse(await World.TextAsync($"/api/opportunities/{g.Deal}/orchestration"))!;
        Assert.That(orchestration["stages"]!.ToJsonString() + orchestration["nextConversations"]!.ToJsonString(), Does.Not.Contain(g.Lee));
        await Client.GetAsync($"/api/paths?from={g.Ava}&to={g.Lee}").ShouldBeProblem(HttpStatusCode.NotFound);

        // The same sync again: nobody else leaves, and she stays left.
        var again = await NightlySyncWithoutLeeAsync(g);
        Assert.That(again.Left, Is.Zero);
        Assert.That((await PersonAsync(g.Lee)).LeftAt, Is.EqualTo(lee.LeftAt));
    }

    [Test]
    public async Task Someone_who_left_is_no_intermediary_even_where_their_rapport_is_kept()
    {
        var g = await GlobexAsync();
        await PutAsync("/api/rapport", new { personId = g.Lee, otherId = g.Dana, sentiment = "sympathy" }).ShouldBe(HttpStatusCode.Created);
        var before = await Client.GetAsync($"/api/paths?from={g.Ava}&to={g.Dana}&k=10").ShouldBe<PathsResponse>(HttpStatusCode.OK);
        Assert.That(before.Paths.Select(p => p.Hops[0].To.Id), Does.Contain(g.Lee), "Ava's best way to Dana went through Lee");

        await NightlySyncWithoutLeeAsync(g);

        // Her reporting line to Dana ended; her rapport with Dana is kept as history, but nobody is routed through her.
        var after = await Client.GetAsync($"/api/paths?from={g.Ava}&to={g.Dana}&k=10").ShouldBe<PathsResponse>(HttpStatusCode.OK);
        Assert.That(after.Paths, Is.Not.Empty, "Dana is still reached, through Morgan");
        Assert.That(after.Paths.SelectMany(p => p.Hops).Select(h => h.To.Id), Does.Not.Contain(g.Lee));
        var recommendations = await Client.GetAsync($"/api/opportunities/{g.Deal}/recommendations?pathsPerTarget=10")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        var hops = recommendations.Targets.SelectMany(t => t.Paths).SelectMany(p => p.Hops).ToList();
        Assert.That(hops, Is.Not.Empty);
        Assert.That(hops.Select(h => h.To.Id), Does.Not.Contain(g.Lee), "no path of the deal passes through her");
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
        var untouched = await Client.GetAsync($"/api/organizations/{org}/people").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK);
        Assert.That(untouched.Total, Is.EqualTo(10), "a refused replace writes nothing");
        Assert.That((await PersonAsync($"{org}-9")).LeftAt, Is.Null);

        var accepted = await PostAsync($"/api/organizations/{org}/org-chart?confirmLeavers=7", partial).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(accepted.Left, Is.EqualTo(7));
        var after = await Client.GetAsync($"/api/organizations/{org}/people").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK);
        Assert.That(after.Total, Is.EqualTo(3));
        Assert.That((await PersonAsync($"{org}-9")).LeftAt, Is.Not.Null);
    }

    [Test]
    public async Task A_replace_needs_no_confirmation_when_at_most_five_leave_or_at_most_the_share_does()
    {
        // Both limits must be passed for the guard to refuse: five people of ten (50 %), then six of thirty (20 %, not more).
        var small = await World.OrganizationAsync("customer", "Small Co");
        var ten = Enumerable.Range(0, 10).Select(i => new { id = $"{small}-{i}", name = $"Person {i}" }).ToArray();
        await PostAsync($"/api/organizations/{small}/org-chart", new { people = ten }).ShouldBe(HttpStatusCode.OK);
        var five = await PostAsync($"/api/organizations/{small}/org-chart", new { mode = "replace", people = ten[..5] })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(five.Left, Is.EqualTo(5));

        var large = await World.OrganizationAsync("customer", "Large Co");
        var thirty = Enumerable.Range(0, 30).Select(i => new { id = $"{large}-{i}", name = $"Person {i}" }).ToArray();
        await PostAsync($"/api/organizations/{large}/org-chart", new { people = thirty }).ShouldBe(HttpStatusCode.OK);
        var refused = await PostAsync($"/api/organizations/{large}/org-chart", new { mode = "replace", people = thirty[..23] })
            .ShouldBeProblem(HttpStatusCode.Conflict, "confirmLeavers");
        Assert.That(refused["leavers"]!.GetValue<int>(), Is.EqualTo(7), "seven of thirty is more than 20 %");
        var six = await PostAsync($"/api/organizations/{large}/org-chart", new { mode = "replace", people = thirty[..24] })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(six.Left, Is.EqualTo(6));
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
        var before = await Client.GetAsync($"/api/organizations/{initech}/coverage").ShouldBe<AccountCoverageResponse>(HttpStatusCode.OK);
        Assert.That(before.Known, Is.Zero);

        // Initech's CRM sends her under the same id.
        var chart = new object[] { new { id = bill, name = "Bill Lumbergh" }, new { id = g.Lee, name = "Lee Okafor", title = "CFO", managerId = bill } };
        var answer = await PostAsync($"/api/organizations/{initech}/org-chart", new { people = chart }).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Failed, Is.Zero);

        var lee = await PersonAsync(g.Lee);
        Assert.That(lee.LeftAt, Is.Null);
        Assert.That(lee.OrganizationId, Is.EqualTo(initech));
        Assert.That(lee.ManagerId, Is.EqualTo(bill));
        var jobs = lee.Employment!;
        Assert.That(jobs.Select(j => j.OrganizationId), Is.EqualTo(new[] { g.Account, initech }));
        Assert.That(jobs.Select(j => j.Title), Is.EqualTo(new[] { "Chief Financial Officer", "CFO" }));
        Assert.That(jobs[1].Until, Is.Null);

        // Ava knows her, not the company: the relationship follows, and counts for Initech now.
        var withAva = (await RelationshipsOfAsync(g.Lee)).Single();
        Assert.That(withAva.OurPerson.Id, Is.EqualTo(g.Ava));
        Assert.That(withAva.Strength.Value, Is.EqualTo(0.9));
        Assert.That(withAva.TheirPersonLeftAt, Is.Null);
        var after = await Client.GetAsync($"/api/organizations/{initech}/coverage").ShouldBe<AccountCoverageResponse>(HttpStatusCode.OK);
        Assert.That(after.Known, Is.EqualTo(1));
        Assert.That(after.People, Is.EqualTo(2));
        var paths = await Client.GetAsync($"/api/paths?from={g.Ava}&to={bill}").ShouldBe<PathsResponse>(HttpStatusCode.OK);
        Assert.That(paths.Paths[0].Hops.Select(h => h.To.Id), Is.EqualTo(new[] { g.Lee, bill }), "she is an intermediary at Initech");

        // Globex's deal still knows she left it; Initech's feed says where she came from.
        var recommendations = await Client.GetAsync($"/api/opportunities/{g.Deal}/recommendations")
            .ShouldBe<RecommendationsResponse>(HttpStatusCode.OK);
        Assert.That(recommendations.Gaps.Select(x => x.Code), Does.Contain(GapCode.MemberLeft));
        var movedIn = (await ChangesOfAsync(initech)).Single(c => c.Kind == ChangeKind.MovedIn);
        Assert.That(movedIn.Person.Id, Is.EqualTo(g.Lee));
        Assert.That(movedIn.OtherOrganizationId, Is.EqualTo(g.Account));
    }

    [Test]
    public async Task Put_with_another_organization_moves_a_person_who_keeps_do_not_contact_and_both_feeds_record_it()
    {
        var globex = await World.OrganizationAsync("customer", "Globex");
        var initech = await World.OrganizationAsync("customer", "Initech");
        var quiet = await World.PersonAsync(globex, "Quinn Quiet", doNotContact: true);
        App.Clock.Advance(TimeSpan.FromMinutes(5));

        var moved = await PutAsync($"/api/people/{quiet}", new { name = "Quinn Quiet", organizationId = initech, title = "COO" })
            .ShouldBe<PersonResponse>(HttpStatusCode.OK);

        Assert.That(moved.OrganizationId, Is.EqualTo(initech));
        Assert.That(moved.DoNotContact, Is.True, "the mark goes with the person");
        Assert.That(moved.Employment!.Select(j => j.OrganizationId), Is.EqualTo(new[] { globex, initech }));
        Assert.That((await ChangesOfAsync(globex)).Select(c => c.Kind), Is.EqualTo(new[] { ChangeKind.MovedOut, ChangeKind.Joined }));
        Assert.That((await ChangesOfAsync(initech)).Single().Kind, Is.EqualTo(ChangeKind.MovedIn));

        // Not named to anyone but admins, wherever she works.
        using var seller = await ClientAsAsync("integration");
        var hidden = await seller.GetAsync($"/api/organizations/{initech}/changes").ShouldBe<Paged<ChangeResponse>>(HttpStatusCode.OK);
        Assert.That(hidden.Total, Is.Zero);
    }

    [Test]
    public async Task A_new_record_said_to_be_someone_who_left_takes_over_their_history_and_relationships()
    {
        var g = await GlobexAsync();
        await NightlySyncWithoutLeeAsync(g);
        var initech = await World.OrganizationAsync("customer", "Initech");
        var newId = NewId("lee-at-initech");

        var created = await PutAsync($"/api/people/{newId}", new { name = "Lee Okafor", organizationId = initech, title = "CFO", samePersonAs = g.Lee })
            .ShouldBe<PersonResponse>(HttpStatusCode.Created);

        Assert.That(created.LeftAt, Is.Null);
        Assert.That(created.Employment!.Select(j => j.OrganizationId), Is.EqualTo(new[] { g.Account, initech }));
        await Client.GetAsync($"/api/people/{g.Lee}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        Assert.That((await RelationshipsOfAsync(g.Ava)).Select(r => r.TheirPerson.Id), Does.Contain(newId));
        var coverage = await Client.GetAsync($"/api/organizations/{initech}/coverage").ShouldBe<AccountCoverageResponse>(HttpStatusCode.OK);
        Assert.That(coverage.Known, Is.EqualTo(1));
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

        var lee = await PersonAsync(g.Lee);
        Assert.That(lee.OrganizationId, Is.EqualTo(g.Account), "nothing was written");
        Assert.That(lee.Employment, Has.Count.EqualTo(1));
        Assert.That((await PersonAsync(sam)).Employment, Has.Count.EqualTo(1));
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
            var feed = await World.TextAsync($"/api/organizations/{org}/changes");
            Assert.That(feed, Does.Not.Contain(g.Lee).And.Not.Contain("Lee Okafor"));
            Assert.That(feed.Read<Paged<ChangeResponse>>().Items.Select(c => c.Kind), Does.Not.Contain(ChangeKind.MovedIn).And.Not.Contain(ChangeKind.MovedOut));
        }
    }
}
