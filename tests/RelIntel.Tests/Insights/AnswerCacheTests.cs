using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>
/// Recommendations and power maps are cached per instance under the graph version, the viewer and the minute: a cached
/// answer is the one a fresh computation gives, every write shows on the very next read (on any instance), and every read
/// is audited, hit or miss.
/// </summary>
public sealed class AnswerCacheTests : ApiTest
{
    /// <summary>
    /// Ava and Sam are on the pursuit team; Ava's company relationship to Dana (the Decider) is Sam's route; Bo knows Eve
    /// (an Influencer) without a declared strength.
    /// </summary>
    private Task<(HttpClient Ava, HttpClient Sam)> PursuitAsync() => PursuitAsync(World);

    private async Task<(HttpClient Ava, HttpClient Sam)> PursuitAsync(World world)
    {
        await world.PursuitAsync();
        await world.OursAsync("Ava");
        await world.OursAsync("Sam");
        await world.OursAsync("Bo");
        await world.TheirsAsync("Dana");
        await world.TheirsAsync("Eve");
        await world.TeamAsync("Ava");
        await world.TeamAsync("Sam");
        await world.KnowsAsync("Ava", "Dana", 0.6);
        await PutAsync("/api/relationships", new { ourPersonId = world.Id("Bo"), theirPersonId = world.Id("Eve"), visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await world.MemberAsync("Dana", ["decider"]);
        await world.MemberAsync("Eve", ["influencer"]);
        return (await ClientAsAsync("seller", world.Id("Ava")), await ClientAsAsync("seller", world.Id("Sam")));
    }

    /// <summary>A recommendations answer, typed and as its text on the wire (a cached answer is the very text a fresh one is).</summary>
    private sealed record Answer(RecommendationsResponse Typed, string Text);

    private Task<Answer> RecommendationsAsync(HttpClient client) => RecommendationsAsync(client, World);

    private static async Task<Answer> RecommendationsAsync(HttpClient client, World world)
    {
        var text = (await client.GetAsync($"/api/opportunities/{world.Deal}/recommendations").ShouldBe(HttpStatusCode.OK)).ToJsonString();
        return new Answer(text.Read<RecommendationsResponse>(), text);
    }

    /// <summary>Reads twice (the second from the cache), checks both are the same, and answers the second.</summary>
    private Task<Answer> CachedAsync(HttpClient client) => CachedAsync(client, World);

    private static async Task<Answer> CachedAsync(HttpClient client, World world)
    {
        var first = await RecommendationsAsync(client, world);
        var second = await RecommendationsAsync(client, world);
        Assert.That(second.Text, Is.EqualTo(first.Text));
        return second;
    }

    private TargetRecommendation? Target(Answer answer, string name) => Target(answer, World, name);

    private static TargetRecommendation? Target(Answer answer, World world, string name) =>
        answer.Typed.Targets.SingleOrDefault(t => t.Person.Id == world.Id(name));

    [Test]
    public async Task Every_write_that_changes_an_answer_shows_on_the_next_read()
    {
        var (ava, sam) = await PursuitAsync();
        using var lookups = new CacheLookups(App, CacheLookups.Answers);

        var before = await CachedAsync(sam);
        Assert.That(lookups.Hits, Is.GreaterThan(0), "the second read is answered from the cache");
        Assert.That(Target(before, "Dana")!.Coverage, Is.EqualTo(0.6));

        // A relationship's strength.
        await World.KnowsAsync("Ava", "Dana", 0.8);
        var stronger = await CachedAsync(sam);
        Assert.That(Target(stronger, "Dana")!.Coverage, Is.EqualTo(0.8));

        // An interaction teaches Bo's relationship to Eve a learned strength.
        Assert.That(Target(stronger, "Eve")!.Coverage, Is.Zero);
        await PostAsync("/api/interactions", new
        {
            id = NewId("meeting"), at = App.Clock.GetUtcNow().AddDays(-1), kind = "meeting",
            participantIds = new[] { World.Id("Bo"), World.Id("Eve") },
        }).ShouldBe(HttpStatusCode.Created);
        var learned = await CachedAsync(sam);
        Assert.That(Target(learned, "Eve")!.Coverage, Is.GreaterThan(0));

        // A buying-center change.
        await World.MemberAsync("Dana", ["decider"], attitude: "champion");
        var champion = await CachedAsync(sam);
        Assert.That(Target(champion, "Dana")!.Attitude, Is.EqualTo(Attitude.Champion));

        // Its owner makes the relationship private: Sam no longer sees it in detail, only as an introduction.
        await ava.PutAsJsonAsync("/api/relationships", new { ourPersonId = World.Id("Ava"), theirPersonId = World.Id("Dana"), visibility = "private" })
            .ShouldBe(HttpStatusCode.OK);
        var hidden = await CachedAsync(sam);
        var hop = Target(hidden, "Dana")!.Paths[0].Hops[0];
        Assert.That(hop.Type, Is.EqualTo(HopType.Introduction));
        Assert.That(hop.Trust, Is.EqualTo(0.4), "the fixed trust of an introduction, not the strength");
        // Ava, the owner, still sees it in detail.
        Assert.That(Target(await CachedAsync(ava), "Dana")!.Coverage, Is.EqualTo(0.8));

        // A do-not-contact mark: Dana is no longer there.
        await PutAsync($"/api/people/{World.Id("Dana")}", new { name = "Dana", organizationId = World.Customer, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        var marked = await CachedAsync(sam);
        Assert.That(Target(marked, "Dana"), Is.Null);
        Assert.That(marked.Text, Does.Not.Contain(World.Id("Dana")));
    }

    [Test]
    public async Task A_write_through_one_instance_shows_at_once_on_another()
    {
        var (_, sam) = await PursuitAsync();
        var samKey = await Keys.CreateAsync("seller", World.Id("Sam"));
        await using var other = new RelIntelApp(TestNeo4j.Uri);
        using var otherAdmin = other.CreateClient();
        using var samThere = other.CreateClientWithKey(samKey.Secret);

        // Both instances hold the answer.
        Assert.That(Target(await CachedAsync(sam), "Dana")!.Coverage, Is.EqualTo(0.6));
        Assert.That(Target(await CachedAsync(samThere), "Dana")!.Coverage, Is.EqualTo(0.6));

        // Written on the other instance, read here; and the other way round.
        await otherAdmin.PutAsJsonAsync("/api/relationships", new { ourPersonId = World.Id("Ava"), theirPersonId = World.Id("Dana"), strength = 0.9 })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Target(await CachedAsync(sam), "Dana")!.Coverage, Is.EqualTo(0.9));

        await World.MemberAsync("Eve", ["influencer"], attitude: "opponent");
        Assert.That(Target(await CachedAsync(samThere), "Eve")!.Attitude, Is.EqualTo(Attitude.Opponent));

        await otherAdmin.PutAsJsonAsync($"/api/people/{World.Id("Eve")}", new { name = "Eve", organizationId = World.Customer, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Target(await CachedAsync(sam), "Eve"), Is.Null);

        var map = await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe<PowerMapResponse>(HttpStatusCode.OK);
        await otherAdmin.DeleteAsync($"/api/opportunities/{World.Deal}/buying-center/{World.Id("Dana")}")
            .ShouldBe(HttpStatusCode.NoContent);
        var after = await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe<PowerMapResponse>(HttpStatusCode.OK);
        Assert.That(map.Members, Has.Count.EqualTo(1));
        Assert.That(after.Members, Is.Empty);
    }

    [Test]
    public async Task Every_read_is_audited_whether_cached_or_not()
    {
        await PursuitAsync();
        var key = await Keys.CreateAsync("seller", World.Id("Sam"));
        using var sam = Keys.ClientFor(key.Secret);
        using var lookups = new CacheLookups(App, CacheLookups.Answers);

        await CachedAsync(sam);
        await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        Assert.That(lookups.Hits, Is.GreaterThanOrEqualTo(2));

        var entries = await World.AuditOfAsync(key.Name);
        var shown = $"{World.Id("Ava")}|{World.Id("Dana")}";
        Assert.Multiple(() =>
        {
            Assert.That(entries.Count(e => e.Endpoint == "/api/opportunities/{id}/recommendations"), Is.EqualTo(2));
            Assert.That(entries.Count(e => e.Endpoint == "/api/opportunities/{id}/power-map"), Is.EqualTo(2));
            Assert.That(entries.Select(e => e.Relationships),
                Is.All.Contains(shown));
        });
    }

    [Test]
    public async Task A_cached_answer_is_the_one_a_service_without_the_cache_gives()
    {
        var (ava, sam) = await PursuitAsync();
        var avaKey = await Keys.CreateAsync("seller", World.Id("Ava"));
        var samKey = await Keys.CreateAsync("seller", World.Id("Sam"));
        await using var uncached = new RelIntelApp(TestNeo4j.Uri, new Dictionary<string, string?> { ["Insights:AnswerCache:Enabled"] = "false" });
        // The clocks agree within the minute (answers are evaluated at its start), though not to the second.
        uncached.Clock.SetUtcNow(App.Clock.GetUtcNow().AddSeconds(17));
        using var admin = uncached.CreateClient();
        using var avaThere = uncached.CreateClientWithKey(avaKey.Secret);
        using var samThere = uncached.CreateClientWithKey(samKey.Secret);

        foreach (var (cachedClient, plainClient) in new[] { (Client, admin), (ava, avaThere), (sam, samThere) })
        {
            var cachedFirst = await RecommendationsAsync(cachedClient);
            var cached = await RecommendationsAsync(cachedClient);
            var plain = await RecommendationsAsync(plainClient);
            Assert.That(cached.Text, Is.EqualTo(plain.Text));
            Assert.That(cachedFirst.Text, Is.EqualTo(plain.Text));
        }
        var map = await Client.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        var mapAgain = await Client.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        var plainMap = await admin.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        Assert.That(mapAgain.ToJsonString(), Is.EqualTo(plainMap.ToJsonString()));
        Assert.That(map.ToJsonString(), Is.EqualTo(plainMap.ToJsonString()));

        // Sam, who sees less, is answered differently from Ava, though both are asking the same thing of the same graph.
        await ava.PutAsJsonAsync("/api/relationships", new { ourPersonId = World.Id("Ava"), theirPersonId = World.Id("Dana"), visibility = "private" })
            .ShouldBe(HttpStatusCode.OK);
        var asAva = await CachedAsync(ava);
        var asSam = await CachedAsync(sam);
        Assert.That(asSam.Text, Is.Not.EqualTo(asAva.Text));
        Assert.That((await RecommendationsAsync(samThere)).Text, Is.EqualTo(asSam.Text));
        Assert.That((await RecommendationsAsync(avaThere)).Text, Is.EqualTo(asAva.Text));
    }

    [Test]
    public async Task The_next_minute_is_a_new_answer_computed_at_its_start()
    {
        var (_, sam) = await PursuitAsync();
        using var lookups = new CacheLookups(App, CacheLookups.Answers);
        await CachedAsync(sam);
        var misses = lookups.Misses;
        App.Clock.Advance(TimeSpan.FromSeconds(61));
        await CachedAsync(sam);
        Assert.That(lookups.Misses, Is.EqualTo(misses + 1), "a new minute is a new key");
    }

    [Test]
    public async Task A_write_at_one_account_leaves_the_answers_at_another_cached()
    {
        var (ava, _) = await PursuitAsync();
        var there = new World(Client);
        var (_, samThere) = await PursuitAsync(there);
        using var lookups = new CacheLookups(App, CacheLookups.Answers);
        await CachedAsync(samThere, there);
        var (hits, misses) = (lookups.Hits, lookups.Misses);

        // A relationship, an interaction and a buying-center change, all at the first account.
        await World.KnowsAsync("Ava", "Dana", 0.9);
        await PostAsync("/api/interactions", new
        {
            id = NewId("call"), at = App.Clock.GetUtcNow().AddDays(-1), kind = "call",
            participantIds = new[] { World.Id("Bo"), World.Id("Eve") },
        }).ShouldBe(HttpStatusCode.Created);
        await World.MemberAsync("Eve", ["influencer"], attitude: "opponent");

        var elsewhere = await RecommendationsAsync(samThere, there);
        Assert.Multiple(() =>
        {
            Assert.That(lookups.Hits, Is.EqualTo(hits + 1), "the other account's answer is still the cached one");
            Assert.That(lookups.Misses, Is.EqualTo(misses));
            Assert.That(Target(elsewhere, there, "Dana")!.Coverage, Is.EqualTo(0.6));
        });

        // At the account written, the next read is fresh.
        var written = await RecommendationsAsync(ava);
        Assert.Multiple(() =>
        {
            Assert.That(Target(written, "Dana")!.Coverage, Is.EqualTo(0.9));
            Assert.That(Target(written, "Eve")!.Attitude, Is.EqualTo(Attitude.Opponent));
            Assert.That(Target(written, "Eve")!.Coverage, Is.GreaterThan(0), "the interaction taught Bo's relationship");
        });
    }

    [Test]
    public async Task A_relationship_to_another_organization_shows_where_the_answers_reach_it()
    {
        // Xavier, an outside advisor at another organization, has Dana's ear; Bo's route to Dana runs through him.
        var (_, sam) = await PursuitAsync();
        var advisors = await World.OrganizationAsync("customer", "Advisors");
        var xavier = await World.PersonAsync(advisors, "Xavier");
        await PutAsync("/api/influences", new { fromId = xavier, toId = World.Id("Dana"), strength = 0.9, kind = "advisor" })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/relationships", new { ourPersonId = World.Id("Bo"), theirPersonId = xavier, strength = 0.3, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        var before = await CachedAsync(sam);

        // A write at the advisor's organization (not the deal's) changes the deal's answer: it is not served from the cache.
        await PutAsync("/api/relationships", new { ourPersonId = World.Id("Bo"), theirPersonId = xavier, strength = 0.95, visibility = "company" })
            .ShouldBe(HttpStatusCode.OK);
        var after = await CachedAsync(sam);

        double? ViaXavier(Answer answer) => Target(answer, "Dana")!.Paths.FirstOrDefault(p => p.Hops[0].To.Id == xavier)?.Score;
        Assert.Multiple(() =>
        {
            Assert.That(ViaXavier(before), Is.Not.Null, "Bo's route through Xavier is there");
            Assert.That(ViaXavier(after), Is.GreaterThan(ViaXavier(before)!.Value));
        });
    }

    [Test]
    public async Task The_charter_a_revocation_and_a_do_not_contact_mark_show_everywhere_at_once()
    {
        await PursuitAsync();
        var there = new World(Client);
        await PursuitAsync(there);
        var samKey = await Keys.CreateAsync("seller", there.Id("Sam"));
        using var sam = Keys.ClientFor(samKey.Secret);
        using var lookups = new CacheLookups(App, CacheLookups.Answers);
        await CachedAsync(sam, there);

        // A do-not-contact mark at the first account: a write about a person, which every account's answers follow.
        var misses = lookups.Misses;
        await PutAsync($"/api/people/{World.Id("Eve")}", new { name = "Eve", organizationId = World.Customer, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        await RecommendationsAsync(sam, there);
        Assert.That(lookups.Misses, Is.EqualTo(misses + 1), "computed again after a do-not-contact mark elsewhere");
        // ... and at its own account, at once.
        await PutAsync($"/api/people/{there.Id("Eve")}", new { name = "Eve", organizationId = there.Customer, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Target(await RecommendationsAsync(sam, there), there, "Eve"), Is.Null);

        // A change to the charter: the next answer is computed under it.
        await World.SetCharterAsync("staleAfterDays", 1);
        try
        {
            misses = lookups.Misses;
            await RecommendationsAsync(sam, there);
            Assert.That(lookups.Misses, Is.EqualTo(misses + 1), "computed again under the new charter");
        }
        finally
        {
            await World.ResetCharterAsync();
        }

        // A revoked key is refused before any cached answer is looked at.
        await CachedAsync(sam, there);
        await Keys.RevokeAsync(samKey.Id);
        await sam.GetAsync($"/api/opportunities/{there.Deal}/recommendations").ShouldBe(HttpStatusCode.Unauthorized);
    }
}
