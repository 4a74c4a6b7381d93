using System.Net;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Accounts;
using RelIntel.Tests.Pictures;

namespace RelIntel.Tests.Account;

/// <summary>
/// Account coverage and the political org chart of one account built through the API, checked against what a person
/// counts by hand:
/// <code>
/// Cora (executive)                                    Sue (director, Finance; no lines)
/// ├─ Vic (vp, Sales) ─ Dora (director) ─ Max (manager) ─ Ivy (individual)
/// ├─ Opal (vp, Ops) ─ Otto (individual), Dee (individual, do-not-contact)
/// └─ Dirk (director, IT) ─ Ian (individual)
/// </code>
/// Ours: Alice knows Vic 0.8 and Ivy 0.5 and Dee 0.9; Bob knows Max 0.3 and Otto 0.6 (not refreshed for 200 days:
/// stale, counted × 0.5); Carl knows Dirk 0.45, privately. All but Carl's are company-wide.
/// </summary>
public sealed class AccountCoverageTests : ApiTest
{
    /// <summary>Built once for the fixture (the tests only read it).</summary>
    private World account = null!;

    [OneTimeSetUp]
    public async Task BuildAccount()
    {
        account = new World(Client);
        await account.AccountAsync("Initrode");
        foreach (var name in new[] { "Alice", "Bob", "Carl" }) await account.OursAsync(name);
        await account.TheirChartAsync(
            new("Cora", null, "executive"),
            new("Vic", "Sales", "vp", "Cora"),
            new("Dora", "Sales", "director", "Vic"),
            new("Max", "Sales", "manager", "Dora"),
            new("Ivy", "Sales", "individual", "Max"),
            new("Opal", "Ops", "vp", "Cora"),
            new("Otto", "Ops", "individual", "Opal"),
            new("Dee", "Ops", "individual", "Opal"),
            new("Dirk", "IT", "director", "Cora"),
            new("Ian", "IT", "individual", "Dirk"),
            new("Sue", "Finance", "director"));
        await account.DoNotContactAsync("Dee");
        await account.KnowsAsync("Bob", "Otto", 0.6);
        App.Clock.Advance(TimeSpan.FromDays(200));
        await account.KnowsAsync("Alice", "Vic", 0.8);
        await account.KnowsAsync("Alice", "Ivy", 0.5);
        await account.KnowsAsync("Alice", "Dee", 0.9);
        await account.KnowsAsync("Bob", "Max", 0.3);
        await account.KnowsAsync("Carl", "Dirk", 0.45, "private");
    }

    private static CoverageGroup Group(IEnumerable<CoverageGroup> groups, string name) => groups.Single(g => g.Name == name);

    private static SeniorityCount At(CoverageGroup group, Seniority? seniority) => group.BySeniority.Single(c => c.Seniority == seniority);

    private IEnumerable<string> Names(IEnumerable<PersonRef> people) => people.Select(p => account.Name(p.Id));

    private IEnumerable<string> Names(IEnumerable<PersonSummary> people) => people.Select(p => account.Name(p.Id));

    private string? BestHolder(CoverageGroup group) =>
        group.Best is not { } best ? null
        : best.Relationship is { } seen ? account.Name(seen.OurPerson.Id)
        : "intro " + account.Name(best.Introduction!.Owner.Id);

