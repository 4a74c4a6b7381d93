using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Features.Organizations;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Operations;

/// <summary>
/// No ambiguous 503: each request to Neo4j has its own time limit, a 503 says whether anything was written, and a bulk
/// call whose commit got no answer — Neo4j committed, the answer was lost on the wire — answers what was committed when it
/// is sent again with the same Idempotency-Key; a commit Neo4j failed to answer is settled by its mark on the graph
/// version: committed, it answers; not committed, it runs again. Faults are made on the wire to the real test Neo4j
/// (<see cref="WireFaults"/>).
/// </summary>
public sealed class CommitOutcomeTests : ApiTest
{
    private readonly WireFaults wire = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Neo4j:QueryTimeout"] = "00:00:02",
    };

    protected override void ConfigureServices(IServiceCollection services) => wire.AddTo(services);

    [TearDown]
    public void Heal() => wire.Heal();

    private static object Chart(params string[] ids) => new { mode = "merge", people = ids.Select(id => new { id, name = $"Person {id}" }).ToArray() };

    private async Task<HttpResponseMessage> ImportAsync(string organization, object chart, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/organizations/{organization}/org-chart") { Content = JsonContent.Create(chart) };
        request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }

    private async Task<long> PeopleOfAsync(string organization) =>
        (await Client.GetAsync($"/api/organizations/{organization}/people").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK)).Total;

    [Test]
    public async Task A_bulk_call_whose_commit_answer_was_lost_answers_what_was_committed_when_sent_again_with_its_key()
    {
        var organization = await World.OrganizationAsync("customer", "Answer lost on the wire");
        var chart = Chart(NewId("p"), NewId("p"), NewId("p"));
        var key = NewId("key");

        wire.LoseNextAnswer(WireFaults.Commit);
        var lost = await (await ImportAsync(organization, chart, key)).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        Assert.That(lost["written"]!.GetValue<string>(), Is.EqualTo("unknown"));
        Assert.That(lost["detail"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));
        Assert.That(await PeopleOfAsync(organization), Is.EqualTo(3), "Neo4j committed");

        var again = await ImportAsync(organization, chart, key);
        var answer = await again.ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(again.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        // The committed answer: the people were created by the first request (a second run would say updated).
        Assert.That(answer.Created, Is.EqualTo(3));
        Assert.That(answer.Updated, Is.Zero);
        Assert.That(await PeopleOfAsync(organization), Is.EqualTo(3));
    }

    /// <summary>
    /// Neo4j answers a commit with "Request body invalid." when it fails while writing the commit's answer: not the
    /// caller's bad input, and not lost either, since the commit's mark on the graph version says whether it committed.
    /// </summary>
    [Test]
    public async Task A_bulk_call_whose_commit_neo4j_failed_to_answer_answers_what_it_committed()
    {
        var organization = await World.OrganizationAsync("customer", "Failed commit answer");
        var chart = Chart(NewId("p"), NewId("p"), NewId("p"));

        wire.FailNextAnswer(WireFaults.Commit);
        var answer = await (await ImportAsync(organization, chart, NewId("key"))).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Created, Is.EqualTo(3));
        Assert.That(await PeopleOfAsync(organization), Is.EqualTo(3));
    }

    [Test]
    public async Task A_bulk_call_whose_commit_failed_in_neo4j_without_committing_runs_again()
    {
        var organization = await World.OrganizationAsync("customer", "Failed commit");
        var chart = Chart(NewId("p"), NewId("p"));

        wire.FailNextAnswerWithoutRunning(WireFaults.Commit);
        var answer = await (await ImportAsync(organization, chart, NewId("key"))).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Created, Is.EqualTo(2), "the second run created them: the first left nothing");
        Assert.That(await PeopleOfAsync(organization), Is.EqualTo(2));
    }

    [Test]
    public async Task A_bulk_call_whose_commit_never_arrived_runs_when_sent_again_with_its_key()
    {
        var organization = await World.OrganizationAsync("customer", "Dropped commit");
        var chart = Chart(NewId("p"), NewId("p"));
        var key = NewId("key");

        wire.DropNext(WireFaults.Commit);
        var dropped = await (await ImportAsync(organization, chart, key)).ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        Assert.That(dropped["written"]!.GetValue<string>(), Is.EqualTo("unknown"));
        Assert.That(await PeopleOfAsync(organization), Is.Zero, "rolled back: the commit never arrived");

        var again = await ImportAsync(organization, chart, key);
        var answer = await again.ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(again.Headers.Contains("Idempotent-Replayed"), Is.False, "nothing was committed to replay: it ran");
        Assert.That(answer.Created, Is.EqualTo(2));
        Assert.That(await PeopleOfAsync(organization), Is.EqualTo(2));
    }

    [Test]
    public async Task A_read_whose_answer_neo4j_failed_to_write_is_asked_again()
    {
        var organization = await World.OrganizationAsync("customer", "Failed read answer");
        wire.FailNextAnswer(r => r.Method == HttpMethod.Post);
        var answer = await Client.GetAsync($"/api/organizations/{organization}").ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(answer.Id, Is.EqualTo(organization));
    }

    [Test]
    public async Task Each_request_to_neo4j_has_its_own_time_limit_not_the_whole_transaction()
    {
        var organization = await World.OrganizationAsync("customer", "Slow wire");
        // Each request 0.9 s late: the transaction's four (two statements, the stored answer, the commit) take 3.6 s, more
        // than the 2-second limit of one request.
        wire.Delay(r => r.RequestUri!.AbsolutePath.Contains("/tx", StringComparison.Ordinal), TimeSpan.FromSeconds(0.9));
        var answer = await (await ImportAsync(organization, Chart(NewId("p")), NewId("key"))).ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Created, Is.EqualTo(1));
    }

    [Test]
    public async Task A_read_that_gets_no_answer_is_a_503_that_says_nothing_was_written()
    {
        var organization = await World.OrganizationAsync("customer", "Silent read");
        wire.DropNext(r => r.Method == HttpMethod.Post);
        var problem = await Client.GetAsync($"/api/organizations/{organization}").ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        Assert.That(problem["written"]!.GetValue<string>(), Is.EqualTo("no"));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Nothing was written"));
    }
}
