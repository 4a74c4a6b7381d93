using System.Net;
using System.Text.Json.Nodes;

namespace RelIntel.Tests.People;

/// <summary>
/// An organization's changes feed: what the nightly re-sync of its org chart changed among its people, newest first,
/// instead of overwriting it silently — and a hint where a joiner may be someone who left elsewhere.
/// </summary>
public sealed class ChangesFeedTests : ApiTest
{
    private static object[] Chart(string org, string ceoTitle, string danaManager, bool withLee = true) =>
    [
        new { id = $"{org}-morgan", name = "Morgan Hale", title = ceoTitle },
        new { id = $"{org}-pat", name = "Pat Rivers", title = "COO", managerId = $"{org}-morgan" },
        .. withLee ? new object[] { new { id = $"{org}-lee", name = "Lee Okafor", title = "CFO", managerId = $"{org}-morgan" } } : [],
        new { id = $"{org}-dana", name = "Dana Whitfield", title = "VP Operations", managerId = danaManager },
    ];

    private async Task<JsonNode> FeedAsync(string org, string query = "", HttpClient? client = null) =>
        await (client ?? Client).GetAsync($"/api/organizations/{org}/changes{query}").ShouldBe(HttpStatusCode.OK);

    private static List<string> Kinds(JsonNode feed) => feed["items"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()).ToList();

