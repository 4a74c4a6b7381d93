using System.Net;
using System.Net.Http.Json;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Charter;

/// <summary>Erasure leaves no copy of a person's name or email; hostile text is stored verbatim or refused, never run.</summary>
public sealed class ErasureAndInjectionTests : ApiTest
{
    private static readonly CypherQuery Occurrences = new("test/occurrences", """
        CALL () {
          MATCH (n)
          UNWIND keys(n) AS key
          WITH n[key] AS value
          WHERE any(x IN (CASE WHEN value IS :: LIST<ANY> THEN value ELSE [value] END) WHERE x IS :: STRING AND x CONTAINS $text)
          RETURN count(*) AS onNodes
        }
        CALL () {
          MATCH ()-[r]->()
          UNWIND keys(r) AS key
          WITH r[key] AS value
          WHERE any(x IN (CASE WHEN value IS :: LIST<ANY> THEN value ELSE [value] END) WHERE x IS :: STRING AND x CONTAINS $text)
          RETURN count(*) AS onRelationships
        }
        RETURN onNodes + onRelationships AS count
        """);

    private static readonly CypherQuery Counts = new("test/counts", """
        CALL () { MATCH (n) RETURN count(n) AS nodes }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
        CALL () { MATCH (n) UNWIND labels(n) AS label RETURN collect(DISTINCT label) AS labels }
        RETURN nodes, relationships, labels
        """);

    private sealed record CountsRow(long Nodes, long Relationships, List<string> Labels);

    private static async Task<long> OccurrencesOf(string text) =>
        (await TestNeo4j.Graph().RunAsync(Occurrences, new { text })).Scalar<long>("count");

