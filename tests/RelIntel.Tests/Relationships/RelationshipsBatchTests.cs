using System.Net;
using System.Net.Http.Json;
using System.Text;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Relationships;

public sealed class RelationshipsBatchTests : ApiTest
{

    private async Task<(string Ours1, string Ours2, string Theirs1, string Theirs2)> TwoByTwoAsync()
    {
        var own = await World.OrganizationAsync("own");
        var customer = await World.OrganizationAsync("customer");
        return (await World.PersonAsync(own, "Ava"), await World.PersonAsync(own, "Sol"),
            await World.PersonAsync(customer, "Dana"), await World.PersonAsync(customer, "Wei"));
    }

    private static List<T> Shuffled<T>(IEnumerable<T> items, Random random) => items.OrderBy(_ => random.Next()).ToList();

    private Task<Paged<RelationshipResponse>> RelationshipsOfAsync(string person) =>
        Client.GetAsync($"/api/people/{person}/relationships").ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);

    [Test]
    public async Task A_batch_stores_the_good_records_answers_each_in_order_and_a_resend_changes_nothing()
    {
        var (ava, sol, dana, wei) = await TwoByTwoAsync();
        var batch = new object[]
        {
            new { ourPersonId = ava, theirPersonId = dana, strength = 0.7, visibility = "company" },
            new { ourPersonId = sol, theirPersonId = wei, strength = 0.8 },
            new { ourPersonId = dana, theirPersonId = wei },
            new { ourPersonId = ava, theirPersonId = NewId("nobody") },
            new { ourPersonId = sol, theirPersonId = dana, strength = 3.0 },
        };

        var answer = await PostAsync("/api/relationships/batch", batch).ShouldBe<RelationshipBatchResponse>(HttpStatusCode.MultiStatus);
        var results = answer.Results;
        var (created, failed) = (RecordStatus.Created, RecordStatus.Failed);
        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { created, created, failed, failed, failed }));
        Assert.That(results[2].Errors!.Keys, Does.Contain("ourPersonId"), "a customer person is not one of ours");
        Assert.That(results[3].Errors!.Keys, Does.Contain("theirPersonId"));
        Assert.That(results[4].Errors!.Keys, Does.Contain("strength"));

        var known = await RelationshipsOfAsync(dana);
        Assert.That(known.Items.Select(r => r.OurPerson.Id), Is.EqualTo(new[] { ava }));
        Assert.That(known.Items[0].Strength.Value, Is.EqualTo(0.7));

        var good = batch.Take(2).ToArray();
        var again = await PostAsync("/api/relationships/batch", good).ShouldBe<RelationshipBatchResponse>(HttpStatusCode.OK);
        Assert.That(again.Updated, Is.EqualTo(2));
        Assert.That((await RelationshipsOfAsync(dana)).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task A_batch_naming_one_pair_twice_stores_it_once_and_the_later_row_wins()
    {
        var (ava, _, dana, _) = await TwoByTwoAsync();
        var answer = await PostAsync("/api/relationships/batch", new object[]
        {
            new { ourPersonId = ava, theirPersonId = dana, strength = 0.5 },
            new { ourPersonId = ava, theirPersonId = dana, strength = 0.9 },
        }).ShouldBe<RelationshipBatchResponse>(HttpStatusCode.OK);

        Assert.That(answer.Results.Select(r => r.Status), Is.EqualTo(new[] { RecordStatus.Created, RecordStatus.Updated }));
        var known = await RelationshipsOfAsync(dana);
        Assert.That(known.Items.Select(r => r.OurPerson.Id), Is.EqualTo(new[] { ava }));
        Assert.That(known.Items[0].Strength.Value, Is.EqualTo(0.9));
    }

    [Test]
    public async Task Concurrent_batches_that_share_our_people_and_pairs_all_land_and_store_each_pair_once()
    {
        var own = await World.OrganizationAsync("own");
        var customer = await World.OrganizationAsync("customer");
        var ours = new List<string>();
        for (var i = 0; i < 4; i++) ours.Add(await World.PersonAsync(own, $"Seller {i}"));
        var theirs = new List<string>();
        for (var i = 0; i < 10; i++) theirs.Add(await World.PersonAsync(customer, $"Buyer {i}"));
        var pairs = ours.SelectMany(o => theirs.Select(t => new { ourPersonId = o, theirPersonId = t })).ToList();

        // Every batch names every pair, each in an order of its own, so the batches race for the same new relationships.
        var batches = Enumerable.Range(0, 6).Select(seed => Shuffled(pairs, new Random(seed))).ToList();
        var answers = await Task.WhenAll(batches.Select(batch =>
            PostAsync("/api/relationships/batch", batch).ShouldBe<RelationshipBatchResponse>(HttpStatusCode.OK)));

        Assert.That(answers.Sum(a => a.Created), Is.EqualTo(pairs.Count), "each pair is created by exactly one batch");
        Assert.That(answers.Sum(a => a.Updated), Is.EqualTo(pairs.Count * (batches.Count - 1)));
        foreach (var buyer in theirs)
        {
            var known = await RelationshipsOfAsync(buyer);
            Assert.That(known.Items.Select(r => r.OurPerson.Id), Is.EquivalentTo(ours), $"{buyer} is known once by each of ours");
        }
    }

    [Test]
    public async Task A_csv_batch_imports_and_names_bad_fields_per_record()
    {
        var (ava, sol, dana, wei) = await TwoByTwoAsync();
        var csv = new StringBuilder()
            .AppendLine("ourPersonId,theirPersonId,strength,since,source,ownerId,visibility")
            .AppendLine($"{ava},{dana},0.6,2024-03-01,crm,,team")
            .AppendLine($"{sol},{wei},,,,{ava},private")
            .AppendLine($"{sol},{dana},high,yesterday,rumour,,")
            .ToString();
        var answer = await SendRawAsync(HttpMethod.Post, "/api/relationships/batch", csv, "text/csv")
            .ShouldBe<RelationshipBatchResponse>(HttpStatusCode.MultiStatus);
        Assert.That(answer.Created, Is.EqualTo(2));
        Assert.That(answer.Results[2].Errors!.Keys, Is.EquivalentTo(new[] { "strength", "since", "source" }));

        var weiKnows = (await RelationshipsOfAsync(wei)).Items[0];
        Assert.That(weiKnows.OwnerId, Is.EqualTo(ava));
        Assert.That(weiKnows.Visibility, Is.EqualTo(Visibility.Private));
    }

    [Test]
    public async Task An_idempotency_key_replays_the_first_answer_and_refuses_another_body()
    {
        var (ava, _, dana, wei) = await TwoByTwoAsync();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Send(object body) => new(HttpMethod.Post, "/api/relationships/batch")
        {
            Content = JsonContent.Create(body),
            Headers = { { "Idempotency-Key", key } },
        };
        var first = await Client.SendAsync(Send(new[] { new { ourPersonId = ava, theirPersonId = dana } })).ShouldBe(HttpStatusCode.OK);
        var second = await Client.SendAsync(Send(new[] { new { ourPersonId = ava, theirPersonId = dana } })).ShouldBe(HttpStatusCode.OK);
        Assert.That(second.ToJsonString(), Is.EqualTo(first.ToJsonString()));
        Assert.That(second.Read<RelationshipBatchResponse>().Created, Is.EqualTo(1), "the replay is the first answer, not a second write");
        await Client.SendAsync(Send(new[] { new { ourPersonId = ava, theirPersonId = wei } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.That((await RelationshipsOfAsync(wei)).Total, Is.Zero);
    }

    [Test]
    public async Task Wrong_shapes_and_sizes_are_refused_whole()
    {
        await SendRawAsync(HttpMethod.Post, "/api/relationships/batch", "{\"ourPersonId\":\"a\"}").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
        await SendRawAsync(HttpMethod.Post, "/api/relationships/batch", "a;b", "text/plain").ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        await SendRawAsync(HttpMethod.Post, "/api/relationships/batch", "[{\"ourPersonId\":\"a\",\"theirPersonId\":\"b\",\"visibility\":\"public\"}]")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "[0].visibility");
        var tooMany = Enumerable.Range(0, 10_001).Select(i => new { ourPersonId = "a", theirPersonId = $"b{i}" }).ToList();
        await PostAsync("/api/relationships/batch", tooMany).ShouldBeProblem(HttpStatusCode.BadRequest, "[10000]");
    }
}
