using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace RelIntel.Tests.Account;

/// <summary>
/// A large account's coverage in parts: the whole account with one page of its divisions and each group's lists cut to
/// their first few (their counts whole), and a drill-down into one department or division with its lists paged.
/// Twelve of ours each know one of twelve people in Sales under Vic; Opal and Pia head two more divisions.
/// </summary>
public sealed class AccountCoveragePagingTests : ApiTest
{
    private World s = null!;
    private readonly string[] ours = Enumerable.Range(1, 12).Select(i => $"Our{i:D2}").ToArray();

    [OneTimeSetUp]
    public async Task BuildAccount()
    {
        s = new World(Client);
        await s.AccountAsync("Initrode");
        foreach (var name in ours) await s.OursAsync(name);
        var sellers = Enumerable.Range(1, 12).Select(i => new World.ChartPerson($"Rep{i:D2}", "Sales", "individual", "Vic"));
        await s.TheirChartAsync(new[]
        {
            new World.ChartPerson("Cora", null, "executive"),
            new World.ChartPerson("Vic", "Sales", "vp", "Cora"),
            new World.ChartPerson("Opal", "Ops", "vp", "Cora"),
            new World.ChartPerson("Pia", "IT", "vp", "Cora"),
        }.Concat(sellers).ToArray());
        for (var i = 0; i < 12; i++) await s.KnowsAsync(ours[i], $"Rep{i + 1:D2}", 0.5);
    }

    private static readonly JsonSerializerOptions ApiJson = JsonOptions();

