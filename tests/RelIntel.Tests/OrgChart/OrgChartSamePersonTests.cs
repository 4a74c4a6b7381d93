using System.Net;
using System.Text;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Changes;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.OrgChart;

/// <summary>
/// A CRM that keys people by its own record ids sends someone who changed jobs under a new id: an org-chart record
/// (JSON member or CSV column) says <c>samePersonAs</c> the person who left, who then moves here under the new id, with
/// their history and our relationships, as <c>PUT /api/people/{id}</c> does. What PUT refuses, a chart's record fails.
/// </summary>
public sealed class OrgChartSamePersonTests : ApiTest
{
    private sealed record Departure(string Us, string Globex, string Initech, string Ava, string Lee, string Dana);

    /// <summary>Lee left Globex (the nightly replace left her out); Ava of ours knows her; Dana still works there.</summary>
    private async Task<Departure> LeeLeftGlobexAsync()
    {
        var us = await World.OrganizationAsync("own", "Acme");
        var globex = await World.OrganizationAsync("customer", "Globex");
        var initech = await World.OrganizationAsync("customer", "Initech");
        var d = new Departure(us, globex, initech, await World.PersonAsync(us, "Ava Reyes"), NewId("lee"), NewId("dana"));
        await PostAsync($"/api/organizations/{globex}/org-chart", new
        {
            mode = "replace",
            people = new object[] { new { id = d.Lee, name = "Lee Okafor", title = "CFO" }, new { id = d.Dana, name = "Dana Whitfield" } },
        }).ShouldBe(HttpStatusCode.OK);
        await World.KnowsAsync(d.Ava, d.Lee, 0.9);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await PostAsync($"/api/organizations/{globex}/org-chart", new { mode = "replace", people = new[] { new { id = d.Dana, name = "Dana Whitfield" } } })
            .ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        return d;
    }

    private async Task AssertLeeIsAtInitechUnderAsync(Departure d, string newId)
    {
        var lee = await Client.GetAsync($"/api/people/{newId}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(lee.OrganizationId, Is.EqualTo(d.Initech));
            Assert.That(lee.LeftAt, Is.Null);
            Assert.That(lee.Employment!.Select(j => j.OrganizationId), Is.EqualTo(new[] { d.Globex, d.Initech }));
        });
        await Client.GetAsync($"/api/people/{d.Lee}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        var known = await Client.GetAsync($"/api/people/{newId}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        Assert.That(known.Items.Single().OurPerson.Id, Is.EqualTo(d.Ava), "our relationship followed her");
        var coverage = await Client.GetAsync($"/api/organizations/{d.Initech}/coverage").ShouldBe<AccountCoverageResponse>(HttpStatusCode.OK);
        Assert.That(coverage.Known, Is.EqualTo(1));
        var feed = await Client.GetAsync($"/api/organizations/{d.Initech}/changes").ShouldBe<Paged<ChangeResponse>>(HttpStatusCode.OK);
        var movedIn = feed.Items.Single(c => c.Kind == ChangeKind.MovedIn);
        Assert.That(movedIn.Person.Id, Is.EqualTo(newId));
        Assert.That(movedIn.OtherOrganizationId, Is.EqualTo(d.Globex));
    }

    [Test]
    public async Task A_json_record_with_samePersonAs_is_the_person_who_left_under_a_new_id()
    {
        var d = await LeeLeftGlobexAsync();
        var newId = NewId("initech-lee");

        var answer = await PostAsync($"/api/organizations/{d.Initech}/org-chart", new
        {
            people = new object[] { new { id = newId, name = "Lee Okafor", title = "Chief Financial Officer", samePersonAs = d.Lee } },
        }).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);

        Assert.That(answer.Results[0].Status, Is.EqualTo(RecordStatus.Created));
        await AssertLeeIsAtInitechUnderAsync(d, newId);
    }

    [Test]
    public async Task A_csv_samePersonAs_column_does_the_same()
    {
        var d = await LeeLeftGlobexAsync();
        var newId = NewId("initech-lee");
        var csv = $"id,name,title,samePersonAs\n{newId},Lee Okafor,Chief Financial Officer,{d.Lee}\n";

        var answer = await Client.PostAsync($"/api/organizations/{d.Initech}/org-chart",
            new StringContent(csv, Encoding.UTF8, "text/csv")).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);

        Assert.That(answer.Created, Is.EqualTo(1));
        await AssertLeeIsAtInitechUnderAsync(d, newId);
    }

    [Test]
    public async Task Records_whose_samePersonAs_put_would_refuse_fail_naming_it_and_write_nothing()
    {
        var d = await LeeLeftGlobexAsync();
        // Sam of ours leaves our organization: he may not turn up as one of theirs.
        var sam = await World.PersonAsync(d.Us, "Sam Seller");
        await PostAsync($"/api/organizations/{d.Us}/org-chart", new { mode = "replace", people = new[] { new { id = d.Ava, name = "Ava Reyes" } } })
            .ShouldBe(HttpStatusCode.OK);
        var taken = await World.PersonAsync(d.Initech, "Already Here");
        var fresh = Enumerable.Range(0, 6).Select(_ => NewId("new")).ToList();

        var answer = await PostAsync($"/api/organizations/{d.Initech}/org-chart", new
        {
            people = new object[]
            {
                new { id = fresh[0], name = "Dana Whitfield", samePersonAs = d.Dana },        // has not left
                new { id = fresh[1], name = "Nobody", samePersonAs = NewId("ghost") },        // unknown
                new { id = fresh[2], name = "Sam Seller", samePersonAs = sam },               // one of ours, for one of theirs
                new { id = taken, name = "Already Here", samePersonAs = d.Lee },              // the new id is taken
                new { id = fresh[3], name = "Bad", samePersonAs = "not an id!" },             // not an id
                new { id = fresh[4], name = "Lee Okafor", samePersonAs = d.Lee },             // the one that is fine
                new { id = fresh[5], name = "Lee Again", samePersonAs = d.Lee },              // named twice
            },
        }).ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus);

        var results = answer.Results;
        Assert.Multiple(() =>
        {
            foreach (var failed in new[] { 0, 1, 2, 3, 4, 6 })
            {
                Assert.That(results[failed].Status, Is.EqualTo(RecordStatus.Failed), results[failed].ToString());
                Assert.That(results[failed].Errors!.Keys, Is.EqualTo(new[] { "samePersonAs" }), results[failed].ToString());
            }
            Assert.That(results[5].Status, Is.EqualTo(RecordStatus.Created));
            Assert.That(results[0].Errors!["samePersonAs"][0], Does.Contain("still works"));
            Assert.That(results[2].Errors!["samePersonAs"][0], Does.Contain("other side"));
            Assert.That(results[3].Errors!["samePersonAs"][0], Does.Contain("exists already"));
        });
        foreach (var id in new[] { fresh[0], fresh[1], fresh[2], fresh[3], fresh[5] })
            await Client.GetAsync($"/api/people/{id}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        var dana = await Client.GetAsync($"/api/people/{d.Dana}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(dana.OrganizationId, Is.EqualTo(d.Globex), "nothing was written for the failed records");
        var samNow = await Client.GetAsync($"/api/people/{sam}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(samNow.LeftAt, Is.Not.Null);
        Assert.That((await Client.GetAsync($"/api/people/{fresh[4]}").ShouldBe<PersonResponse>(HttpStatusCode.OK)).Employment, Has.Count.EqualTo(2));
    }
}