    [Test]
    public async Task A_resync_with_a_new_title_and_a_new_manager_records_both_newest_first()
    {
        var org = await World.OrganizationAsync("customer", "Globex");
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Chart(org, "CEO", $"{org}-lee") }).ShouldBe(HttpStatusCode.OK);
        Assert.That((await FeedAsync(org))["total"]!.GetValue<int>(), Is.Zero, "a first import is not news");
        var firstSync = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromHours(1));

        // Morgan is now "Chief Executive Officer"; Dana reports to Pat instead of Lee.
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Chart(org, "Chief Executive Officer", $"{org}-pat") })
            .ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var joiner = NewId("sky");
        await PutAsync($"/api/people/{joiner}", new { name = "Sky Newman", organizationId = org }).ShouldBe(HttpStatusCode.Created);

        var feed = await FeedAsync(org);
        Assert.That(Kinds(feed), Is.EqualTo(new[] { "joined", "manager-changed", "title-changed" }).Or.EqualTo(new[] { "joined", "title-changed", "manager-changed" }));
        var items = feed["items"]!.AsArray();
        var title = items.Single(c => c!["kind"]!.GetValue<string>() == "title-changed")!;
        Assert.That(title["person"]!["id"]!.GetValue<string>(), Is.EqualTo($"{org}-morgan"));
        Assert.That(title["previousTitle"]!.GetValue<string>(), Is.EqualTo("CEO"));
        Assert.That(title["title"]!.GetValue<string>(), Is.EqualTo("Chief Executive Officer"));
        var manager = items.Single(c => c!["kind"]!.GetValue<string>() == "manager-changed")!;
        Assert.That(manager["person"]!["name"]!.GetValue<string>(), Is.EqualTo("Dana Whitfield"));
        Assert.That(manager["previousManager"]!["id"]!.GetValue<string>(), Is.EqualTo($"{org}-lee"));
        Assert.That(manager["newManager"]!["id"]!.GetValue<string>(), Is.EqualTo($"{org}-pat"));
        Assert.That(items[0]!["person"]!["id"]!.GetValue<string>(), Is.EqualTo(joiner));
        Assert.That(items[0]!["at"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(title["at"]!.GetValue<DateTimeOffset>()));

        // The same chart again changes nothing and records nothing.
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Chart(org, "Chief Executive Officer", $"{org}-pat") })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That((await FeedAsync(org))["total"]!.GetValue<int>(), Is.EqualTo(3));

        // since and paging.
        var sinceSecondSync = await FeedAsync(org, $"?since={Uri.EscapeDataString(firstSync.AddMinutes(90).ToString("O"))}");
        Assert.That(Kinds(sinceSecondSync), Is.EqualTo(new[] { "joined" }));
        var page2 = await FeedAsync(org, "?page=2&pageSize=1");
        Assert.That(page2["total"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(page2["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(page2["items"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(items[1]!["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task A_joiner_with_the_name_of_someone_who_left_elsewhere_is_a_possible_move_and_is_not_merged()
    {
        var globex = await World.OrganizationAsync("customer", "Globex");
        var initech = await World.OrganizationAsync("customer", "Initech");
        await PostAsync($"/api/organizations/{globex}/org-chart", new { people = Chart(globex, "CEO", $"{globex}-lee") }).ShouldBe(HttpStatusCode.OK);
        await PostAsync($"/api/organizations/{globex}/org-chart", new { mode = "replace", people = Chart(globex, "CEO", $"{globex}-morgan", withLee: false) })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Kinds(await FeedAsync(globex)), Does.Contain("left"));
        App.Clock.Advance(TimeSpan.FromDays(30));

        var newLee = NewId("okafor");
        await PutAsync($"/api/people/{newLee}", new { name = "Lee Okafor", organizationId = initech }).ShouldBe(HttpStatusCode.Created);

        var feed = await FeedAsync(initech);
        var suggestion = feed["items"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "possible-move")!;
        Assert.That(suggestion["person"]!["id"]!.GetValue<string>(), Is.EqualTo(newLee));
        Assert.That(suggestion["possibleSamePerson"]!["id"]!.GetValue<string>(), Is.EqualTo($"{globex}-lee"));
        Assert.That(suggestion["otherOrganizationId"]!.GetValue<string>(), Is.EqualTo(globex));
        var stillLeft = await Client.GetAsync($"/api/people/{globex}-lee").ShouldBe(HttpStatusCode.OK);
        Assert.That(stillLeft["leftAt"], Is.Not.Null, "a suggestion merges nobody");

        // A year and more later, no suggestion.
        App.Clock.Advance(TimeSpan.FromDays(400));
        var later = NewId("okafor");
        await PutAsync($"/api/people/{later}", new { name = "Lee Okafor", organizationId = initech }).ShouldBe(HttpStatusCode.Created);
        var suggestions = (await FeedAsync(initech))["items"]!.AsArray().Where(c => c!["kind"]!.GetValue<string>() == "possible-move")
            .Select(c => c!["person"]!["id"]!.GetValue<string>());
        Assert.That(suggestions, Is.EqualTo(new[] { newLee }));
    }

    [Test]
    public async Task The_feed_names_do_not_contact_people_to_admins_only()
    {
        var org = await World.OrganizationAsync("customer", "Globex");
        var open = await World.PersonAsync(org, "Olive Open");
        var quiet = await World.PersonAsync(org, "Quinn Quiet", doNotContact: true);

        var admin = await FeedAsync(org);
        Assert.That(admin["items"]!.AsArray().Select(c => c!["person"]!["id"]!.GetValue<string>()), Is.EquivalentTo(new[] { open, quiet }));
        using var integration = await ClientAsAsync("integration");
        var other = await FeedAsync(org, client: integration);
        Assert.That(other["total"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(other.ToJsonString(), Does.Not.Contain(quiet).And.Not.Contain("Quinn"));
    }

    [Test]
    public async Task Bad_requests_are_problems_naming_the_field()
    {
        var org = await World.OrganizationAsync("customer", "Globex");
        await Client.GetAsync($"/api/organizations/{NewId("nowhere")}/changes").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync($"/api/organizations/{org}/changes?pageSize=0").ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
        await Client.GetAsync($"/api/organizations/{org}/changes?page=0").ShouldBeProblem(HttpStatusCode.BadRequest, "page");
        await Client.GetAsync($"/api/organizations/{org}/changes?since=yesterday").ShouldBeProblem(HttpStatusCode.BadRequest, "since");
    }
}