    [Test]
    public async Task The_counts_per_department_and_division_are_what_a_person_counts_by_hand()
    {
        var coverage = await account.CoverageAsync();

        Assert.Multiple(() =>
        {
            Assert.That(coverage.People, Is.EqualTo(10), "Dee is do-not-contact: never counted");
            Assert.That(coverage.Known, Is.EqualTo(5), "Vic, Ivy, Max, Otto, Dirk");
            Assert.That(coverage.SeniorPeople, Is.EqualTo(6), "Cora, Vic, Dora, Opal, Dirk, Sue");
            Assert.That(coverage.SeniorWithRoute, Is.EqualTo(5), "all but Sue: Cora and Dora through Vic, Opal through Otto");
            Assert.That(coverage.Departments.Select(g => g.Name), Is.EqualTo(new[] { "Finance", "IT", "Ops", "Sales", "(no department)" }));
            Assert.That(coverage.Divisions.Select(g => account.Name(g.Head!.Id)), Is.EqualTo(new[] { "Opal", "Vic" }));
        });

        var finance = Group(coverage.Departments, "Finance");
        var it = Group(coverage.Departments, "IT");
        var ops = Group(coverage.Departments, "Ops");
        var sales = Group(coverage.Departments, "Sales");
        var none = Group(coverage.Departments, "(no department)");
        Assert.Multiple(() =>
        {
            Assert.That((finance.People, finance.Known, BestHolder(finance)), Is.EqualTo((1, 0, (string?)null)));
            Assert.That(Names(finance.SeniorWithoutRoute), Is.EqualTo(new[] { "Sue" }));
            Assert.That(finance.SingleThreaded, Is.False, "nobody of ours at all is not single-threaded");

            Assert.That((it.People, it.Known, BestHolder(it)), Is.EqualTo((2, 1, "Carl")));
            Assert.That(it.Best!.Score, Is.EqualTo(0.45), "an admin sees Carl's private one");
            Assert.That((At(it, Seniority.Director).People, At(it, Seniority.Director).Known), Is.EqualTo((1, 1)));
            Assert.That((At(it, Seniority.Individual).People, At(it, Seniority.Individual).Known), Is.EqualTo((1, 0)));
            Assert.That(it.SingleThreaded, Is.True);

            Assert.That((ops.People, ops.Known, BestHolder(ops)), Is.EqualTo((2, 1, "Bob")));
            Assert.That(ops.Best!.Score, Is.EqualTo(0.3), "0.6, stale: × 0.5");
            Assert.That(ops.StaleCoverage.Select(r => account.Name(r.TheirPerson.Id)), Is.EqualTo(new[] { "Otto" }));
            Assert.That(ops.SingleThreaded, Is.True);

            Assert.That((sales.People, sales.Known, BestHolder(sales)), Is.EqualTo((4, 3, "Alice")));
            Assert.That(sales.Best!.Score, Is.EqualTo(0.8));
            Assert.That(Names(sales.OurPeople), Is.EquivalentTo(new[] { "Alice", "Bob" }));
            Assert.That(sales.SingleThreaded, Is.False);
            Assert.That(At(sales, Seniority.Vp).Known + At(sales, Seniority.Director).Known + At(sales, Seniority.Manager).Known +
                        At(sales, Seniority.Individual).Known, Is.EqualTo(3));

            Assert.That((none.People, none.Known), Is.EqualTo((1, 0)));
            Assert.That(none.SeniorWithoutRoute, Is.Empty, "Cora is reached through Vic");
        });

        var opal = Group(coverage.Divisions, "Opal");
        var vic = Group(coverage.Divisions, "Vic");
        Assert.Multiple(() =>
        {
            Assert.That((opal.People, opal.Known, BestHolder(opal)), Is.EqualTo((2, 1, "Bob")));
            Assert.That((vic.People, vic.Known, BestHolder(vic)), Is.EqualTo((4, 3, "Alice")));
            Assert.That(vic.SingleThreaded, Is.False);
        });
    }

    [Test]
    public async Task The_score_is_explained_factor_by_factor_and_adds_up()
    {
        var score = (await account.CoverageAsync()).Score;
        var factors = score.Factors.ToDictionary(f => f.Name);

        Assert.Multiple(() =>
        {
            Assert.That(factors["breadth"].Value, Is.EqualTo(0.5), "5 of 10");
            Assert.That(factors["seniorReach"].Value, Is.EqualTo(0.833333), "5 of 6");
            Assert.That(factors["strength"].Value, Is.EqualTo(0.47), "(0.8 + 0.5 + 0.3 + 0.3 + 0.45) / 5");
            Assert.That(factors["threading"].Value, Is.EqualTo(0.333333), "of IT, Ops and Sales only Sales has two of ours");
            Assert.That(score.Value, Is.EqualTo(0.560667).Within(1e-6), "0.3 × 0.5 + 0.3 × 0.833333 + 0.2 × 0.47 + 0.2 × 0.333333");
            Assert.That(factors.Values.Sum(f => f.Contribution), Is.EqualTo(score.Value).Within(1e-6));
            Assert.That(score.Explanation, Does.Contain("0.3 × 0.5 (breadth)"));
        });
    }

