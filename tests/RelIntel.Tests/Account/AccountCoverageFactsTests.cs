using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.OrgChart;

namespace RelIntel.Tests.Account;

/// <summary>
/// Coverage counts from the account's derived facts (each person's division head, head counts per group, the senior
/// people), kept under the chart version: right after any change of the chart (a move to another VP's division, a
/// join, a departure, a do-not-contact mark on a person or on a division head) the next call answers what the changed
/// account says, and byte for byte what walking the whole chart answers (a second service of the same graph with
/// <c>Accounts:CoverageFromFacts</c> false: the reference the facts replace).
/// <code>
/// Cora (executive)
/// ├─ Vic (vp, Sales) ─ Dora (director) ─ Rex (individual), Sam (individual)
/// │                  └─ Val (vp, Sales) ─ Ike (individual)
/// └─ Opal (vp, Ops) ─ Otto (individual)
/// </code>
/// Ours: Ann knows Rex 0.5, Ike 0.6 and Otto 0.7; Ben knows Dora 0.4.
/// </summary>
public sealed class AccountCoverageFactsTests : ApiTest
{
    private RelIntelApp walkApp = null!;
    private HttpClient walk = null!;

    [OneTimeSetUp]
    public void StartTheWalkingService()
    {
        walkApp = new RelIntelApp(TestNeo4j.Uri, new Dictionary<string, string?> { ["Accounts:CoverageFromFacts"] = "false" });
        walk = walkApp.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopTheWalkingService()
    {
        walk.Dispose();
        await walkApp.DisposeAsync();
    }

    private async Task BuildAsync()
    {
        await World.AccountAsync("Initrode");
        foreach (var name in new[] { "Ann", "Ben" }) await World.OursAsync(name);
        await World.TheirChartAsync(Chart);
        await World.KnowsAsync("Ann", "Rex", 0.5);
        await World.KnowsAsync("Ann", "Ike", 0.6);
        await World.KnowsAsync("Ann", "Otto", 0.7);
        await World.KnowsAsync("Ben", "Dora", 0.4);
    }

    private static readonly World.ChartPerson[] Chart =
    [
        new("Cora", null, "executive"),
        new("Vic", "Sales", "vp", "Cora"),
        new("Dora", "Sales", "director", "Vic"),
        new("Rex", "Sales", "individual", "Dora"),
        new("Sam", "Sales", "individual", "Dora"),
        new("Val", "Sales", "vp", "Vic"),
        new("Ike", "Sales", "individual", "Val"),
        new("Opal", "Ops", "vp", "Cora"),
        new("Otto", "Ops", "individual", "Opal"),
    ];

    /// <summary>The coverage part asked, checked equal, byte for byte, to what walking the whole chart answers.</summary>
    private async Task<AccountCoverageResponse> CoverageAsync(string query = "")
    {
        var path = $"/api/organizations/{World.Customer}/coverage{query}";
        var fromFacts = await (await Client.GetAsync(path)).Content.ReadAsStringAsync();
        var walked = await (await walk.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.That(fromFacts, Is.EqualTo(walked), $"{path}: the facts answer what walking the chart answers");
        return fromFacts.Read<AccountCoverageResponse>();
    }

    private Dictionary<string, int> Divisions(AccountCoverageResponse coverage) =>
        coverage.Divisions.ToDictionary(d => World.Name(d.Head!.Id), d => d.People);

    private Dictionary<string, int> KnownByDivision(AccountCoverageResponse coverage) =>
        coverage.Divisions.ToDictionary(d => World.Name(d.Head!.Id), d => d.Known);

    [Test]
    public async Task A_person_moved_to_another_VPs_division_counts_there_on_the_next_call()
    {
        await BuildAsync();
        var before = await CoverageAsync();

        await World.ReportsToAsync("Rex", "Opal");
        var after = await CoverageAsync();
        var ops = await CoverageAsync($"?divisionId={World.Id("Opal")}");

        Assert.Multiple(() =>
        {
            Assert.That(Divisions(before), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 2, ["Val"] = 2, ["Vic"] = 4 }));
            Assert.That(Divisions(after), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 3, ["Val"] = 2, ["Vic"] = 3 }));
            Assert.That(KnownByDivision(after), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 2, ["Val"] = 1, ["Vic"] = 1 }));
            Assert.That(ops.Divisions.Single().OurPeople.Select(p => World.Name(p.Id)), Is.EqualTo(new[] { "Ann" }));
            Assert.That(after.Departments.Single(d => d.Name == "Sales").People, Is.EqualTo(6), "the department is the person's own");
            Assert.That((after.People, after.Known), Is.EqualTo((9, 4)));
        });
    }

    [Test]
    public async Task People_who_join_or_leave_count_or_stop_counting_on_the_next_call()
    {
        await BuildAsync();
        await CoverageAsync();

        await World.TheirChartAsync(new World.ChartPerson("Joy", "Ops", "director", "Opal"));
        await World.KnowsAsync("Ben", "Joy", 0.9);
        var joined = await CoverageAsync();
        // Everyone but Sam and Ike, who leave.
        var staying = Chart.Where(p => p.Name is not ("Sam" or "Ike")).Append(new World.ChartPerson("Joy", "Ops", "director", "Opal"));
        await ReplaceChartAsync(staying);
        var left = await CoverageAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Divisions(joined)["Opal"], Is.EqualTo(3));
            Assert.That(joined.Departments.Single(d => d.Name == "Ops").Best!.HeldBy.Id, Is.EqualTo(World.Id("Ben")), "0.9 beats Ann's 0.7");
            Assert.That((joined.People, joined.Known, joined.SeniorPeople), Is.EqualTo((10, 5, 6)));
            Assert.That(Divisions(left), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 3, ["Val"] = 1, ["Vic"] = 3 }));
            Assert.That((left.People, left.Known), Is.EqualTo((8, 4)), "Ike's relationship no longer covers Initrode");
            Assert.That(left.Departments.Single(d => d.Name == "Sales").People, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task A_do_not_contact_mark_on_a_person_or_a_division_head_shows_on_the_next_call()
    {
        await BuildAsync();
        await CoverageAsync();

        await World.DoNotContactAsync("Rex");
        var person = await CoverageAsync();
        await World.DoNotContactAsync("Val");
        var head = await CoverageAsync();
        var vic = await CoverageAsync($"?divisionId={World.Id("Vic")}");
        await Client.GetAsync($"/api/organizations/{World.Customer}/coverage?divisionId={World.Id("Val")}")
            .ShouldBeProblem(HttpStatusCode.NotFound, "divisionId");

        Assert.Multiple(() =>
        {
            Assert.That(Divisions(person), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 2, ["Val"] = 2, ["Vic"] = 3 }));
            Assert.That((person.People, person.Known), Is.EqualTo((8, 3)), "Rex is in no count");
            Assert.That(Divisions(head), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 2, ["Vic"] = 4 }),
                "Val heads no division: Ike is in Vic's, the nearest reachable VP above him");
            Assert.That(KnownByDivision(head), Is.EqualTo(new Dictionary<string, int> { ["Opal"] = 1, ["Vic"] = 2 }));
            Assert.That(vic.Divisions.Single().Best!.TheirPerson().Id, Is.EqualTo(World.Id("Ike")));
            Assert.That((head.People, head.SeniorPeople), Is.EqualTo((7, 4)));
        });
    }

    private async Task ReplaceChartAsync(IEnumerable<World.ChartPerson> people)
    {
        var chart = new
        {
            mode = "replace",
            people = people.Select(p => new
            {
                id = World.Id(p.Name), name = p.Name, department = p.Department, seniority = p.Seniority,
                managerId = p.Manager is null ? null : World.Id(p.Manager),
            }),
        };
        await Client.PostAsJsonAsync($"/api/organizations/{World.Customer}/org-chart", chart).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
    }
}

internal static class ReachIn
{
    /// <summary>Whom a group's best way in reaches.</summary>
    public static RelIntel.Api.Charter.PersonRef TheirPerson(this Reach reach) =>
        reach.Relationship?.TheirPerson ?? reach.Introduction!.TheirPerson;
}
