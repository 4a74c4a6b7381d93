using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Changes;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.OrgChart;

/// <summary>
/// Issue #22: a large account's chart arrives in many merge calls, each naming a slice of the organization. A merge call
/// reads only the people it names and the managers above them, so it costs its own size; every check still sees the
/// people it does not name (stored managers, cycles through them, the whole organization for a replace's leaver
/// guard). And the account's derived facts are refreshed by the import itself, so the first answer after a load does
/// not pay for them.
/// </summary>
public sealed class OrgChartSlicesTests : ApiTest
{
    private string Chart(string org, string query = "") => $"/api/organizations/{org}/org-chart{query}";

    private static string Pid(string org, int i) => $"{org}-{i}";

    /// <summary>Person i of a pyramid reports to person (i - 1) / 3: a CEO, 3 below, 9 below them, and so on.</summary>
    private static object Record(string org, int i) =>
        new { id = Pid(org, i), name = $"Person {i}", title = i == 0 ? "CEO" : "Staff", managerId = i == 0 ? null : Pid(org, (i - 1) / 3) };

    /// <summary>People first..first+count-1 of the pyramid in one merge call, top-down as a bulk load sends them.</summary>
    private async Task<OrgChartResponse> SliceAsync(string org, int first, int count) =>
        await PostAsync(Chart(org), new { mode = "merge", people = Enumerable.Range(first, count).Select(i => Record(org, i)) })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);

    private Task<PersonResponse> PersonAsync(string id) => Client.GetAsync($"/api/people/{id}").ShouldBe<PersonResponse>(HttpStatusCode.OK);

    private async Task<long> HeadcountAsync(string org) =>
        (await Client.GetAsync($"/api/organizations/{org}/people?pageSize=1").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK)).Total;

    private Task<Paged<ChangeResponse>> FeedAsync(string org) =>
        Client.GetAsync($"/api/organizations/{org}/changes?pageSize=200").ShouldBe<Paged<ChangeResponse>>(HttpStatusCode.OK);

    private Task<InfluencersResponse> InfluencersAsync(string org) =>
        Client.GetAsync($"/api/organizations/{org}/influencers?top=50").ShouldBe<InfluencersResponse>(HttpStatusCode.OK);

    private static InfluenceFactors Factors(InfluencersResponse answer, string id) => answer.Influencers.Single(i => i.Person.Id == id).Factors;

    [Test]
    public async Task A_chart_loaded_in_slices_is_the_whole_chart_and_each_slice_after_the_first_is_news()
    {
        var org = await World.OrganizationAsync("customer", "Sliced Co");

        foreach (var first in new[] { 0, 40, 80 })
        {
            var answer = await SliceAsync(org, first, 40);
            Assert.That((answer.Created, answer.Updated, answer.Failed), Is.EqualTo((40, 0, 0)), $"the slice from {first}");
        }

        Assert.That(await HeadcountAsync(org), Is.EqualTo(120));
        Assert.That((await PersonAsync(Pid(org, 119))).ManagerId, Is.EqualTo(Pid(org, 39)), "a manager stored by an earlier slice");
        var feed = await FeedAsync(org);
        Assert.That(feed.Items.Where(c => c.Kind == ChangeKind.Joined).Select(c => c.Person.Id),
            Is.EquivalentTo(Enumerable.Range(40, 80).Select(i => Pid(org, i))), "the first slice is the organization's first import");

        // The whole chart at once: everyone is there already, nobody leaves.
        var whole = await PostAsync(Chart(org), new { mode = "replace", people = Enumerable.Range(0, 120).Select(i => Record(org, i)) })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That((whole.Created, whole.Updated, whole.Left), Is.EqualTo((0, 120, 0)));
    }

    [Test]
    public async Task A_slice_that_would_close_a_cycle_through_people_it_does_not_name_fails_those_records()
    {
        var org = await World.OrganizationAsync("customer");
        await SliceAsync(org, 0, 41);
        // 40 reports to 13, 13 to 4, 4 to 1: person 1 under 40 would report to someone below themselves, through two
        // people the slice does not name.
        var slice = new object[]
        {
            new { id = Pid(org, 1), name = "Person 1", managerId = Pid(org, 40) },
            new { id = Pid(org, 2), name = "Person 2", managerId = Pid(org, 40) },
        };

        var answer = await PostAsync(Chart(org), new { people = slice }).ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus);

        Assert.That(answer.Results[0].Status, Is.EqualTo(RecordStatus.Failed));
        Assert.That(answer.Results[0].Errors!["managerId"], Has.Some.Contains("cycle"));
        Assert.That(answer.Results[1].Status, Is.EqualTo(RecordStatus.Updated), "2 is not above 40: a plain re-parent");
        Assert.That((await PersonAsync(Pid(org, 1))).ManagerId, Is.EqualTo(Pid(org, 0)), "nothing of the failed record is written");
        var moved = (await FeedAsync(org)).Items.Single(c => c.Kind == ChangeKind.ManagerChanged);
        Assert.That((moved.Person.Id, moved.PreviousManager!.Id, moved.NewManager!.Id), Is.EqualTo((Pid(org, 2), Pid(org, 0), Pid(org, 40))));

        // Through a newcomer of the slice: 4 under the newcomer, the newcomer under 13 (who is below 4).
        var newcomer = $"{org}-new";
        var through = new object[]
        {
            new { id = Pid(org, 4), name = "Person 4", managerId = newcomer },
            new { id = newcomer, name = "Newcomer", managerId = Pid(org, 13) },
        };
        var refused = await PostAsync(Chart(org), new { people = through }).ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus);
        Assert.That(refused.Results.Select(r => r.Status), Is.EqualTo(new[] { RecordStatus.Failed, RecordStatus.Failed }));
        await Client.GetAsync($"/api/people/{newcomer}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_slice_finds_managers_stored_in_the_organization_and_refuses_those_of_other_organizations()
    {
        var org = await World.OrganizationAsync("customer");
        await SliceAsync(org, 0, 13);
        var elsewhere = await World.PersonAsync(await World.OrganizationAsync("customer", "Elsewhere"));
        var slice = new object[]
        {
            new { id = $"{org}-a", name = "A", managerId = Pid(org, 12), dottedManagerIds = new[] { Pid(org, 5) } },
            new { id = $"{org}-b", name = "B", managerId = elsewhere },
            new { id = $"{org}-c", name = "C", managerId = Pid(org, 12), dottedManagerIds = new[] { elsewhere } },
            new { id = $"{org}-d", name = "D", managerId = $"{org}-nobody" },
        };

        var answer = await PostAsync(Chart(org), new { people = slice }).ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus);

        Assert.That(answer.Results.Select(r => r.Status),
            Is.EqualTo(new[] { RecordStatus.Created, RecordStatus.Failed, RecordStatus.Failed, RecordStatus.Failed }));
        Assert.That(answer.Results[1].Errors!.Keys, Is.EqualTo(new[] { "managerId" }));
        Assert.That(answer.Results[2].Errors!.Keys, Is.EqualTo(new[] { "dottedManagerIds" }));
        Assert.That(answer.Results[3].Errors!.Keys, Is.EqualTo(new[] { "managerId" }));
        var a = await PersonAsync($"{org}-a");
        Assert.That(a.ManagerId, Is.EqualTo(Pid(org, 12)));
        Assert.That(a.DottedManagerIds, Is.EqualTo(new[] { Pid(org, 5) }));
        Assert.That(await HeadcountAsync(org), Is.EqualTo(14));
    }

    [Test]
    public async Task A_replace_after_slices_weighs_its_leavers_against_the_whole_organization()
    {
        var org = await World.OrganizationAsync("customer");
        foreach (var first in new[] { 0, 10, 20 }) await SliceAsync(org, first, 10);
        var firstTen = new { mode = "replace", people = Enumerable.Range(0, 10).Select(i => Record(org, i)) };

        var refused = await PostAsync(Chart(org), firstTen).ShouldBeProblem(HttpStatusCode.Conflict, "confirmLeavers");
        Assert.That((refused["leavers"]!.GetValue<int>(), refused["current"]!.GetValue<int>()), Is.EqualTo((20, 30)));
        Assert.That(await HeadcountAsync(org), Is.EqualTo(30), "a refused replace writes nothing");
        await PostAsync(Chart(org, "?confirmLeavers=19"), firstTen).ShouldBeProblem(HttpStatusCode.Conflict, "confirmLeavers");

        var accepted = await PostAsync(Chart(org, "?confirmLeavers=20"), firstTen).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(accepted.LeftIds, Is.EquivalentTo(Enumerable.Range(10, 20).Select(i => Pid(org, i))));
        Assert.That(await HeadcountAsync(org), Is.EqualTo(10));
    }

    [Test]
    public async Task Right_after_an_import_the_facts_are_current_without_a_read_computing_them()
    {
        var org = await World.OrganizationAsync("customer");
        await SliceAsync(org, 0, 13);
        var imported = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromHours(1));

        var first = await InfluencersAsync(org);
        Assert.Multiple(() =>
        {
            Assert.That(first.Facts.Current, Is.True);
            Assert.That(first.Facts.ComputedAt, Is.EqualTo(imported), "computed by the import, not by this read an hour later");
            Assert.That(Factors(first, Pid(org, 0)).ReportsBelow, Is.EqualTo(12));
            Assert.That(Factors(first, Pid(org, 1)).ReportsBelow, Is.EqualTo(3));
        });

        // A slice moves 2's team (5, 6, 7) under 1 and adds a report under 4.
        await PostAsync(Chart(org), new
        {
            people = new object[]
            {
                new { id = Pid(org, 2), name = "Person 2", managerId = Pid(org, 1) },
                new { id = Pid(org, 13), name = "Person 13", managerId = Pid(org, 4) },
            },
        }).ShouldBe(HttpStatusCode.OK);
        var resliced = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromHours(1));

        var after = await InfluencersAsync(org);
        Assert.Multiple(() =>
        {
            Assert.That(after.Facts.Current, Is.True);
            Assert.That(after.Facts.Version, Is.GreaterThan(first.Facts.Version));
            Assert.That(after.Facts.ComputedAt, Is.EqualTo(resliced));
            Assert.That(Factors(after, Pid(org, 1)).ReportsBelow, Is.EqualTo(8), "4, 5, 6 and the new 13, then 2 with 7, 8, 9");
            Assert.That(Factors(after, Pid(org, 7)).Level, Is.EqualTo(3), "7 reports to 2, now under 1, under 0");
        });
    }

    [Test]
    public async Task A_refused_or_failed_import_leaves_the_facts_as_they_were()
    {
        var org = await World.OrganizationAsync("customer");
        await SliceAsync(org, 0, 13);
        var before = await InfluencersAsync(org);

        await PostAsync(Chart(org), new { mode = "replace", people = new[] { Record(org, 0) } })
            .ShouldBeProblem(HttpStatusCode.Conflict, "confirmLeavers");
        await PostAsync(Chart(org), new { people = new[] { new { id = Pid(org, 1), name = "" } } }).ShouldBe(HttpStatusCode.MultiStatus);
        await PostAsync(Chart(org), new { mode = "sideways", people = new[] { Record(org, 1) } }).ShouldBeProblem(HttpStatusCode.BadRequest, "mode");
        await PostAsync(Chart(NewId("nowhere")), new { people = new[] { Record(org, 1) } }).ShouldBeProblem(HttpStatusCode.NotFound, "id");

        var after = await InfluencersAsync(org);
        Assert.Multiple(() =>
        {
            Assert.That(after.Facts.Current, Is.True);
            Assert.That(after.Influencers.Select(i => (i.Person.Id, i.Factors.ReportsBelow)),
                Is.EqualTo(before.Influencers.Select(i => (i.Person.Id, i.Factors.ReportsBelow))));
        });
    }
}

