using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Accounts;

namespace RelIntel.Tests.Account;

/// <summary>
/// Account coverage checked by brute force on small random accounts (fixed seeds): random hierarchies with VPs at any
/// level, departments, do-not-contact people (division heads among them), relationships of every visibility, fresh and
/// stale. Every group is counted again here from the API's own reads (the admin's org chart for who reports to whom,
/// the caller's org chart for how our side reaches each person, the paths for the senior people none of ours knows),
/// and every part answers byte for byte what walking the whole chart answers (a second service of the same graph with
/// <c>Accounts:CoverageFromFacts</c> false), for an admin and for a seller.
/// </summary>
public sealed class AccountCoverageOracleTests : ApiTest
{
    private RelIntelApp walkApp = null!;

    [OneTimeSetUp]
    public void StartTheWalkingService() =>
        walkApp = new RelIntelApp(TestNeo4j.Uri, new Dictionary<string, string?> { ["Accounts:CoverageFromFacts"] = "false" });

    [OneTimeTearDown]
    public async Task StopTheWalkingService() => await walkApp.DisposeAsync();

    private static readonly string?[] Seniorities = ["executive", "vp", "vp", "director", "director", "manager", "manager", "individual", "individual", "individual", null];
    private static readonly string?[] Departments = ["Sales", "Ops", "IT", null];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task A_random_account_answers_what_is_counted_from_its_chart_and_what_walking_it_answers(int seed)
    {
        var random = new Random(seed);
        await World.AccountAsync("Random Corp");
        var ours = Enumerable.Range(0, 4).Select(i => $"Our{i}").ToList();
        foreach (var name in ours) await World.OursAsync(name);
        var people = Enumerable.Range(0, 36).Select(i => new World.ChartPerson($"P{i:D2}", Departments[random.Next(Departments.Length)],
            Seniorities[random.Next(Seniorities.Length)], i == 0 || random.NextDouble() < 0.05 ? null : $"P{random.Next(i):D2}")).ToArray();
        await World.TheirChartAsync(people);
        foreach (var p in people.Where(_ => random.NextDouble() < 0.15)) await World.DoNotContactAsync(p.Name);
        var pairs = Enumerable.Range(0, 40).Select(_ => (ours[random.Next(ours.Count)], people[random.Next(people.Length)].Name)).Distinct().ToList();
        string[] visibilities = ["company", "company", "team", "private"];
        for (var i = 0; i < pairs.Count; i++)
        {
            // The first half go stale: not refreshed for 200 days.
            if (i == pairs.Count / 2)
            {
                App.Clock.Advance(TimeSpan.FromDays(200));
                walkApp.Clock.Advance(TimeSpan.FromDays(200));
            }
            await World.KnowsAsync(pairs[i].Item1, pairs[i].Item2, Math.Round(0.1 + random.NextDouble() * 0.85, 2), visibilities[random.Next(4)]);
        }

        var seller = await Keys.CreateAsync("seller", World.Id("Our1"));
        var callers = new[] { (Client, walkApp.CreateClient(), "admin"), (Keys.ClientFor(seller.Secret), walkApp.CreateClientWithKey(seller.Secret), "seller") };
        var chart = await World.OrgChartAsync();
        foreach (var (caller, walking, name) in callers)
        {
            var coverage = await SameAsWalkAsync(caller, walking, "", name);
            await ExpectCountedAsync(coverage, chart, await World.As(caller).OrgChartAsync(), caller, ours, name);
            await SameAsWalkAsync(caller, walking, "?pageSize=1&page=2", name);
            foreach (var department in coverage.Departments.Where(d => d.Name != AccountCoverage.NoDepartment))
                await SameAsWalkAsync(caller, walking, $"?department={department.Name}&pageSize=2", name);
            foreach (var division in coverage.Divisions)
                await SameAsWalkAsync(caller, walking, $"?divisionId={division.Head!.Id}&pageSize=2&page=1", name);
        }
    }