    [Test]
    public async Task Erasure_leaves_no_trace_of_the_name_or_email_anywhere_in_the_graph()
    {
        var accounts = new Accounts(Client);
        var own = await accounts.OrganizationAsync("own");
        var customer = await accounts.OrganizationAsync("customer");
        var unique = Guid.NewGuid().ToString("N")[..10];
        var name = $"Erin Erasable {unique}";
        var email = $"erin.{unique}@erasable.example";
        var seller = await accounts.PersonAsync(own, "Sal Seller");
        var colleague = await accounts.PersonAsync(own, "Cole League");
        var erin = await accounts.PersonAsync(customer, name, email);
        await accounts.ReportsToAsync(erin, await accounts.PersonAsync(customer, "Erin's Boss"));

        // Copies: relationships, an interaction, a deal note, an audited read by a key named after her, a bulk answer.
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = erin, strength = 0.5, visibility = "company" })
            .Result.ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/relationships", new { ourPersonId = colleague, theirPersonId = await accounts.PersonAsync(customer), ownerId = seller })
            .Result.ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/interactions", new { id = NewId("ix"), at = App.Clock.GetUtcNow().AddDays(-3), kind = "meeting", participantIds = new[] { seller, erin } })
            .Result.ShouldBe(HttpStatusCode.Created);
        var opportunity = NewId("opp");
        await PutAsync($"/api/opportunities/{opportunity}", new { name = "Deal", organizationId = customer, stage = "proposal",
            need = new { status = "confirmed", note = $"{name} ({email}) wants it" } }).Result.ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{opportunity}/buying-center/{erin}", new { roles = new[] { "user" }, attitude = "champion", influence = 3 })
            .Result.ShouldBe(HttpStatusCode.Created);
        var key = await Keys.CreateAsync("integration", name: $"sync for {name}");
        using (var client = Keys.ClientFor(key.Secret))
            await client.GetAsync($"/api/people/{erin}/relationships").Result.ShouldBe(HttpStatusCode.OK);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/relationships/batch")
               { Content = JsonContent.Create(new[] { new { ourPersonId = colleague, theirPersonId = erin } }) })
        {
            request.Headers.Add("Idempotency-Key", NewId("idem"));
            await Client.SendAsync(request).Result.ShouldBe(HttpStatusCode.OK);
        }
        Assert.That(await OccurrencesOf(name), Is.GreaterThan(0));
        Assert.That(await OccurrencesOf(email), Is.GreaterThan(0));

        await Client.DeleteAsync($"/api/people/{erin}").Result.ShouldBe(HttpStatusCode.NoContent);

        Assert.That(await OccurrencesOf(name), Is.Zero, "the name is still in the graph");
        Assert.That(await OccurrencesOf(email), Is.Zero, "the email is still in the graph");
        Assert.That(await OccurrencesOf(erin), Is.Zero, "the id is still in the graph");
        Assert.That(await OccurrencesOf(unique), Is.Zero);
        // The fact of the read stays.
        var audit = await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString("sync for [erased]")}").Result
            .ShouldBe(HttpStatusCode.OK);
        var entry = audit["items"]!.AsArray().Single(e => e!["callerKeyId"]!.GetValue<string>() == key.Id)!;
        Assert.That(entry["path"]!.GetValue<string>(), Is.EqualTo("/api/people/[erased]/relationships"));
        Assert.That(entry["relationships"]!.AsArray().Select(r => r!.GetValue<string>()), Does.Contain($"{seller}|[erased]"));
    }

    /// <summary>Quotes, braces, comments, backticks, Cypher keywords, very long text and unicode.</summary>
    private static readonly string[] Hostile =
    [
        "O'Brien \"the\" `Boss`",
        "x'}) DETACH DELETE n //",
        "\"}]->(m) MATCH (n) DETACH DELETE n RETURN 1 //",
        "`Person`) SET n.admin = true WITH n MATCH (m) DELETE m /*",
        "${name} $id {id: 'x'} \\u0027 \\\\",
        "Zoë Ñandú 王小明 🦄 مرحبا \u200b",
        new string('A', 10_000),
    ];

    [Test]
    public async Task Hostile_text_in_string_fields_is_stored_verbatim_or_refused_and_changes_nothing_else()
    {
        var graph = TestNeo4j.Graph();
        var accounts = new Accounts(Client);
        var organization = await accounts.OrganizationAsync("customer");
        var before = (await graph.RunAsync(Counts)).SingleOrDefault<CountsRow>()!;
        var people = 0;
        foreach (var text in Hostile)
        {
            var id = NewId("p");
            var response = await PutAsync($"/api/people/{id}", new { name = text, organizationId = organization, title = text, department = text });
            if (text.Length > 200)
            {
                await response.ShouldBeProblem(HttpStatusCode.BadRequest, "name");
                continue;
            }
            await response.ShouldBe(HttpStatusCode.Created);
            people++;
            var stored = await Client.GetAsync($"/api/people/{id}").Result.ShouldBe(HttpStatusCode.OK);
            Assert.That(stored["name"]!.GetValue<string>(), Is.EqualTo(text.Trim()));
            Assert.That(stored["title"]!.GetValue<string>(), Is.EqualTo(text.Trim()));

            var org = NewId("org");
            await PutAsync($"/api/organizations/{org}", new { name = text, kind = "partner", industry = text }).Result.ShouldBe(HttpStatusCode.Created);
            var storedOrg = await Client.GetAsync($"/api/organizations/{org}").Result.ShouldBe(HttpStatusCode.OK);
            Assert.That(storedOrg["name"]!.GetValue<string>(), Is.EqualTo(text.Trim()));
            await Client.DeleteAsync($"/api/organizations/{org}").Result.ShouldBe(HttpStatusCode.NoContent);

            var opportunity = NewId("opp");
            await PutAsync($"/api/opportunities/{opportunity}", new { name = text, organizationId = organization, stage = "proposal", need = new { status = "confirmed", note = text } })
                .Result.ShouldBe(HttpStatusCode.Created);
            var storedDeal = await Client.GetAsync($"/api/opportunities/{opportunity}").Result.ShouldBe(HttpStatusCode.OK);
            Assert.That(storedDeal["need"]!["note"]!.GetValue<string>(), Is.EqualTo(text.Trim()));
            await Client.DeleteAsync($"/api/opportunities/{opportunity}").Result.ShouldBe(HttpStatusCode.NoContent);

            var key = await Client.PostAsJsonAsync("/api/api-keys", new { name = text, role = "integration" }).Result.ShouldBe(HttpStatusCode.Created);
            Assert.That(key["name"]!.GetValue<string>(), Is.EqualTo(text.Trim()));
            await Keys.RevokeAsync(key["id"]!.GetValue<string>());
        }
        // A long note is refused; every search string is text, never Cypher.
        await PutAsync($"/api/opportunities/{NewId("opp")}", new { name = "Deal", organizationId = organization, stage = "proposal", need = new { status = "confirmed", note = Hostile[^1] } })
            .Result.ShouldBeProblem(HttpStatusCode.BadRequest, "need.note");
        foreach (var text in Hostile)
        {
            using var search = await Client.GetAsync($"/api/organizations?search={Uri.EscapeDataString(text[..Math.Min(text.Length, 500)])}");
            Assert.That((int)search.StatusCode, Is.EqualTo(200).Or.EqualTo(400), await search.Content.ReadAsStringAsync());
        }

        var after = (await graph.RunAsync(Counts)).SingleOrDefault<CountsRow>()!;
        // Only what was asked for was added: the people, the keys (revoked, kept) and the audit of nothing; no new labels.
        Assert.That(after.Labels, Is.EquivalentTo(before.Labels.Union(["ApiKey", "Person"])));
        Assert.That(after.Nodes, Is.EqualTo(before.Nodes + 2 * people));
        Assert.That(after.Relationships, Is.EqualTo(before.Relationships + people));
    }

    [TestCase("x'}) DETACH DELETE n //")]
    [TestCase("a`b")]
    [TestCase("a b")]
    [TestCase("MATCH (n) DETACH DELETE n")]
    [TestCase("Zoë")]
    [TestCase("{id}")]
    public async Task Hostile_path_ids_are_a_400_naming_the_id(string id)
    {
        var graph = TestNeo4j.Graph();
        var before = (await graph.RunAsync(Counts)).SingleOrDefault<CountsRow>()!;
        var escaped = Uri.EscapeDataString(id);
        await Client.GetAsync($"/api/people/{escaped}").Result.ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await Client.GetAsync($"/api/people/{escaped}/relationships").Result.ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await Client.DeleteAsync($"/api/people/{escaped}").Result.ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await PutAsync($"/api/organizations/{escaped}", new { name = "X", kind = "customer" }).Result.ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await Client.DeleteAsync($"/api/api-keys/{escaped}").Result.ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await PutAsync("/api/relationships", new { ourPersonId = id, theirPersonId = id }).Result.ShouldBeProblem(HttpStatusCode.BadRequest, "ourPersonId");
        var after = (await graph.RunAsync(Counts)).SingleOrDefault<CountsRow>()!;
        Assert.That((after.Nodes, after.Relationships), Is.EqualTo((before.Nodes, before.Relationships)));
    }

    [Test]
    public async Task A_very_long_bearer_key_is_a_401_not_an_error()
    {
        using var client = Keys.ClientFor(new string('k', 10_000));
        await client.GetAsync("/api/organizations").Result.ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
