using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

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
    private async Task<(HttpClient Ava, HttpClient Sam)> PursuitAsync()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava");
        await World.OursAsync("Sam");
        await World.OursAsync("Bo");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Eve");
        await World.TeamAsync("Ava");
        await World.TeamAsync("Sam");
        await World.KnowsAsync("Ava", "Dana", 0.6);
        await PutAsync("/api/relationships", new { ourPersonId = World.Id("Bo"), theirPersonId = World.Id("Eve"), visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await World.MemberAsync("Dana", ["decider"]);
        await World.MemberAsync("Eve", ["influencer"]);
        return (await ClientAsAsync("seller", World.Id("Ava")), await ClientAsAsync("seller", World.Id("Sam")));
    }

    private async Task<JsonNode> RecommendationsAsync(HttpClient client) =>
        await client.GetAsync($"/api/opportunities/{World.Deal}/recommendations").ShouldBe(HttpStatusCode.OK);

    /// <summary>Reads twice (the second from the cache), checks both are the same, and answers the second.</summary>
    private async Task<JsonNode> CachedAsync(HttpClient client)
    {
        var first = await RecommendationsAsync(client);
        var second = await RecommendationsAsync(client);
        Assert.That(second.ToJsonString(), Is.EqualTo(first.ToJsonString()));
        return second;
    }

    private JsonNode? Target(JsonNode answer, string name) =>
        answer["targets"]!.AsArray().SingleOrDefault(t => t!["person"]!["id"]!.GetValue<string>() == World.Id(name));

    [Test]
    public async Task Every_write_that_changes_an_answer_shows_on_the_next_read()
    {
        var (ava, sam) = await PursuitAsync();
        using var lookups = new CacheLookups(App);

        var before = await CachedAsync(sam);
        Assert.That(lookups.Hits, Is.GreaterThan(0), "the second read is answered from the cache");
        Assert.That(Target(before, "Dana")!["coverage"]!.GetValue<double>(), Is.EqualTo(0.6));

        // A relationship's strength.
        await World.KnowsAsync("Ava", "Dana", 0.8);
        var stronger = await CachedAsync(sam);
        Assert.That(Target(stronger, "Dana")!["coverage"]!.GetValue<double>(), Is.EqualTo(0.8));

        // An interaction teaches Bo's relationship to Eve a learned strength.
        Assert.That(Target(stronger, "Eve")!["coverage"]!.GetValue<double>(), Is.Zero);
        await PostAsync("/api/interactions", new
        {
            id = NewId("meeting"), at = App.Clock.GetUtcNow().AddDays(-1), kind = "meeting",
            participantIds = new[] { World.Id("Bo"), World.Id("Eve") },
        }).ShouldBe(HttpStatusCode.Created);
        var learned = await CachedAsync(sam);
        Assert.That(Target(learned, "Eve")!["coverage"]!.GetValue<double>(), Is.GreaterThan(0));

        // A buying-center change.
        await World.MemberAsync("Dana", ["decider"], attitude: "champion");
        var champion = await CachedAsync(sam);
        Assert.That(Target(champion, "Dana")!["attitude"]!.GetValue<string>(), Is.EqualTo("champion"));

        // Its owner makes the relationship private: Sam no longer sees it in detail, only as an introduction.
        await ava.PutAsJsonAsync("/api/relationships", new { ourPersonId = World.Id("Ava"), theirPersonId = World.Id("Dana"), visibility = "private" })
            .ShouldBe(HttpStatusCode.OK);
        var hidden = await CachedAsync(sam);
        var hop = Target(hidden, "Dana")!["paths"]![0]!["hops"]![0]!;
        Assert.That(hop["type"]!.GetValue<string>(), Is.EqualTo("introduction"));
        Assert.That(hop["trust"]!.GetValue<double>(), Is.EqualTo(0.4), "the fixed trust of an introduction, not the strength");
        // Ava, the owner, still sees it in detail.
        Assert.That(Target(await CachedAsync(ava), "Dana")!["coverage"]!.GetValue<double>(), Is.EqualTo(0.8));

        // A do-not-contact mark: Dana is no longer there.
        await PutAsync($"/api/people/{World.Id("Dana")}", new { name = "Dana", organizationId = World.Customer, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        var marked = await CachedAsync(sam);
        Assert.That(Target(marked, "Dana"), Is.Null);
        Assert.That(marked.ToJsonString(), Does.Not.Contain(World.Id("Dana")));
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
        Assert.That(Target(await CachedAsync(sam), "Dana")!["coverage"]!.GetValue<double>(), Is.EqualTo(0.6));
        Assert.That(Target(await CachedAsync(samThere), "Dana")!["coverage"]!.GetValue<double>(), Is.EqualTo(0.6));

        // Written on the other instance, read here; and the other way round.
        await otherAdmin.PutAsJsonAsync("/api/relationships", new { ourPersonId = World.Id("Ava"), theirPersonId = World.Id("Dana"), strength = 0.9 })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Target(await CachedAsync(sam), "Dana")!["coverage"]!.GetValue<double>(), Is.EqualTo(0.9));

        await World.MemberAsync("Eve", ["influencer"], attitude: "opponent");
        Assert.That(Target(await CachedAsync(samThere), "Eve")!["attitude"]!.GetValue<string>(), Is.EqualTo("opponent"));

        await otherAdmin.PutAsJsonAsync($"/api/people/{World.Id("Eve")}", new { name = "Eve", organizationId = World.Customer, doNotContact = true })
            .ShouldBe(HttpStatusCode.OK);
        Assert.That(Target(await CachedAsync(sam), "Eve"), Is.Null);

        var map = await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        await otherAdmin.DeleteAsync($"/api/opportunities/{World.Deal}/buying-center/{World.Id("Dana")}")
            .ShouldBe(HttpStatusCode.NoContent);
        var after = await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        Assert.That(map["members"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(after["members"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Every_read_is_audited_whether_cached_or_not()
    {
        await PursuitAsync();
        var key = await Keys.CreateAsync("seller", World.Id("Sam"));
        using var sam = Keys.ClientFor(key.Secret);
        using var lookups = new CacheLookups(App);

        await CachedAsync(sam);
        await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        await sam.GetAsync($"/api/opportunities/{World.Deal}/power-map").ShouldBe(HttpStatusCode.OK);
        Assert.That(lookups.Hits, Is.GreaterThanOrEqualTo(2));

        var audit = await Client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString(key.Name)}").ShouldBe(HttpStatusCode.OK);
        var entries = audit["items"]!.AsArray();
        var shown = $"{World.Id("Ava")}|{World.Id("Dana")}";
        Assert.Multiple(() =>
        {
            Assert.That(entries.Count(e => e!["endpoint"]!.GetValue<string>() == "/api/opportunities/{id}/recommendations"), Is.EqualTo(2));
            Assert.That(entries.Count(e => e!["endpoint"]!.GetValue<string>() == "/api/opportunities/{id}/power-map"), Is.EqualTo(2));
            Assert.That(entries.Select(e => e!["relationships"]!.AsArray().Select(r => r!.GetValue<string>()).ToList()),
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
            Assert.That(cached.ToJsonString(), Is.EqualTo(plain.ToJsonString()));
            Assert.That(cachedFirst.ToJsonString(), Is.EqualTo(plain.ToJsonString()));
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
        Assert.That(asSam.ToJsonString(), Is.Not.EqualTo(asAva.ToJsonString()));
        Assert.That((await RecommendationsAsync(samThere)).ToJsonString(), Is.EqualTo(asSam.ToJsonString()));
        Assert.That((await RecommendationsAsync(avaThere)).ToJsonString(), Is.EqualTo(asAva.ToJsonString()));
    }

    [Test]
    public async Task The_next_minute_is_a_new_answer_computed_at_its_start()
    {
        var (_, sam) = await PursuitAsync();
        using var lookups = new CacheLookups(App);
        await CachedAsync(sam);
        var misses = lookups.Misses;
        App.Clock.Advance(TimeSpan.FromSeconds(61));
        await CachedAsync(sam);
        Assert.That(lookups.Misses, Is.EqualTo(misses + 1), "a new minute is a new key");
    }

    /// <summary>This service's answer-cache lookups, counted from now on.</summary>
    private sealed class CacheLookups : IDisposable
    {
        private readonly MeterListener listener = new();
        private long hits;
        private long misses;

        public CacheLookups(RelIntelApp app)
        {
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "relintel.answer_cache.lookups" && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "result") Interlocked.Add(ref (Equals(tag.Value, "hit") ? ref hits : ref misses), value);
            });
            listener.Start();
        }

        public long Hits => Interlocked.Read(ref hits);

        public long Misses => Interlocked.Read(ref misses);

        public void Dispose() => listener.Dispose();
    }
}