    [Test]
    public async Task A_seller_counts_a_hidden_relationship_only_as_an_introduction_and_never_sees_its_strength()
    {
        using var alice = await ClientAsAsync("seller", account.Id("Alice"));
        var text = await account.As(alice).TextAsync($"/api/organizations/{account.Customer}/coverage");
        var coverage = text.Read<AccountCoverageResponse>();

        var it = Group(coverage.Departments, "IT");
        Assert.Multiple(() =>
        {
            Assert.That(BestHolder(it), Is.EqualTo("intro Carl"));
            Assert.That(it.Best!.Score, Is.EqualTo(0.4), "the fixed introduction trust");
            Assert.That(it.KnownByIntroductionOnly, Is.EqualTo(1));
            Assert.That(text, Does.Not.Contain("0.45"));
            Assert.That(coverage.Score.Factors[2].Value, Is.EqualTo(0.46), "(0.8 + 0.5 + 0.3 + 0.3 + 0.4) / 5");
            Assert.That(text, Does.Not.Contain(account.Id("Dee")).And.Not.Contain("\"Dee\""));
        });

        var key = await Keys.CreateAsync("seller", account.Id("Alice"));
        using var audited = Keys.ClientFor(key.Secret);
        await audited.GetAsync($"/api/organizations/{account.Customer}/coverage").ShouldBe(HttpStatusCode.OK);
        var entry = (await account.AuditOfAsync(key.Name)).Single();
        Assert.That(entry.Endpoint, Is.EqualTo("/api/organizations/{id}/coverage"));
        Assert.That(entry.Relationships, Is.EquivalentTo(new[]
        {
            $"{account.Id("Carl")}|{account.Id("Dirk")}", $"{account.Id("Bob")}|{account.Id("Otto")}", $"{account.Id("Alice")}|{account.Id("Vic")}",
        }));
    }

    [Test]
    public async Task The_org_chart_places_everyone_with_their_coverage_and_shows_the_do_not_contact_person_to_admins_only()
    {
        var chart = await account.OrgChartAsync();
        using var alice = await ClientAsAsync("seller", account.Id("Alice"));
        var sellersText = await account.As(alice).TextAsync($"/api/organizations/{account.Customer}/org-chart");
        var sellers = sellersText.Read<AccountOrgChartResponse>();

        var people = chart.People.ToDictionary(p => account.Name(p.Id));
        Assert.Multiple(() =>
        {
            Assert.That(chart.People.Select(p => account.Name(p.Id)), Is.EqualTo(new[]
            {
                "Cora", "Sue", "Dirk", "Opal", "Vic", "Dee", "Dora", "Ian", "Otto", "Max", "Ivy",
            }), "by level, then name");
            Assert.That(people["Ivy"].Level, Is.EqualTo(4));
            Assert.That(people["Dora"].ManagerId, Is.EqualTo(account.Id("Vic")));
            Assert.That(people["Dee"].DoNotContact, Is.True);
            Assert.That(people["Vic"].Coverage!.Relationship!.Strength, Is.EqualTo(0.8));
            Assert.That(people["Otto"].Coverage!.Relationship!.Stale, Is.True);
            Assert.That(people["Otto"].Coverage!.Score, Is.EqualTo(0.3));
            Assert.That(people["Otto"].StaleRelationships, Is.EqualTo(1));
            Assert.That(people["Sue"].Coverage, Is.Null);
            Assert.That(Names(people["Max"].OurPeople), Is.EqualTo(new[] { "Bob" }));

            var seen = sellers.People.ToDictionary(p => account.Name(p.Id));
            Assert.That(seen.Keys, Has.No.Member("Dee"));
            Assert.That(sellersText, Does.Not.Contain(account.Id("Dee")).And.Not.Contain("0.45"));
            Assert.That(seen["Dirk"].Coverage!.Introduction!.Owner.Id, Is.EqualTo(account.Id("Carl")));
            Assert.That(seen["Dirk"].Coverage!.Relationship, Is.Null);
        });
    }

