using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.Introductions;
using RelIntel.Api.Infrastructure;
using RelIntel.Tests.Reports;

namespace RelIntel.Tests.Introductions;

/// <summary>
/// Introduction events reach the configured webhook through the shared outbox: each of requested, accepted, declined,
/// expired and met, signed with the configured secret, rendered through today's charter when sent, delivered once each
/// even when two instances look at the outbox at once, and retried while the receiver fails. Reads never write: an
/// expired request reads as expired, and the background sweep stores it, audits it and tells of it.
/// </summary>
public sealed class IntroductionEventsTests : ApiTest
{
    private const string Secret = "a-test-secret-of-some-length";
    private static readonly string ReceiverUrl = WebhookReceiver.UnusedUrl();
    private WebhookReceiver receiver = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:IntroductionsUrl"] = ReceiverUrl,
        ["Webhooks:SigningSecret"] = Secret,
        ["Webhooks:RetryDelay"] = "00:00:00.010",
        ["Webhooks:Timeout"] = "00:00:05",
    };

    [OneTimeSetUp]
    public async Task StartReceiver() => receiver = await WebhookReceiver.StartAsync(failFirst: 0, url: ReceiverUrl);

    [OneTimeTearDown]
    public async Task StopReceiver() => await receiver.DisposeAsync();

    private Task<Introductions> ScenarioAsync() => Introductions.StartAsync(World, Keys);

    private Outbox Outbox => App.Services.GetRequiredService<Outbox>();

    private Task<int> SweepAsync() =>
        App.Services.GetServices<IBackgroundSweep>().OfType<IntroductionSweep>().Single().SweepAsync(App.Clock.GetUtcNow(), CancellationToken.None);

    /// <summary>The posts about one introduction request, with their events as sent.</summary>
    private List<(WebhookReceiver.Post Post, IntroductionEvent Event)> PostsAbout(string introductionId) =>
        receiver.Posts.Where(p => p.Headers.TryGetValue("X-RelIntel-Introduction-Id", out var id) && id == introductionId)
            .Select(p => (p, JsonNode.Parse(p.Body)!.Read<IntroductionEvent>())).ToList();

    private static string Signed(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

    [Test]
    public async Task Each_event_reaches_the_webhook_once_signed_and_named_as_the_charter_lets_it_be_seen_when_sent()
    {
        var s = await ScenarioAsync();
        foreach (var name in new[] { "Noa", "Kai" })
        {
            await s.World.TheirsAsync(name);
            await s.World.KnowsAsync("Victor", name, 0.9, visibility: "private");
        }
        var toLee = await s.RequestAsync(note: "Lee decides on the plant budget.");
        await s.AcceptAsync(toLee.Id, "relationship");
        var toNoa = await s.RequestAsync("Noa");
        await s.StepAsync(s.Victor, toNoa.Id, "decline", new { reason = "Noa is on leave until spring." }).ShouldBe(HttpStatusCode.OK);
        var toKai = await s.RequestAsync("Kai");
        App.Clock.Advance(TimeSpan.FromDays(15));
        await s.Ava.PostAsJsonAsync("/api/interactions", new
        {
            id = $"meet-{toLee.Id}", at = App.Clock.GetUtcNow().AddHours(-1), kind = "meeting", participantIds = new[] { s.Id("Ava"), s.Id("Lee") },
        }).ShouldBe(HttpStatusCode.Created);
        // Kai is marked do-not-contact before the events leave: they leave without naming Kai.
        await s.World.DoNotContactAsync("Kai");

        Assert.That(await SweepAsync(), Is.GreaterThanOrEqualTo(2), "Kai's request expired, Lee's was met");
        await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow());

        var lee = PostsAbout(toLee.Id);
        var noa = PostsAbout(toNoa.Id);
        var kai = PostsAbout(toKai.Id);
        Assert.Multiple(() =>
        {
            Assert.That(lee.Select(p => p.Event.Event), Is.EquivalentTo(new[] { "introduction.requested", "introduction.accepted", "introduction.met" }));
            Assert.That(noa.Select(p => p.Event.Event), Is.EquivalentTo(new[] { "introduction.requested", "introduction.declined" }));
            Assert.That(kai.Select(p => p.Event.Event), Is.EquivalentTo(new[] { "introduction.requested", "introduction.expired" }));
            foreach (var (post, sent) in lee.Concat(noa).Concat(kai))
            {
                Assert.That(post.Headers[WebhookSender.SignatureHeader], Is.EqualTo(Signed(post.Body)), "signed with the secret");
                Assert.That(post.Event, Is.EqualTo(sent.Event));
                Assert.That(post.DeliveryId, Is.EqualTo(sent.DeliveryId));
                Assert.That(post.Body, Does.Not.Contain("plant budget").And.Not.Contain("on leave"), "never the note or the reason");
            }
            Assert.That(lee.Concat(noa).Concat(kai).Select(p => p.Post.DeliveryId), Is.Unique, "each event once");
            // Rendered when sent: the request as it stands then, under today's charter.
            Assert.That(lee.Select(p => p.Event.Introduction.State), Is.All.EqualTo(IntroductionState.Met));
            Assert.That(lee[0].Event.Introduction.Share, Is.EqualTo(IntroductionShare.Relationship));
            Assert.That(lee[0].Event.Introduction.Requester!.Id, Is.EqualTo(s.Id("Ava")));
            Assert.That(lee[0].Event.Introduction.Target!.Name, Is.EqualTo("Lee"));
            Assert.That(kai.Select(p => p.Event.Introduction.State), Is.All.EqualTo(IntroductionState.Expired));
            Assert.That(kai.Select(p => p.Event.Introduction.Target), Is.All.Null, "a do-not-contact target is not named");
            Assert.That(kai.Select(p => p.Post.Body), Has.None.Contains("Kai"));
        });

        var sends = await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString(IntroductionEvents.Actor)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.That(sends.Items.Count(e => e.Path == $"/api/introductions/{toLee.Id}"), Is.EqualTo(3),
            "every sending is audited as a read of the request");
    }

    [Test]
    public async Task Reading_an_expired_request_writes_nothing_and_the_sweep_stores_audits_and_tells_of_the_expiry()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();
        await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow());
        App.Clock.Advance(TimeSpan.FromDays(14));

        Assert.That((await s.GetAsync(s.Ava, asked.Id)).State, Is.EqualTo(IntroductionState.Expired));
        Assert.That((await s.ListAsync(s.Victor, "introducer")).Single(i => i.Id == asked.Id).ClosedAt, Is.EqualTo(asked.ExpiresAt));
        await Client.GetAsync("/api/introductions/stats").ShouldBe(HttpStatusCode.OK);
        Assert.That(await StoredStateAsync(asked.Id), Is.EqualTo("requested"), "the reads stored nothing");
        Assert.That(PostsAbout(asked.Id).Select(p => p.Event.Event), Is.EqualTo(new[] { "introduction.requested" }));

        await SweepAsync();
        await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow());

        Assert.That(await StoredStateAsync(asked.Id), Is.EqualTo("expired"));
        Assert.That(PostsAbout(asked.Id).Select(p => p.Event.Event), Is.EqualTo(new[] { "introduction.requested", "introduction.expired" }));
        var audit = await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString(IntroductionSweep.Actor)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        var expiry = audit.Items.Single(e => e.Path == $"/api/introductions/{asked.Id}");
        Assert.That(expiry.Relationships, Is.EqualTo(new[] { $"{s.Id("Victor")}|{s.Id("Lee")}" }));
        await SweepAsync();
        Assert.That(PostsAbout(asked.Id), Has.Count.EqualTo(2), "a second sweep tells of nothing again");
    }

    [Test]
    public async Task A_step_on_a_request_past_its_expiry_is_refused_naming_the_state_and_the_expiry_is_told_of()
    {
        var s = await ScenarioAsync();
        var asked = await s.RequestAsync();
        App.Clock.Advance(TimeSpan.FromDays(14).Add(TimeSpan.FromHours(1)));

        var late = await s.StepAsync(s.Victor, asked.Id, "accept", new { share = "route" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "state");
        Assert.That(late["detail"]!.GetValue<string>(), Does.Contain("expired"));
        Assert.That(await StoredStateAsync(asked.Id), Is.EqualTo("expired"), "stored before the step was judged");
        await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow());
        Assert.That(PostsAbout(asked.Id).Select(p => p.Event.Event), Is.EquivalentTo(new[] { "introduction.requested", "introduction.expired" }));
    }

    [Test]
    public async Task Two_instances_sharing_one_neo4j_deliver_each_event_once()
    {
        var s = await ScenarioAsync();
        await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow());
        var asked = await s.RequestAsync();
        await s.AcceptAsync(asked.Id, "strength");
        await using var first = new RelIntelApp(TestNeo4j.Uri, Settings);
        await using var second = new RelIntelApp(TestNeo4j.Uri, Settings);
        var now = App.Clock.GetUtcNow();
        first.Clock.SetUtcNow(now);
        second.Clock.SetUtcNow(now);

        var sent = await Task.WhenAll(
            first.Services.GetRequiredService<Outbox>().DeliverPendingAsync(now),
            second.Services.GetRequiredService<Outbox>().DeliverPendingAsync(now));

        var posts = PostsAbout(asked.Id);
        Assert.That(posts.Select(p => p.Event.Event), Is.EquivalentTo(new[] { "introduction.requested", "introduction.accepted" }));
        Assert.That(posts.Select(p => p.Post.DeliveryId), Is.Unique, "once each, whichever instance sent it");
        Assert.That(sent.Sum(), Is.GreaterThanOrEqualTo(2));
        Assert.That(await first.Services.GetRequiredService<Outbox>().DeliverPendingAsync(now.AddHours(1)), Is.Zero, "nothing left pending");
    }

    [Test]
    public async Task A_failing_receiver_is_retried_until_it_answers()
    {
        var s = await ScenarioAsync();
        await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow());
        var asked = await s.RequestAsync();
        receiver.FailNext(6);
        var now = App.Clock.GetUtcNow();

        // The first attempt and three retries fail: still pending, tried again once the lease has passed.
        await Outbox.DeliverPendingAsync(now);
        Assert.That(PostsAbout(asked.Id), Has.Count.EqualTo(4));
        Assert.That(await Outbox.DeliverPendingAsync(now.AddMinutes(1)), Is.Zero, "not before the next round is due");
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That(await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow()), Is.EqualTo(1));

        var posts = PostsAbout(asked.Id);
        Assert.That(posts, Has.Count.EqualTo(7), "two more failures, then delivered");
        Assert.That(posts.Select(p => p.Post.DeliveryId).Distinct().Count(), Is.EqualTo(1), "every repeat carries the same delivery id");
        Assert.That(posts.Select(p => p.Post.Headers[WebhookSender.SignatureHeader] == Signed(p.Post.Body)), Is.All.True);
        Assert.That(await Outbox.DeliverPendingAsync(App.Clock.GetUtcNow().AddHours(1)), Is.Zero, "delivered: nothing pending");
    }

    private static async Task<string> StoredStateAsync(string id)
    {
        using var graph = TestNeo4j.Graph();
        return (await graph.ReadAsync(new RelIntel.Neo4j.CypherQuery("test/introduction-state",
            "MATCH (x:Introduction {id: $id}) RETURN x.state AS state"), new { id })).Scalar<string>("state")!;
    }
}