    private static JsonSerializerOptions JsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Json.Configure(options);
        return options;
    }

    private async Task<AccountCoverageResponse> CoverageAsync(string query) =>
        (await Client.GetAsync($"/api/organizations/{s.Customer}/coverage{query}").ShouldBe(HttpStatusCode.OK)).Deserialize<AccountCoverageResponse>(ApiJson)!;

    [Test]
    public async Task The_whole_account_cuts_each_list_to_its_first_few_and_pages_the_divisions()
    {
        var first = await CoverageAsync("?pageSize=2");
        var second = await CoverageAsync("?pageSize=2&page=2");

        var sales = first.Departments.Single(d => d.Name == "Sales");
        Assert.Multiple(() =>
        {
            Assert.That(sales.OurPeopleCount, Is.EqualTo(12));
            Assert.That(sales.OurPeople, Has.Count.EqualTo(AccountCoverage.SummaryListLimit));
            Assert.That(sales.OurPeople.Select(p => s.Name(p.Id)), Is.EqualTo(ours.Take(AccountCoverage.SummaryListLimit)));
            Assert.That(first.Known, Is.EqualTo(12), "the totals are the whole account's");
            Assert.That(first.View!.Divisions, Is.EqualTo(3));
            Assert.That(first.Divisions.Concat(second.Divisions).Select(d => s.Name(d.Head!.Id)), Is.EqualTo(new[] { "Opal", "Pia", "Vic" }));
            Assert.That(first.Divisions, Has.Count.EqualTo(2));
            Assert.That(first.Score, Is.EqualTo(second.Score).Using<CoverageScore>((a, b) => a.Value == b.Value));
        });
    }

    [Test]
    public async Task A_department_or_a_division_drills_down_with_its_lists_paged()
    {
        var pages = new List<AccountCoverageResponse>();
        for (var page = 1; page <= 3; page++) pages.Add(await CoverageAsync($"?department=Sales&pageSize=5&page={page}"));
        var division = await CoverageAsync($"?divisionId={s.Id("Vic")}&pageSize=20");

        Assert.Multiple(() =>
        {
            Assert.That(pages.SelectMany(p => p.Departments.Single().OurPeople).Select(p => s.Name(p.Id)), Is.EqualTo(ours));
            Assert.That(pages.Select(p => p.Departments.Single().OurPeople.Count), Is.EqualTo(new[] { 5, 5, 2 }));
            Assert.That(pages.All(p => p.Divisions.Count == 0 && p.View!.Department == "Sales"), Is.True);
            Assert.That(division.Departments, Is.Empty);
            Assert.That(division.Divisions.Single().Head!.Id, Is.EqualTo(s.Id("Vic")));
            Assert.That(division.Divisions.Single().OurPeople, Has.Count.EqualTo(12));
            Assert.That(division.Divisions.Single().People, Is.EqualTo(13));
        });
    }

    [Test]
    public async Task A_part_asked_again_within_a_minute_is_computed_once_and_a_write_shows_on_the_next_part()
    {
        var w = new World(Client);
        await w.AccountAsync("Cached Corp");
        foreach (var name in new[] { "Ann", "Ben" }) await w.OursAsync(name);
        await w.TheirChartAsync(new("Val", "Sales", "vp"), new("Rex", "Sales", "individual", "Val"), new("Sam", "Sales", "individual", "Val"));
        await w.KnowsAsync("Ann", "Rex", 0.5);
        using var lookups = new CacheLookups(App, CacheLookups.Coverage);

        var whole = await w.CoverageAsync();
        var sales = await w.CoverageAsync("?department=Sales");
        var division = await w.CoverageAsync($"?divisionId={w.Id("Val")}");
        var (hits, misses) = (lookups.Hits, lookups.Misses);
        await w.CoverageAsync("?department=Sales");
        await w.CoverageAsync($"?divisionId={w.Id("Val")}");
        var (hitsAfterParts, missesAfterParts) = (lookups.Hits, lookups.Misses);
        await w.KnowsAsync("Ben", "Sam", 0.7);
        var afterWrite = await w.CoverageAsync("?department=Sales");

        Assert.Multiple(() =>
        {
            Assert.That(whole.Known, Is.EqualTo(1));
            Assert.That(sales.Departments.Single().Known, Is.EqualTo(1));
            Assert.That(division.Divisions.Single().Known, Is.EqualTo(1));
            Assert.That(hitsAfterParts - hits, Is.EqualTo(2), "both parts asked again are the answers kept");
            Assert.That(missesAfterParts, Is.EqualTo(misses));
            Assert.That(afterWrite.Known, Is.EqualTo(2), "a write shows on the next part");
            Assert.That(afterWrite.Departments.Single().OurPeople.Select(p => w.Name(p.Id)), Is.EqualTo(new[] { "Ann", "Ben" }));
            Assert.That(lookups.Misses, Is.EqualTo(missesAfterParts + 1));
        });
    }

    [Test]
    public async Task A_do_not_contact_mark_and_a_new_relationship_show_in_the_next_computed_coverage()
    {
        var w = new World(Client);
        await w.AccountAsync("Marked Corp");
        foreach (var name in new[] { "Ann", "Ben" }) await w.OursAsync(name);
        await w.TheirChartAsync(new("Val", "Sales", "vp"), new("Rex", "Sales", "individual", "Val"), new("Sam", "Sales", "director", "Val"),
            new("Wes", "Ops", "vp"), new("Ida", "Ops", "individual", "Wes"));
        await w.KnowsAsync("Ann", "Rex", 0.5);
        var before = await w.CoverageAsync();

        await w.DoNotContactAsync("Val");
        await w.KnowsAsync("Ben", "Ida", 0.7);
        var after = await w.CoverageAsync();

        Assert.Multiple(() =>
        {
            Assert.That(before.People, Is.EqualTo(5));
            Assert.That(before.Divisions.Select(d => w.Name(d.Head!.Id)), Is.EqualTo(new[] { "Val", "Wes" }));
            Assert.That(after.People, Is.EqualTo(4), "a do-not-contact person is in no count");
            Assert.That(after.Departments.Single(d => d.Name == "Sales").People, Is.EqualTo(2));
            Assert.That(after.Divisions.Select(d => w.Name(d.Head!.Id)), Is.EqualTo(new[] { "Wes" }), "nor heads a division");
            Assert.That(after.Known, Is.EqualTo(2), "the new relationship counts");
            Assert.That(after.Divisions.Single().Best!.HeldBy.Id, Is.EqualTo(w.Id("Ben")));
            Assert.That(after.Departments.Single(d => d.Name == "Ops").OurPeople.Select(p => w.Name(p.Id)), Is.EqualTo(new[] { "Ben" }));
            Assert.That((before.SeniorPeople, after.SeniorPeople), Is.EqualTo((3, 2)), "Val no longer counts as senior");
        });
    }

    [TestCase("?department=Sales&divisionId=x", HttpStatusCode.BadRequest, "divisionId")]
    [TestCase("?department=%20", HttpStatusCode.BadRequest, "department")]
    [TestCase("?department=Nowhere", HttpStatusCode.NotFound, "department")]
    [TestCase("?divisionId=nobody-at-all", HttpStatusCode.NotFound, "divisionId")]
    [TestCase("?page=0", HttpStatusCode.BadRequest, "page")]
    [TestCase("?pageSize=501", HttpStatusCode.BadRequest, "pageSize")]
    public async Task Bad_parts_are_refused_naming_the_field(string query, HttpStatusCode status, string field) =>
        await Client.GetAsync($"/api/organizations/{s.Customer}/coverage{query}").ShouldBeProblem(status, field);

    [Test]
    public async Task A_person_who_heads_no_division_is_not_one()
    {
        await Client.GetAsync($"/api/organizations/{s.Customer}/coverage?divisionId={s.Id("Rep01")}")
            .ShouldBeProblem(HttpStatusCode.NotFound, "divisionId");
    }
}
