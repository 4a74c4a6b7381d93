using System.Net;
using System.Net.Http.Json;
using System.Text;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Foundation;

/// <summary>
/// Bulk calls as a CRM makes them: an <c>Idempotency-Key</c> belongs to its caller and is claimed before anything is
/// written, so a duplicate never writes twice; bad bodies are refused at the record that is bad, while they stream in.
/// </summary>
public sealed class BulkRequestsTests : ApiTest
{
    private string customer = "";

    [SetUp]
    public async Task Organization()
    {
        customer = await World.OrganizationAsync("customer", "Them");
    }

    private HttpRequestMessage Chart(string key, params string[] names) => new(HttpMethod.Post, $"/api/organizations/{customer}/org-chart")
    {
        Content = JsonContent.Create(new { mode = "merge", people = names.Select(n => new { id = $"{customer}-{n}", name = n }) }),
        Headers = { { "Idempotency-Key", key } },
    };

    private async Task<long> HeadcountAsync() =>
        (await Client.GetAsync($"/api/organizations/{customer}/people?pageSize=1").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK)).Total;

    [Test]
    public async Task One_callers_idempotency_key_neither_blocks_nor_replays_anothers()
    {
        var key = NewId("idem");
        using var first = await ClientAsAsync("integration");
        using var second = await ClientAsAsync("integration");

        var mine = await first.SendAsync(Chart(key, "ann")).ShouldBe(HttpStatusCode.OK);
        // Another caller with the same key and another body: its own request, not a 422.
        var theirs = await second.SendAsync(Chart(key, "bob")).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(theirs.Results[0].Id, Is.EqualTo($"{customer}-bob"));
        // Each replays only its own answer.
        using var replay = await first.SendAsync(Chart(key, "ann"));
        Assert.That(replay.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That((await replay.ShouldBe(HttpStatusCode.OK)).ToJsonString(), Is.EqualTo(mine.ToJsonString()));
        await first.SendAsync(Chart(key, "bob")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        Assert.That(await HeadcountAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_first_requests_with_one_key_write_once()
    {
        var key = NewId("idem");
        using var client = await ClientAsAsync("integration");
        // Eight at once, each creating one person more than the last: a second write would add people.
        var sends = Enumerable.Range(0, 8).Select(_ => client.SendAsync(Chart(key, "ann", "bob", "cid"))).ToList();
        var answers = await Task.WhenAll(sends);

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        var written = answers.Where(a => a.StatusCode == HttpStatusCode.OK && !a.Headers.Contains("Idempotent-Replayed")).ToList();
        Assert.That(written, Has.Count.EqualTo(1), "exactly one request wrote; the others replayed or were told to retry");
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
            await conflict.ShouldBeProblem(HttpStatusCode.Conflict, "Idempotency-Key");
        var created = (await written[0].ShouldBe<OrgChartResponse>(HttpStatusCode.OK)).Created;
        Assert.That(created, Is.EqualTo(3));
        // Sent again once they are all done: the stored answer.
        using var again = await client.SendAsync(Chart(key, "ann", "bob", "cid"));
        Assert.That(again.Headers.Contains("Idempotent-Replayed"), Is.True);
        Assert.That(await HeadcountAsync(), Is.EqualTo(3));
    }

    [TestCase("[null]", "[0]")]
    [TestCase("[{\"ourPersonId\":\"a\",\"theirPersonId\":\"b\"}, 7]", "[1]")]
    [TestCase("[{\"ourPersonId\":\"a\",\"theirPersonId\":\"b\"}, \"x\"]", "[1]")]
    [TestCase("[{\"ourPersonId\":\"a\",\"theirPersonId\":\"b\"}, [1]]", "[1]")]
    [TestCase("[{\"ourPersonId\":\"a\",\"strength\":\"strong\"}]", "[0].strength")]
    [TestCase("{\"ourPersonId\":\"a\"}", "body")]
    [TestCase("null", "body")]
    [TestCase("", "body")]
    [TestCase("[{\"ourPersonId\":\"a\"}", "[1]")]
    [TestCase("[] []", "body")]
    public async Task A_bad_relationship_batch_is_a_400_naming_the_record(string body, string field)
    {
        await SendRawAsync(HttpMethod.Post, "/api/relationships/batch", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [TestCase("{\"people\":[null]}", "people[0]")]
    [TestCase("{\"people\":[{\"id\":\"a\",\"name\":\"A\"}, 3]}", "people[1]")]
    [TestCase("{\"people\":{\"id\":\"a\"}}", "people")]
    [TestCase("{\"mode\":\"merge\"}", "people")]
    [TestCase("{\"people\":null}", "people")]
    [TestCase("{\"mode\":7,\"people\":[]}", "mode")]
    [TestCase("[]", "body")]
    [TestCase("{\"people\":[{\"id\":\"a\",\"name\":\"A\",\"dottedManagerIds\":\"b\"}]}", "people[0].dottedManagerIds")]
    public async Task A_bad_org_chart_is_a_400_naming_the_record_and_writes_nothing(string body, string field)
    {
        await SendRawAsync(HttpMethod.Post, $"/api/organizations/{customer}/org-chart", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);
        Assert.That(await HeadcountAsync(), Is.Zero);
    }

    [Test]
    public async Task Too_many_records_are_refused_at_the_first_one_too_many_before_the_rest_is_read()
    {
        // 10,000 records, one more, and then a body that is not even JSON: the answer names the record too many, so the
        // reading stopped there.
        var body = new StringBuilder("[");
        for (var i = 0; i <= 10_000; i++) body.Append("{\"ourPersonId\":\"a\",\"theirPersonId\":\"b").Append(i).Append("\"},");
        body.Append("this is where the body stops being JSON");
        await SendRawAsync(HttpMethod.Post, "/api/relationships/batch", body.ToString()).ShouldBeProblem(HttpStatusCode.BadRequest, "[10000]");

        var csv = new StringBuilder("id,name\n");
        for (var i = 0; i <= 10_000; i++) csv.Append($"p{i},P {i}\n");
        await SendRawAsync(HttpMethod.Post, $"/api/organizations/{customer}/org-chart", csv.ToString(), "text/csv")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "people[10000]");
        Assert.That(await HeadcountAsync(), Is.Zero);
    }
}
