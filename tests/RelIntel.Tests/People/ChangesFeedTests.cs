using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.Changes;
using RelIntel.Api.Infrastructure;

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

    private Task<Paged<ChangeResponse>> FeedAsync(string org, string query = "") =>
        Client.GetAsync($"/api/organizations/{org}/changes{query}").ShouldBe<Paged<ChangeResponse>>(HttpStatusCode.OK);

    private static List<ChangeKind> Kinds(Paged<ChangeResponse> feed) => feed.Items.Select(c => c.Kind).ToList();

    [Test]
    public async Task A_resync_with_a_new_title_and_a_new_manager_records_both_newest_first()
    {
        var org = await World.OrganizationAsync("customer", "Globex");
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Chart(org, "CEO", $"{org}-lee") }).ShouldBe(HttpStatusCode.OK);
        Assert.That((await FeedAsync(org)).Total, Is.Zero, "a first import is not news");
        var firstSync = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromHours(1));

        // Morgan is now "Chief Executive Officer"; Dana reports to Pat instead of Lee.
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Chart(org, "Chief Executive Officer", $"{org}-pat") })
            .ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var joiner = NewId("sky");
        await PutAsync($"/api/people/{joiner}", new { name = "Sky Newman", organizationId = org }).ShouldBe(HttpStatusCode.Created);

        var feed = await FeedAsync(org);
        Assert.That(Kinds(feed), Is.EqualTo(new[] { ChangeKind.Joined, ChangeKind.ManagerChanged, ChangeKind.TitleChanged }).Or.EqualTo(new[] { ChangeKind.Joined, ChangeKind.TitleChanged, ChangeKind.ManagerChanged }));
        var items = feed.Items;
        var title = items.Single(c => c.Kind == ChangeKind.TitleChanged);
        Assert.That(title.Person.Id, Is.EqualTo($"{org}-morgan"));
        Assert.That(title.PreviousTitle, Is.EqualTo("CEO"));
        Assert.That(title.Title, Is.EqualTo("Chief Executive Officer"));
        var manager = items.Single(c => c.Kind == ChangeKind.ManagerChanged);
        Assert.That(manager.Person.Name, Is.EqualTo("Dana Whitfield"));
        Assert.That(manager.PreviousManager!.Id, Is.EqualTo($"{org}-lee"));
        Assert.That(manager.NewManager!.Id, Is.EqualTo($"{org}-pat"));
        Assert.That(items[0].Person.Id, Is.EqualTo(joiner));
        Assert.That(items[0].At, Is.GreaterThan(title.At));

        // The same chart again changes nothing and records nothing.
        await PostAsync($"/api/organizations/{org}/org-chart", new { people = Chart(org, "Chief Executive Officer", $"{org}-pat") })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That((await FeedAsync(org)).Total, Is.EqualTo(3));

        // since and paging.
        var sinceSecondSync = await FeedAsync(org, $"?since={Uri.EscapeDataString(firstSync.AddMinutes(90).ToString("O"))}");
        Assert.That(Kinds(sinceSecondSync), Is.EqualTo(new[] { ChangeKind.Joined }));
        var page2 = await FeedAsync(org, "?page=2&pageSize=1");
        Assert.That(page2.Total, Is.EqualTo(3));
        Assert.That(page2.Items, Has.Count.EqualTo(1));
        Assert.That(page2.Items[0].Id, Is.EqualTo(items[1].Id));
    }

    [Test]
    public async Task A_joiner_with_the_name_of_someone_who_left_elsewhere_is_a_possible_move_and_is_not_merged()
    {
        var globex = await World.OrganizationAsync("customer", "Globex");
        var initech = await World.OrganizationAsync("customer", "Initech");
        await PostAsync($"/api/organizations/{globex}/org-chart", new { people = Chart(globex, "CEO", $"{globex}-lee") }).ShouldBe(HttpStatusCode.OK);
        await PostAsync($"/api/organizations/{globex}/org-chart", new { mode = "replace", people = Chart(globex, "CEO", $"{globex}-morgan", withLee: false) })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Kinds(await FeedAsync(globex)), Does.Contain(ChangeKind.Left));
        App.Clock.Advance(TimeSpan.FromDays(30));

        var newLee = NewId("okafor");
        await PutAsync($"/api/people/{newLee}", new { name = "Lee Okafor", organizationId = initech }).ShouldBe(HttpStatusCode.Created);

        var feed = await FeedAsync(initech);
        var suggestion = feed.Items.Single(c => c.Kind == ChangeKind.PossibleMove);
        Assert.That(suggestion.Person.Id, Is.EqualTo(newLee));
        Assert.That(suggestion.PossibleSamePerson!.Id, Is.EqualTo($"{globex}-lee"));
        Assert.That(suggestion.OtherOrganizationId, Is.EqualTo(globex));
        var stillLeft = await Client.GetAsync($"/api/people/{globex}-lee").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(stillLeft.LeftAt, Is.Not.Null, "a suggestion merges nobody");

        // A year and more later, no suggestion.
        App.Clock.Advance(TimeSpan.FromDays(400));
        var later = NewId("okafor");
        await PutAsync($"/api/people/{later}", new { name = "Lee Okafor", organizationId = initech }).ShouldBe(HttpStatusCode.Created);
        var suggestions = (await FeedAsync(initech)).Items.Where(c => c.Kind == ChangeKind.PossibleMove).Select(c => c.Person.Id);
        Assert.That(suggestions, Is.EqualTo(new[] { newLee }));
    }

    [Test]
    public async Task The_feed_names_do_not_contact_people_to_admins_only()
    {
        var org = await World.OrganizationAsync("customer", "Globex");
        var open = await World.PersonAsync(org, "Olive Open");
        var quiet = await World.PersonAsync(org, "Quinn Quiet", doNotContact: true);

        var admin = await FeedAsync(org);
        Assert.That(admin.Items.Select(c => c.Person.Id), Is.EquivalentTo(new[] { open, quiet }));
        using var integration = await ClientAsAsync("integration");
        var other = await World.As(integration).TextAsync($"/api/organizations/{org}/changes");
        Assert.That(other.Read<Paged<ChangeResponse>>().Total, Is.EqualTo(1));
        Assert.That(other, Does.Not.Contain(quiet).And.Not.Contain("Quinn"));
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
