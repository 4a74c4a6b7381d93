using System.Net;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>
/// The influence ranking is read from the account's derived facts, kept under its chart version: the same ranking as
/// an independent computation, and refreshed by every kind of write that changes it (a re-parent, a do-not-contact
/// mark, a departure, a move, an influence line, an erasure) before the next answer.
/// </summary>
public sealed class InfluenceFactsTests : ApiTest
{
    private sealed record Account(string Id, List<OraclePerson> People, List<OracleLine> Lines);

    [TestCase(22)]
    [TestCase(7)]
    public async Task The_ranking_is_the_one_an_independent_computation_gives(int seed)
    {
        var account = await RandomAccountAsync(seed, size: 30);

        var answer = await InfluencersAsync(account.Id, top: 100);

        var expected = InfluenceOracle.Rank(account.People, account.Lines);
        Assert.That(answer.Influencers.Select(i => i.Person.Id), Is.EqualTo(expected.Select(e => e.Id)));
        Assert.Multiple(() =>
        {
            foreach (var (got, want) in answer.Influencers.Zip(expected))
            {
                Assert.That(got.Factors.Level, Is.EqualTo(want.Level), $"level of {want.Id}");
                Assert.That(got.Factors.ReportsBelow, Is.EqualTo(want.Below), $"people below {want.Id}");
                Assert.That(got.Factors.NetworkRank, Is.EqualTo(want.NetworkRank).Within(2e-6), $"network rank of {want.Id}");
                Assert.That(got.Factors.NetworkScore, Is.EqualTo(want.NetworkScore).Within(2e-6), $"network score of {want.Id}");
                Assert.That(got.Influence, Is.EqualTo(want.Influence).Within(2e-6), $"influence of {want.Id}");
                Assert.That(got.Influence, Is.EqualTo(got.Factors.LevelWeight * got.Factors.LevelScore + got.Factors.SpanWeight *
                    got.Factors.SpanScore + got.Factors.NetworkWeight * got.Factors.NetworkScore).Within(3e-6), "the sum of its factors");
            }
            Assert.That(answer.Facts.Current, Is.True);
            Assert.That(answer.ScoreNote, Does.Contain("not a probability"));
        });
        var top3 = await InfluencersAsync(account.Id, top: 3);
        Assert.That(top3.Influencers.Select(i => i.Person.Id), Is.EqualTo(expected.Take(3).Select(e => e.Id)));
    }

    [Test]
    public async Task A_reparent_changes_levels_and_the_people_below()
    {
        var account = await ChartAsync(("ceo", null), ("cfo", "ceo"), ("cto", "ceo"), ("dev1", "cto"), ("dev2", "cto"), ("dev3", "dev2"));
        var before = await InfluencersAsync(account.Id);
        Assert.That(Factors(before, account, "cto").ReportsBelow, Is.EqualTo(3));

        // dev2 (with dev3 below) moves under the CFO.
        await PutAsync("/api/reporting-lines", new { personId = Id(account, "dev2"), managerId = Id(account, "cfo"), kind = "solid" })
            .ShouldBe(HttpStatusCode.Created);
        var after = await InfluencersAsync(account.Id, top: 100);

        Assert.Multiple(() =>
        {
            Assert.That(Factors(after, account, "cto").ReportsBelow, Is.EqualTo(1));
            Assert.That(Factors(after, account, "cfo").ReportsBelow, Is.EqualTo(2));
            Assert.That(Factors(after, account, "dev3").Level, Is.EqualTo(3));
            Assert.That(after.Facts.Version, Is.GreaterThan(before.Facts.Version));
            Assert.That(after.Facts.Current, Is.True);
        });
        Moved(account, "dev2", "cfo");
        AssertAgreesWithOracle(after, account);

        // Removing the line makes dev2 a top of their own.
        await Client.DeleteAsync($"/api/reporting-lines?personId={Id(account, "dev2")}&managerId={Id(account, "cfo")}");
        var detached = await InfluencersAsync(account.Id, top: 100);
        Assert.That(Factors(detached, account, "dev2").Level, Is.EqualTo(0));
        Assert.That(Factors(detached, account, "cfo").ReportsBelow, Is.EqualTo(0));
    }

