using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.Organizations;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Operations;

/// <summary>
/// Cluster-ready access: reads go in Neo4j's read access mode, writes in write mode, and the bookmarks Neo4j answers travel
/// with the caller (a response header it sends back, and per caller in each instance), so a read after one's own write
/// waits for that write on whichever instance and cluster member answers. The test Neo4j is one server, where every member
/// is up to date; what the tests show is that the bookmarks reach Neo4j with the statements that must wait for them.
/// </summary>
public sealed class ClusterReadsTests : ApiTest
{
    private readonly CapturedTelemetry telemetry = new();

    protected override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => telemetry.AddTo(services);

    private const string Header = "X-RelIntel-Bookmarks";

    [Test]
    public async Task Neo4j_itself_refuses_a_write_sent_as_a_read()
    {
        using var graph = TestNeo4j.Graph();
        var error = Assert.ThrowsAsync<Neo4jClientException>(() => graph.ReadAsync(new CypherQuery("test/write-as-read",
            "CREATE (:ClusterReadsProbe {id: $id})"), new { id = Guid.NewGuid().ToString("N") }));
        Assert.That(error!.Code, Is.EqualTo("Neo.ClientError.Statement.AccessMode"));
    }

    [Test]
    public async Task A_write_answers_bookmarks_and_another_instance_sent_them_reads_the_write_waiting_for_them()
    {
        var id = NewId("org");
        var written = await PutAsync($"/api/organizations/{id}", new { name = "Written on one", kind = "customer" });
        await written.ShouldBe(HttpStatusCode.Created);
        Assert.That(written.Headers.TryGetValues(Header, out var values), Is.True, "a write answers its bookmarks");
        var bookmarks = string.Join(",", values!);
        Assert.That(bookmarks, Does.StartWith("FB:"));

        var other = new CapturedTelemetry();
        await using var second = new RelIntelApp(TestNeo4j.Uri, services: other.AddTo);
        using var client = second.CreateClient();
        var (traceparent, traceId) = CapturedTelemetry.NewTrace();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{id}");
        read.Headers.Add(Header, bookmarks);
        read.Headers.Add("traceparent", traceparent);
        var answer = await client.SendAsync(read);
        Assert.That((await answer.ShouldBe<OrganizationResponse>(HttpStatusCode.OK)).Name, Is.EqualTo("Written on one"));
        var get = await SpanAsync(other, traceId, "organizations/get");
        Assert.That(get.GetTagItem("relintel.neo4j.access_mode"), Is.EqualTo("read"));
        Assert.That(get.GetTagItem("relintel.neo4j.bookmarks_sent"), Is.EqualTo(1), "the read waited for the caller's bookmark");
    }

    [Test]
    public async Task Without_the_header_an_instance_remembers_its_callers_bookmarks()
    {
        using var seller = await ClientAsAsync("integration");
        var id = NewId("org");
        await seller.PutAsJsonAsync($"/api/organizations/{id}", new { name = "Remembered", kind = "customer" }).ShouldBe(HttpStatusCode.Created);
        var (traceparent, traceId) = CapturedTelemetry.NewTrace();
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{id}");
        read.Headers.Add("traceparent", traceparent);
        await seller.SendAsync(read).ShouldBe(HttpStatusCode.OK);
        var get = await SpanAsync(telemetry, traceId, "organizations/get");
        Assert.That(get.GetTagItem("relintel.neo4j.bookmarks_sent"), Is.EqualTo(1));
    }

    [Test]
    public async Task Bookmarks_that_are_not_ours_are_a_400_naming_the_header()
    {
        foreach (var bad in new[] { "not a bookmark!", string.Join(",", Enumerable.Range(0, 17).Select(i => $"FB:a{i}")), "FB:kcwQgarbage" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organizations");
            request.Headers.TryAddWithoutValidation(Header, bad);
            await Client.SendAsync(request).ShouldBeProblem(HttpStatusCode.BadRequest, Header);
        }
    }

    private static async Task<Activity> SpanAsync(CapturedTelemetry from, ActivityTraceId traceId, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (from.Trace(traceId).FirstOrDefault(s => s.DisplayName == name) is { } span) return span;
            await Task.Delay(20);
        }
        throw new AssertionException($"No span {name} in the trace.");
    }
}
