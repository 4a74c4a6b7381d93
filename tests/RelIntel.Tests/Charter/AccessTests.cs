using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.Interactions;
using RelIntel.Api.Features.Relationships;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Charter;

/// <summary>Every /api call needs a valid API key; roles decide what it may do.</summary>
public sealed class AccessTests : ApiTest
{
    private string ownOrg = null!;
    private string customer = null!;

    [OneTimeSetUp]
    public async Task CreateOrganizations()
    {
        var world = new World(Client);
        ownOrg = await world.OrganizationAsync("own", "Us");
        customer = await world.OrganizationAsync("customer", "Them");
    }

    [Test]
    public async Task No_key_is_a_401_problem_with_a_bearer_challenge()
    {
        using var anonymous = Keys.ClientFor(null);
        var response = await anonymous.GetAsync("/api/organizations");
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [TestCase("not-a-key")]
    [TestCase("ri_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_key_is_a_401_problem(string key)
    {
        using var stranger = Keys.ClientFor(key);
        var response = await stranger.GetAsync("/api/organizations");
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
    }

    [Test]
    public async Task A_key_that_is_not_a_bearer_token_is_a_401()
    {
        using var client = Keys.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organizations");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + RelIntelApp.AdminKey);
        await client.SendAsync(request).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_revoked_key_is_a_401_on_the_very_next_call()
    {
        var key = await Keys.CreateAsync("integration");
        using var client = Keys.ClientFor(key.Secret);
        await client.GetAsync("/api/organizations").ShouldBe(HttpStatusCode.OK);
        await Keys.RevokeAsync(key.Id);
        await client.GetAsync("/api/organizations").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    [TestCase("/openapi/v1.json")]
    [TestCase("/swagger/index.html")]
    public async Task Health_openapi_and_swagger_need_no_key(string path)
    {
        using var anonymous = Keys.ClientFor(null);
        using var response = await anonymous.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_openapi_document_offers_the_bearer_scheme_on_api_operations()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        Assert.That(document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        var operation = document["paths"]!["/api/organizations"]!["get"]!;
        Assert.That(operation["security"]![0]!["Bearer"], Is.Not.Null);
        Assert.That(document["paths"]!["/health/live"]!["get"]!["security"]?.AsArray(), Is.Not.Null.And.Empty, "the probes say they need no key");
    }

    [Test]
    public async Task Keys_are_listed_without_secrets()
    {
        var key = await Keys.CreateAsync("integration");
        var list = await Client.GetAsync("/api/api-keys?pageSize=500").ShouldBe(HttpStatusCode.OK);
        var text = list.ToJsonString();
        Assert.That(text, Does.Contain(key.Id));
        Assert.That(text, Does.Not.Contain(key.Secret));
        Assert.That(text, Does.Not.Contain("hash").And.Not.Contain("secret"));
    }

    [Test]
    public async Task A_key_is_hashed_in_the_graph()
    {
        var key = await Keys.CreateAsync("integration");
        var graph = TestNeo4j.Graph();
        var stored = await graph.ReadAsync(new RelIntel.Neo4j.CypherQuery("test/key",
            "MATCH (k:ApiKey {id: $id}) RETURN k.hash AS hash, [p IN keys(k) WHERE k[p] = $secret] AS plain"), new { id = key.Id, secret = key.Secret });
        Assert.That(stored.Scalar<string>("hash"), Has.Length.EqualTo(64));
        Assert.That(stored.Scalar<List<string>>("plain"), Is.Empty);
    }

    [Test]
    public async Task Seller_and_manager_keys_need_one_of_our_people()
    {
        await Client.PostAsJsonAsync("/api/api-keys", new { name = "no person", role = "seller" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "personId");
        var theirs = await World.PersonAsync(customer);
        await Client.PostAsJsonAsync("/api/api-keys", new { name = "their person", role = "manager", personId = theirs })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "personId");
        await Client.PostAsJsonAsync("/api/api-keys", new { name = "nobody", role = "seller", personId = NewId("p") })
            .ShouldBeProblem(HttpStatusCode.NotFound, "personId");
        await Client.PostAsJsonAsync("/api/api-keys", new { name = "bad role", role = "owner" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "role");
        await Client.PostAsJsonAsync("/api/api-keys", new { name = "", role = "admin" })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
    }

    [Test]
    public async Task Revoking_an_unknown_key_is_a_404() =>
        await Client.DeleteAsync($"/api/api-keys/{NewId("key")}").ShouldBeProblem(HttpStatusCode.NotFound, "id");

    private static IEnumerable<TestCaseData> Forbidden()
    {
        // role, method, path, body
        yield return new TestCaseData("seller", "PUT", "/api/organizations/{customer}", new { name = "X", kind = "customer" });
        yield return new TestCaseData("manager", "DELETE", "/api/people/{ours}", null);
        yield return new TestCaseData("seller", "PUT", "/api/reporting-lines", new { personId = "a", managerId = "b", kind = "solid" });
        yield return new TestCaseData("seller", "GET", "/api/api-keys", null);
        yield return new TestCaseData("integration", "POST", "/api/api-keys", new { name = "x", role = "admin" });
        yield return new TestCaseData("integration", "GET", "/api/charter", null);
        yield return new TestCaseData("manager", "PUT", "/api/charter", new { });
        yield return new TestCaseData("integration", "GET", "/api/audit", null);
        yield return new TestCaseData("seller", "GET", "/api/schema", null);
        yield return new TestCaseData("seller", "PUT", "/api/opportunities/x", new { name = "X", organizationId = "y" });
    }

    [TestCaseSource(nameof(Forbidden))]
    public async Task A_role_without_the_right_is_a_403_problem(string role, string method, string path, object? body)
    {
        var ours = await World.PersonAsync(ownOrg);
        using var client = await ClientAsAsync(role, role is "seller" or "manager" ? ours : null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{customer}", customer).Replace("{ours}", ours))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        await client.SendAsync(request).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Every_role_reads_and_integration_writes_crm_data()
    {
        foreach (var role in new[] { "integration", "seller", "manager" })
        {
            var ours = await World.PersonAsync(ownOrg);
            using var client = await ClientAsAsync(role, role == "integration" ? null : ours);
            await client.GetAsync($"/api/organizations/{customer}").ShouldBe(HttpStatusCode.OK);
        }
        using var integration = await ClientAsAsync("integration");
        await integration.PutAsJsonAsync($"/api/organizations/{NewId("org")}", new { name = "Written", kind = "partner" })
            .ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_seller_writes_their_own_relationships_and_no_one_elses()
    {
        var me = await World.PersonAsync(ownOrg, "Me");
        var colleague = await World.PersonAsync(ownOrg, "Colleague");
        var them = await World.PersonAsync(customer, "Them");
        using var seller = await ClientAsAsync("seller", me);

        await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them, strength = 0.6 })
            .ShouldBe(HttpStatusCode.Created);
        await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = them, strength = 0.6 })
            .ShouldBeProblem(HttpStatusCode.Forbidden, "ourPersonId");

        // The colleague's relationship, owned by the colleague: the seller may not remove it or set its strength.
        await PutAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = them, strength = 0.4, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await seller.DeleteAsync($"/api/relationships?ourPersonId={colleague}&theirPersonId={them}")
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = them, strength = 0.9, ownerId = me })
            .ShouldBeProblem(HttpStatusCode.Forbidden, "ourPersonId");

        // Their own, owned by their manager: they re-send it, but only the owner changes its strength.
        var manager = await World.PersonAsync(ownOrg, "Boss");
        await PutAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them, ownerId = manager }).ShouldBe(HttpStatusCode.OK);
        await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them, strength = 0.9 })
            .ShouldBeProblem(HttpStatusCode.Forbidden, "strength");
        await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them, source = "event" })
            .ShouldBeProblem(HttpStatusCode.Forbidden, "source");
        // The two ids alone re-send it; the answer shows nothing of a relationship the seller may not see (the owner's team one).
        var resent = await seller.PutAsJsonAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them })
            .ShouldBe<RelationshipWriteResponse>(HttpStatusCode.OK);
        Assert.That(resent.Relationship, Is.Null);
        using var owner = await ClientAsAsync("seller", manager);
        var changed = await owner.PutAsJsonAsync("/api/relationships", new { ourPersonId = me, theirPersonId = them, strength = 0.9 })
            .ShouldBe<RelationshipWriteResponse>(HttpStatusCode.OK);
        Assert.That(changed.Relationship!.Strength.Declared, Is.EqualTo(0.9));
        await owner.DeleteAsync($"/api/relationships?ourPersonId={me}&theirPersonId={them}").ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task A_sellers_batch_fails_the_records_that_are_not_theirs()
    {
        var me = await World.PersonAsync(ownOrg, "Me");
        var colleague = await World.PersonAsync(ownOrg, "Colleague");
        var them = await World.PersonAsync(customer, "Them");
        using var seller = await ClientAsAsync("seller", me);
        var answer = await seller.PostAsJsonAsync("/api/relationships/batch", new[]
        {
            new { ourPersonId = me, theirPersonId = them },
            new { ourPersonId = colleague, theirPersonId = them },
        }).ShouldBe<RelationshipBatchResponse>(HttpStatusCode.MultiStatus);
        Assert.That(answer.Results[0].Status, Is.EqualTo(RecordStatus.Created));
        Assert.That(answer.Results[1].Errors!["ourPersonId"], Is.Not.Null);
    }

    [Test]
    public async Task A_seller_records_interactions_they_took_part_in()
    {
        var me = await World.PersonAsync(ownOrg, "Me");
        var colleague = await World.PersonAsync(ownOrg, "Colleague");
        var them = await World.PersonAsync(customer, "Them");
        using var seller = await ClientAsAsync("seller", me);
        var at = App.Clock.GetUtcNow().AddDays(-1);
        await seller.PostAsJsonAsync("/api/interactions", new { id = NewId("ix"), at, kind = "call", participantIds = new[] { colleague, them } })
            .ShouldBeProblem(HttpStatusCode.Forbidden, "participantIds");

        // The colleague's private relationship with them is strengthened, but not shown to the seller.
        await PutAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = them, strength = 0.4, visibility = "private" })
            .ShouldBe(HttpStatusCode.Created);
        var recorded = await seller.PostAsJsonAsync("/api/interactions",
            new { id = NewId("ix"), at, kind = "meeting", participantIds = new[] { me, colleague, them } })
            .ShouldBe<InteractionResponse>(HttpStatusCode.Created);
        var pairs = recorded.Pairs.Select(p => p.OurPerson.Id).ToList();
        Assert.That(pairs, Is.EqualTo(new[] { me }));
    }
}