    [Test]
    public async Task A_do_not_contact_mark_removes_someone_from_the_ranking_and_every_count_at_once()
    {
        var account = await ChartAsync(("ceo", null), ("cto", "ceo"), ("dev1", "cto"), ("dev2", "cto"));
        await InfluencersAsync(account.Id);

        await PutAsync($"/api/people/{Id(account, "cto")}", new { name = "cto", organizationId = account.Id, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        var after = await InfluencersAsync(account.Id, top: 100);

        Assert.Multiple(() =>
        {
            Assert.That(after.Influencers.Select(i => i.Person.Id), Does.Not.Contain(Id(account, "cto")));
            Assert.That(Factors(after, account, "ceo").ReportsBelow, Is.EqualTo(2), "the marked person is not counted below anyone");
            Assert.That(Factors(after, account, "dev1").Level, Is.EqualTo(2), "levels still count every step of the chain");
        });
        account.People[account.People.FindIndex(p => p.Id == Id(account, "cto"))] = account.People.Single(p => p.Id == Id(account, "cto")) with { Reachable = false };
        AssertAgreesWithOracle(after, account);
    }

    [Test]
    public async Task People_who_leave_or_move_elsewhere_are_no_longer_ranked_or_counted()
    {
        var account = await ChartAsync(("ceo", null), ("cfo", "ceo"), ("cto", "ceo"), ("dev1", "cto"), ("dev2", "cto"));
        await InfluencersAsync(account.Id);
        var elsewhere = NewId("elsewhere");
        await PutAsync($"/api/organizations/{elsewhere}", new { name = "Elsewhere", kind = "customer" }).ShouldBe(HttpStatusCode.Created);

        // dev1 moves to another organization; the CFO is left out of a replaced chart and leaves.
        await PutAsync($"/api/people/{Id(account, "dev1")}", new { name = "dev1", organizationId = elsewhere }).ShouldBe(HttpStatusCode.OK);
        var kept = account.People.Where(p => p.Id != Id(account, "dev1") && p.Id != Id(account, "cfo"))
            .Select(p => new { id = p.Id, name = p.Id, managerId = p.ManagerId }).ToList();
        await PostAsync($"/api/organizations/{account.Id}/org-chart?mode=replace&confirmLeavers=1", new { people = kept }).ShouldBe(HttpStatusCode.OK);
        var after = await InfluencersAsync(account.Id, top: 100);

        Assert.Multiple(() =>
        {
            Assert.That(after.Influencers.Select(i => i.Person.Id), Is.EquivalentTo(new[] { "ceo", "cto", "dev2" }.Select(n => Id(account, n))));
            Assert.That(Factors(after, account, "ceo").ReportsBelow, Is.EqualTo(2));
            Assert.That(Factors(after, account, "cto").ReportsBelow, Is.EqualTo(1));
        });
        var moved = await InfluencersAsync(elsewhere);
        Assert.That(moved.Influencers.Select(i => i.Person.Id), Is.EqualTo(new[] { Id(account, "dev1") }), "the mover is ranked where they work now");
    }

    [Test]
    public async Task Influence_lines_move_standing_and_their_removal_moves_it_back()
    {
        var account = await ChartAsync(("ceo", null), ("cto", "ceo"), ("dev1", "cto"), ("dev2", "cto"), ("dev3", "cto"), ("guru", "cto"));
        var before = await InfluencersAsync(account.Id, top: 100);

        foreach (var dev in new[] { "dev1", "dev2", "dev3" })
        {
            await PutAsync("/api/influences", new { fromId = Id(account, dev), toId = Id(account, "guru"), strength = 0.9, kind = "advisor" })
                .ShouldBe(HttpStatusCode.Created);
            account.Lines.Add(new OracleLine(Id(account, dev), Id(account, "guru"), 0.9));
        }
        var after = await InfluencersAsync(account.Id, top: 100);
        Assert.That(Factors(after, account, "guru").NetworkRank, Is.GreaterThan(Factors(before, account, "guru").NetworkRank));
        AssertAgreesWithOracle(after, account);

        foreach (var dev in new[] { "dev1", "dev2", "dev3" })
            await Client.DeleteAsync($"/api/influences?fromId={Id(account, dev)}&toId={Id(account, "guru")}");
        var removed = await InfluencersAsync(account.Id, top: 100);
        Assert.That(Factors(removed, account, "guru").NetworkRank, Is.EqualTo(Factors(before, account, "guru").NetworkRank).Within(1e-6));
    }

    [Test]
    public async Task An_erased_person_leaves_no_trace_in_the_facts()
    {
        var account = await ChartAsync(("ceo", null), ("cto", "ceo"), ("dev1", "cto"));
        await InfluencersAsync(account.Id);

        await Client.DeleteAsync($"/api/people/{Id(account, "dev1")}").ShouldBe(HttpStatusCode.NoContent);

        var facts = await TestNeo4j.Graph().ReadAsync(new RelIntel.Neo4j.CypherQuery("facts",
            "MATCH (f:AccountFacts {organizationId: $id}) RETURN f.rankedIds AS ids"), new { id = account.Id });
        Assert.That(facts.Rows, Is.Empty, "the facts naming the erased person are gone");
        var after = await InfluencersAsync(account.Id, top: 100);
        Assert.That(after.Influencers.Select(i => i.Person.Id), Does.Not.Contain(Id(account, "dev1")));
        Assert.That(Factors(after, account, "cto").ReportsBelow, Is.EqualTo(0));
    }

    private async Task<InfluencersResponse> InfluencersAsync(string organizationId, int top = 10) =>
        (await Client.GetAsync($"/api/organizations/{organizationId}/influencers?top={top}").ShouldBe(HttpStatusCode.OK)).Read<InfluencersResponse>();

    private static string Id(Account account, string name) => $"{account.Id}-{name}";

    private static InfluenceFactors Factors(InfluencersResponse answer, Account account, string name) =>
        answer.Influencers.Single(i => i.Person.Id == Id(account, name)).Factors;

    private static void Moved(Account account, string name, string manager)
    {
        var at = account.People.FindIndex(p => p.Id == Id(account, name));
        account.People[at] = account.People[at] with { ManagerId = Id(account, manager) };
    }

    private static void AssertAgreesWithOracle(InfluencersResponse answer, Account account)
    {
        var expected = InfluenceOracle.Rank(account.People, account.Lines);
        Assert.That(answer.Influencers.Select(i => i.Person.Id), Is.EqualTo(expected.Select(e => e.Id)));
        foreach (var (got, want) in answer.Influencers.Zip(expected))
            Assert.That(got.Influence, Is.EqualTo(want.Influence).Within(2e-6), $"influence of {want.Id}");
    }

    /// <summary>An account whose chart is imported in one call: (name, solid manager's name).</summary>
    private async Task<Account> ChartAsync(params (string Name, string? Manager)[] people)
    {
        var id = NewId("facts");
        await PutAsync($"/api/organizations/{id}", new { name = "Facts Co", kind = "customer" }).ShouldBe(HttpStatusCode.Created);
        var account = new Account(id, people.Select(p => new OraclePerson($"{id}-{p.Name}", p.Manager is null ? null : $"{id}-{p.Manager}", [], true)).ToList(), []);
        await PostAsync($"/api/organizations/{id}/org-chart",
            new { people = account.People.Select(p => new { id = p.Id, name = p.Id, managerId = p.ManagerId }) }).ShouldBe(HttpStatusCode.OK);
        return account;
    }

    /// <summary>A random tree with dotted lines, influence lines and a few do-not-contact people, from one seed.</summary>
    private async Task<Account> RandomAccountAsync(int seed, int size)
    {
        var random = new Random(seed);
        var id = NewId("facts");
        await PutAsync($"/api/organizations/{id}", new { name = "Random Co", kind = "customer" }).ShouldBe(HttpStatusCode.Created);
        var ids = Enumerable.Range(0, size).Select(i => $"{id}-p{i:D2}").ToList();
        var marked = Enumerable.Range(1, size - 1).OrderBy(_ => random.Next()).Take(3).ToHashSet();
        var people = Enumerable.Range(0, size).Select(i =>
        {
            string? manager = i == 0 ? null : ids[random.Next(i)];
            var dotted = i > 1 && random.NextDouble() < 0.2 ? new[] { ids[random.Next(i)] }.Where(d => d != manager).ToList() : [];
            return new OraclePerson(ids[i], manager, dotted, !marked.Contains(i));
        }).ToList();
        // Sent in no particular order (managers after their people too), so the facts are computed from rows that do not
        // come in id order; a random of its own keeps the seed's chart and lines as they were.
        var shuffle = new Random(seed + 1);
        await PostAsync($"/api/organizations/{id}/org-chart", new
        {
            people = people.OrderBy(_ => shuffle.Next())
                .Select(p => new { id = p.Id, name = p.Id, managerId = p.ManagerId, dottedManagerIds = p.Dotted }),
        }).ShouldBe(HttpStatusCode.OK);
        foreach (var i in marked)
            await PutAsync($"/api/people/{ids[i]}", new { name = ids[i], organizationId = id, doNotContact = true }).ShouldBe(HttpStatusCode.OK);
        var lines = new List<OracleLine>();
        foreach (var (from, to) in Enumerable.Range(0, 25).Select(_ => (random.Next(size), random.Next(size))).Where(x => x.Item1 != x.Item2).Distinct())
        {
            var strength = Math.Round(0.1 + random.NextDouble() * 0.9, 2);
            await PutAsync("/api/influences", new { fromId = ids[from], toId = ids[to], strength, kind = "advisor" }).ShouldBe(HttpStatusCode.Created);
            lines.Add(new OracleLine(ids[from], ids[to], strength));
        }
        return new Account(id, people, lines);
    }
}

/// <summary>
/// A large account (here: any account, with <c>Accounts:FactsRefreshWaitPeople</c> 0) answers from its last complete facts
/// while they are refreshed in the background, and says so; a do-not-contact mark still takes effect at once.
/// </summary>
public sealed class InfluenceFactsInBackgroundTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:FactsRefreshWaitPeople"] = "0",
    };

