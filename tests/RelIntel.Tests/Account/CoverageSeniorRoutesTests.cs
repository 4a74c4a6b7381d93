using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Account;

/// <summary>
/// Coverage counts a senior person none of ours knows as reached when at least one warm path leads to them. It asks
/// that of a statement of its own (no path is scored or explained), so here it is held to the paths API on one account
/// where each way a path can be refused happens once:
/// <code>
/// Erin (executive)
/// ├─ Vera (vp, Sales) ─ Dana (director) ─ Ian (individual)          Alice knows Ian 0.8
/// │                  └─ Dale (director) ─ Mo (manager, do-not-contact) ─ Ina (individual)   Alice knows Ina 0.9
/// └─ Walt (vp, Ops) ─ Dirk (director) ─ Ike (individual)           Bob knows Ike 0.7, privately
///                   └─ Drew (director) ─ Iris (individual)         Carl knows Iris 0.2, privately
/// Fay (director, Legal) ◄─influences── Ivo (individual)            Bob knows Ivo 0.6
/// Sue (director, Finance) ──influences─► Isa (individual)          Bob knows Isa 0.6
/// Don (director, IT) ─ Ned (individual), antipathy between them    Alice knows Ned 0.9
/// </code>
/// Erin is three lines from anyone known (a path crosses at most two on their side); Dale is behind a do-not-contact
/// manager; Sue influences Isa, not the other way round; Don and Ned never go through each other. Bob's and Carl's
/// relationships are private: an admin sees them, the seller Alice may use Bob's (0.7) as an introduction, not Carl's
/// (0.2, under the introduction trust).
/// </summary>
public sealed class CoverageSeniorRoutesTests : ApiTest
{
    private World account = null!;

    private static readonly string[] Ours = ["Alice", "Bob", "Carl"];

    [OneTimeSetUp]
    public async Task BuildAccount()
    {
        account = new World(Client);
        await account.AccountAsync("Umbrella");
        foreach (var name in Ours) await account.OursAsync(name);
        await account.TheirChartAsync(
            new("Erin", null, "executive"),
            new("Vera", "Sales", "vp", "Erin"),
            new("Dana", "Sales", "director", "Vera"),
            new("Ian", "Sales", "individual", "Dana"),
            new("Dale", "Sales", "director", "Vera"),
            new("Mo", "Sales", "manager", "Dale"),
            new("Ina", "Sales", "individual", "Mo"),
            new("Walt", "Ops", "vp", "Erin"),
            new("Dirk", "Ops", "director", "Walt"),
            new("Ike", "Ops", "individual", "Dirk"),
            new("Drew", "Ops", "director", "Walt"),
            new("Iris", "Ops", "individual", "Drew"),
            new("Fay", "Legal", "director"),
            new("Ivo", "Legal", "individual"),
            new("Sue", "Finance", "director"),
            new("Isa", "Finance", "individual"),
            new("Don", "IT", "director"),
            new("Ned", "IT", "individual", "Don"));
        await account.DoNotContactAsync("Mo");
        await account.InfluencesAsync("Ivo", "Fay", 0.5);
        await account.InfluencesAsync("Sue", "Isa", 0.5);
        await account.RapportAsync("Don", "Ned", "antipathy");
        await account.KnowsAsync("Alice", "Ian", 0.8);
        await account.KnowsAsync("Alice", "Ina", 0.9);
        await account.KnowsAsync("Alice", "Ned", 0.9);
        await account.KnowsAsync("Bob", "Ike", 0.7, "private");
        await account.KnowsAsync("Bob", "Ivo", 0.6);
        await account.KnowsAsync("Bob", "Isa", 0.6);
        await account.KnowsAsync("Carl", "Iris", 0.2, "private");
    }

    private static readonly string[] Seniors = ["Erin", "Vera", "Dana", "Dale", "Walt", "Dirk", "Drew", "Fay", "Sue", "Don"];

    [Test]
    public async Task An_admin_counts_as_reached_exactly_the_senior_people_the_paths_api_finds_a_path_to()
    {
        var coverage = await account.CoverageAsync();
        var withoutRoute = WithoutRoute(coverage);

        Assert.That(withoutRoute, Is.EquivalentTo(new[] { "Erin", "Dale", "Sue", "Don" }));
        Assert.That(withoutRoute, Is.EquivalentTo(await WithoutPathAsync(account)));
        Assert.That(coverage.SeniorWithRoute, Is.EqualTo(Seniors.Length - 4));
    }

    [Test]
    public async Task A_seller_counts_a_hidden_relationship_only_where_it_may_serve_as_an_introduction()
    {
        using var alice = await ClientAsAsync("seller", account.Id("Alice"));
        var asAlice = account.As(alice);
        var coverage = await asAlice.CoverageAsync();
        var withoutRoute = WithoutRoute(coverage);

        Assert.That(withoutRoute, Is.EquivalentTo(new[] { "Erin", "Dale", "Sue", "Don", "Drew" }),
            "Carl's 0.2 is under the introduction trust; Bob's 0.7 introduces Dirk and Walt");
        Assert.That(withoutRoute, Is.EquivalentTo(await WithoutPathAsync(asAlice)));
        Assert.That(coverage.SeniorWithRoute, Is.EqualTo(Seniors.Length - 5));
    }

    private List<string> WithoutRoute(AccountCoverageResponse coverage) =>
        coverage.Departments.SelectMany(g => g.SeniorWithoutRoute).Select(p => account.Name(p.Id)).ToList();

    /// <summary>The senior people to whom none of ours has a path, as the paths API answers the caller.</summary>
    private static async Task<List<string>> WithoutPathAsync(World caller)
    {
        var without = new List<string>();
        foreach (var senior in Seniors)
        {
            var any = false;
            foreach (var ours in Ours) any |= (await caller.PathsAsync(ours, senior)).Paths.Count > 0;
            if (!any) without.Add(senior);
        }
        return without;
    }
}