    [Test]
    public async Task One_division_is_its_root_and_everyone_below_down_to_the_depth_asked()
    {
        var division = await account.OrgChartAsync($"?rootId={account.Id("Vic")}");
        var shallow = await account.OrgChartAsync($"?rootId={account.Id("Vic")}&depth=1");

        Assert.Multiple(() =>
        {
            Assert.That(division.Root!.Id, Is.EqualTo(account.Id("Vic")));
            Assert.That(division.People.Select(p => account.Name(p.Id)), Is.EqualTo(new[] { "Vic", "Dora", "Max", "Ivy" }));
            Assert.That(division.People.Select(p => p.Level), Is.EqualTo(new[] { 0, 1, 2, 3 }));
            Assert.That(shallow.People.Select(p => account.Name(p.Id)), Is.EqualTo(new[] { "Vic", "Dora" }));
            Assert.That(shallow.Depth, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_org_chart_picture_draws_every_person_of_the_json_without_overlap()
    {
        using var alice = await ClientAsAsync("seller", account.Id("Alice"));
        foreach (var (caller, name) in new[] { (Client, "admin"), (alice, "seller") })
        {
            var json = await account.As(caller).OrgChartAsync();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{account.Customer}/org-chart") { Headers = { { "Accept", "image/svg+xml" } } };
            using var response = await caller.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            var svg = DrawnSvg.Parse(text);
            Assert.Multiple(() =>
            {
                Assert.That(svg.CardIds, Is.EquivalentTo(json.People.Select(p => p.Id)), name);
                Assert.That(Overlaps.Among(svg.CardBoxes), Is.Empty, name);
                Assert.That(DrawnSvg.TextOf(svg.Card(account.Id("Otto"))), Does.Contain("STALE"), name);
                Assert.That(DrawnSvg.TextOf(svg.Card(account.Id("Sue"))), Does.Contain("NO RELATIONSHIP"), name);
            });
            if (name == "admin") Assert.That(DrawnSvg.TextOf(svg.Card(account.Id("Dee"))), Does.Contain("NO CONTACT"));
            else Assert.That(text, Does.Not.Contain(account.Id("Dee")).And.Not.Contain(">Dee<"));
        }
    }

    [Test]
    public async Task Bad_requests_are_problems_that_name_what_is_wrong()
    {
        using var alice = await ClientAsAsync("seller", account.Id("Alice"));
        await Client.GetAsync("/api/organizations/nobody-here/org-chart").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync("/api/organizations/nobody-here/coverage").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync($"/api/organizations/{account.Us}/org-chart").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "id");
        await Client.GetAsync($"/api/organizations/{account.Us}/coverage").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "id");
        await Client.GetAsync($"/api/organizations/{account.Customer}/org-chart?rootId=nobody").ShouldBeProblem(HttpStatusCode.NotFound, "rootId");
        await alice.GetAsync($"/api/organizations/{account.Customer}/org-chart?rootId={account.Id("Dee")}").ShouldBeProblem(HttpStatusCode.NotFound, "rootId");
        await Client.GetAsync($"/api/organizations/{account.Customer}/org-chart?rootId={account.Id("Alice")}")
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "rootId");
        await Client.GetAsync($"/api/organizations/{account.Customer}/org-chart?depth=51").ShouldBeProblem(HttpStatusCode.BadRequest, "depth");
        await Client.GetAsync($"/api/organizations/{account.Customer}/org-chart?rootId=bad%20id").ShouldBeProblem(HttpStatusCode.BadRequest, "rootId");
        using var pdf = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{account.Customer}/org-chart") { Headers = { { "Accept", "application/pdf" } } };
        await (await Client.SendAsync(pdf)).ShouldBeProblem(HttpStatusCode.NotAcceptable, "Accept");
    }

    [Test]
    public async Task A_division_too_large_for_one_chart_answers_down_to_the_depth_asked_counting_only_those_levels()
    {
        await World.AccountAsync("Wide Corp");
        // P000 heads 10, each of them 10, each of those about 4: 501 people in four levels.
        var people = Enumerable.Range(0, 501)
            .Select(i => new World.ChartPerson($"P{i:D3}", "Plant", i == 0 ? "vp" : "individual", i == 0 ? null : $"P{(i - 1) / 10:D3}"))
            .ToArray();
        await World.TheirChartAsync(people);

        var whole = await Client.GetAsync($"/api/organizations/{World.Customer}/org-chart?rootId={World.Id("P000")}")
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "rootId");
        var two = await World.OrgChartAsync($"?rootId={World.Id("P000")}&depth=2");
        var zero = await World.OrgChartAsync($"?rootId={World.Id("P005")}&depth=0");

        Assert.Multiple(() =>
        {
            Assert.That(whole["people"]!.GetValue<int>(), Is.EqualTo(501));
            Assert.That(two.People, Has.Count.EqualTo(1 + 10 + 100));
            Assert.That(two.People.GroupBy(p => p.Level).Select(g => (g.Key, g.Count())), Is.EqualTo(new[] { (0, 1), (1, 10), (2, 100) }));
            Assert.That(two.People.Where(p => p.Level == 2).Select(p => p.ManagerId).Distinct().Count(), Is.EqualTo(10));
            Assert.That(zero.People.Select(p => World.Name(p.Id)), Is.EqualTo(new[] { "P005" }));
        });
    }

    [Test]
    public async Task A_chart_too_large_for_one_picture_is_a_422_that_suggests_one_division()
    {
        await World.AccountAsync("Big Corp");
        var people = Enumerable.Range(0, 501)
            .Select(i => new World.ChartPerson($"P{i:D3}", "Plant", "individual", i == 0 ? null : $"P{(i - 1) / 10:D3}"))
            .ToArray();
        await World.TheirChartAsync(people);

        var problem = await Client.GetAsync($"/api/organizations/{World.Customer}/org-chart")
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "rootId");
        var division = await World.OrgChartAsync($"?rootId={World.Id("P001")}");

        Assert.Multiple(() =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("501 people").And.Contain("rootId"));
            Assert.That(problem["maxPeople"]!.GetValue<int>(), Is.EqualTo(500));
            Assert.That(division.People, Has.Count.EqualTo(1 + 10 + 100), "P001, P011–P020 and their reports P111–P210");
        });
    }
}