/// <summary>
/// A large account (here: any, with <c>Accounts:FactsRefreshWaitPeople</c> 0) has its facts refreshed in the background
/// after an import, once its chart has been quiet for <c>Accounts:FactsRefreshDelay</c>: the first answer after a load
/// finds them current without computing them, and a load in several calls ends with the facts of its last call.
/// </summary>
public sealed class OrgChartFactsInBackgroundTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:FactsRefreshWaitPeople"] = "0",
        ["Accounts:FactsRefreshDelay"] = "00:00:00.2",
    };

    private sealed record VersionsRow(long Chart, long? Facts);

    // Looks behind the API only to wait: an answer would refresh the facts itself if they were behind.
    private static readonly CypherQuery Versions = new("test/account-versions", """
        MATCH (org:Organization {id: $organizationId})
        OPTIONAL MATCH (facts:AccountFacts {organizationId: org.id})
        RETURN coalesce(org.chartVersion, 0) AS chart, facts.chartVersion AS facts
        """);

    private static async Task WaitForFactsAsync(string org)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var row = (await TestNeo4j.Graph().ReadAsync(Versions, new { organizationId = org })).SingleOrDefault<VersionsRow>()!;
            if (row.Facts == row.Chart) return;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the facts did not reach chart version {row.Chart} (at {row.Facts})");
            await Task.Delay(100);
        }
    }

    private static object Record(string org, int i) =>
        new { id = $"{org}-{i}", name = $"Person {i}", managerId = i == 0 ? null : $"{org}-{(i - 1) / 3}" };

    private Task<InfluencersResponse> InfluencersAsync(string org) =>
        Client.GetAsync($"/api/organizations/{org}/influencers?top=50").ShouldBe<InfluencersResponse>(HttpStatusCode.OK);

    [Test]
    public async Task The_first_answer_after_a_load_in_several_calls_finds_the_facts_of_its_last_call()
    {
        var org = await World.OrganizationAsync("customer", "Big Co");
        foreach (var first in new[] { 0, 13, 26 })
            await PostAsync($"/api/organizations/{org}/org-chart", new { people = Enumerable.Range(first, 13).Select(i => Record(org, i)) })
                .ShouldBe(HttpStatusCode.OK);
        var loaded = App.Clock.GetUtcNow();

        await WaitForFactsAsync(org);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var answer = await InfluencersAsync(org);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Facts.Current, Is.True, "a large account's answer does not wait: the facts were there");
            Assert.That(answer.Facts.ComputedAt, Is.EqualTo(loaded), "computed after the load, not by this read");
            Assert.That(answer.Influencers.Single(i => i.Person.Id == $"{org}-0").Factors.ReportsBelow, Is.EqualTo(38));
        });

        // One more slice re-parents 3 under 1: refreshed in the background again.
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = new[] { new { id = $"{org}-3", name = "Person 3", managerId = $"{org}-1" } } })
            .ShouldBe(HttpStatusCode.OK);
        await WaitForFactsAsync(org);
        var after = await InfluencersAsync(org);
        Assert.Multiple(() =>
        {
            Assert.That(after.Facts.Current, Is.True);
            Assert.That(after.Facts.Version, Is.GreaterThan(answer.Facts.Version));
            Assert.That(after.Influencers.Single(i => i.Person.Id == $"{org}-1").Factors.ReportsBelow, Is.EqualTo(12 + 12),
                "1 had 4, 5, 6 and their 9 reports; 3 comes with 10, 11, 12 and their 8 (31 to 38)");
        });
    }
}