    private async Task<AccountCoverageResponse> SameAsWalkAsync(HttpClient caller, HttpClient walking, string query, string name)
    {
        var path = $"/api/organizations/{World.Customer}/coverage{query}";
        var fromFacts = await (await caller.GetAsync(path)).Content.ReadAsStringAsync();
        var walked = await (await walking.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.That(fromFacts, Is.EqualTo(walked), $"{name} {path}");
        return fromFacts.Read<AccountCoverageResponse>();
    }

    /// <summary>Every group and total as counted here: structure from the admin's chart, reaches from the caller's.</summary>
    private async Task ExpectCountedAsync(AccountCoverageResponse coverage, AccountOrgChartResponse structure, AccountOrgChartResponse seen,
        HttpClient caller, List<string> ours, string name)
    {
        var byId = structure.People.ToDictionary(p => p.Id);
        var reach = seen.People.ToDictionary(p => p.Id);
        var reachable = structure.People.Where(p => !p.DoNotContact).ToList();
        bool IsHead(OrgChartEntry p) => !p.DoNotContact && p.Seniority == Seniority.Vp;
        // The walk down from a head passes people for whom NOT (seniority = 'vp' AND reachable) is true; for a reachable
        // person with no seniority it is null in Cypher: they, and those below them, are in no division.
        bool Blocks(OrgChartEntry p) => !p.DoNotContact && p.Seniority is null or Seniority.Vp;
        string? HeadOf(OrgChartEntry p)
        {
            for (var (at, steps) = (p, 0); steps <= 50; steps++)
            {
                if (IsHead(at)) return at.Id;
                if (Blocks(at) || at.ManagerId is null) return null;
                at = byId[at.ManagerId];
            }
            return null;
        }
        var senior = new[] { Seniority.Executive, Seniority.Vp, Seniority.Director };
        var routed = new HashSet<string>();
        foreach (var p in reachable.Where(p => p.Seniority is { } s && senior.Contains(s) && reach[p.Id].Coverage is null))
        foreach (var from in ours)
        {
            var paths = await caller.GetAsync($"/api/paths?from={World.Id(from)}&to={p.Id}&k=1").ShouldBe<PathsResponse>(HttpStatusCode.OK);
            if (paths.Paths.Count > 0) routed.Add(p.Id);
        }

        var groups = reachable.Select(p => (Group: "department:" + (string.IsNullOrWhiteSpace(p.Department) ? AccountCoverage.NoDepartment : p.Department.Trim()), Person: p))
            .Concat(reachable.Where(p => HeadOf(p) is not null).Select(p => (Group: "division:" + HeadOf(p), Person: p)))
            .GroupBy(x => x.Group, x => x.Person).ToDictionary(g => g.Key, g => g.ToList());
        var answered = coverage.Departments.Select(g => ("department:" + g.Name, g)).Concat(coverage.Divisions.Select(g => ("division:" + g.Head!.Id, g)))
            .ToDictionary(x => x.Item1, x => x.g);
        Assert.Multiple(() =>
        {
            Assert.That(answered.Keys, Is.EquivalentTo(groups.Keys), name);
            Assert.That(coverage.People, Is.EqualTo(reachable.Count), name);
            Assert.That(coverage.Known, Is.EqualTo(reachable.Count(p => reach[p.Id].Coverage is not null)), name);
            Assert.That(coverage.SeniorPeople, Is.EqualTo(reachable.Count(p => p.Seniority is { } s && senior.Contains(s))), name);
            foreach (var (key, members) in groups)
            {
                var group = answered.GetValueOrDefault(key);
                if (group is null) continue;
                var known = members.Where(p => reach[p.Id].Coverage is not null).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
                Assert.That(group.People, Is.EqualTo(members.Count), $"{name} {key} people");
                Assert.That(group.Known, Is.EqualTo(known.Count), $"{name} {key} known");
                foreach (var count in group.BySeniority)
                    Assert.That((count.People, count.Known), Is.EqualTo((members.Count(p => p.Seniority == count.Seniority), known.Count(p => p.Seniority == count.Seniority))),
                        $"{name} {key} {count.Seniority}");
                var best = known.Select(p => reach[p.Id].Coverage!)
                    .OrderByDescending(r => r.Score).ThenBy(r => r.Relationship is null ? 1 : 0).ThenBy(r => r.Relationship?.Stale == true ? 1 : 0)
                    .ThenBy(r => r.HeldBy.Id, StringComparer.Ordinal).ThenBy(r => r.TheirPerson().Id, StringComparer.Ordinal).FirstOrDefault();
                Assert.That(group.Best, Is.EqualTo(best).Using<Reach?>((a, b) => a?.Score == b?.Score && a?.HeldBy.Id == b?.HeldBy.Id && a?.TheirPerson().Id == b?.TheirPerson().Id),
                    $"{name} {key} best");
                var ourPeople = known.SelectMany(p => reach[p.Id].OurPeople.Select(o => o.Id)).Distinct().Order(StringComparer.Ordinal).ToList();
                Assert.That(group.OurPeople.Select(p => p.Id), Is.EqualTo(ourPeople.Take(AccountCoverage.SummaryListLimit)), $"{name} {key} ours");
                Assert.That(group.OurPeopleCount, Is.EqualTo(ourPeople.Count), $"{name} {key} ours counted");
                var stale = known.Where(p => reach[p.Id].Coverage!.Relationship?.Stale == true).Select(p => p.Id).ToList();
                Assert.That(group.StaleCoverage.Select(s => s.TheirPerson.Id), Is.EqualTo(stale.Take(AccountCoverage.SummaryListLimit)), $"{name} {key} stale");
                var gaps = members.Where(p => p.Seniority is { } s && senior.Contains(s) && reach[p.Id].Coverage is null && !routed.Contains(p.Id))
                    .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Id).ToList();
                Assert.That(group.SeniorWithoutRoute.Select(p => p.Id), Is.EqualTo(gaps.Take(AccountCoverage.SummaryListLimit)), $"{name} {key} gaps");
            }
        });
    }
}