    [Test]
    public async Task A_large_account_answers_from_its_last_facts_while_they_are_refreshed()
    {
        var id = NewId("bigfacts");
        await PutAsync($"/api/organizations/{id}", new { name = "Big Co", kind = "customer" }).ShouldBe(HttpStatusCode.Created);
        var people = new[] { ("ceo", (string?)null), ("cto", "ceo"), ("dev1", "cto"), ("dev2", "cto") };
        await PostAsync($"/api/organizations/{id}/org-chart",
            new { people = people.Select(p => new { id = $"{id}-{p.Item1}", name = p.Item1, managerId = p.Item2 is null ? null : $"{id}-{p.Item2}" }) })
            .ShouldBe(HttpStatusCode.OK);
        var first = await InfluencersAsync(id);
        Assert.That(first.Facts.Current, Is.True, "with no facts yet, the first answer waits for them");

        // dev2 moves under the CEO, and dev1 is marked do-not-contact.
        await PutAsync("/api/reporting-lines", new { personId = $"{id}-dev2", managerId = $"{id}-ceo", kind = "solid" }).ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/people/{id}-dev1", new { name = "dev1", organizationId = id, doNotContact = true }).ShouldBe(HttpStatusCode.OK);
        var during = await InfluencersAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(during.Facts.Current, Is.False);
            Assert.That(during.Facts.Version, Is.EqualTo(first.Facts.Version));
            Assert.That(during.Influencers.Select(i => i.Person.Id), Does.Not.Contain($"{id}-dev1"), "a mark takes effect at once");
        });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var answer = during;
        while (!answer.Facts.Current && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            answer = await InfluencersAsync(id);
        }
        Assert.Multiple(() =>
        {
            Assert.That(answer.Facts.Current, Is.True, "the background refresh completed");
            Assert.That(answer.Facts.ComputedAt, Is.GreaterThanOrEqualTo(first.Facts.ComputedAt));
            Assert.That(answer.Influencers.Single(i => i.Person.Id == $"{id}-ceo").Factors.ReportsBelow, Is.EqualTo(2));
            Assert.That(answer.Influencers.Single(i => i.Person.Id == $"{id}-cto").Factors.ReportsBelow, Is.EqualTo(0));
        });
    }

    private async Task<InfluencersResponse> InfluencersAsync(string organizationId) =>
        (await Client.GetAsync($"/api/organizations/{organizationId}/influencers?top=10").ShouldBe(HttpStatusCode.OK)).Read<InfluencersResponse>();
}
