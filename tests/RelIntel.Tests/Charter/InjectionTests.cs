using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.ApiKeys;
using RelIntel.Api.Features.Organizations;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Charter;

/// <summary>Hostile text is stored verbatim or refused, never run.</summary>
public sealed class InjectionTests : ApiTest
{
    private static readonly CypherQuery Counts = new("test/counts", """
        CALL () { MATCH (n) WHERE NOT n:GraphVersion AND NOT n:AccountVersion RETURN count(n) AS nodes }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
        CALL () { MATCH (n) WHERE NOT n:GraphVersion AND NOT n:AccountVersion UNWIND labels(n) AS label RETURN collect(DISTINCT label) AS labels }
        RETURN nodes, relationships, labels
        """);

    private sealed record CountsRow(long Nodes, long Relationships, List<string> Labels);

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
        var organization = await World.OrganizationAsync("customer");
        var before = (await graph.ReadAsync(Counts)).SingleOrDefault<CountsRow>()!;
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
            var stored = await Client.GetAsync($"/api/people/{id}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
            Assert.That(stored.Name, Is.EqualTo(text.Trim()));
            Assert.That(stored.Title, Is.EqualTo(text.Trim()));

            var org = NewId("org");
            await PutAsync($"/api/organizations/{org}", new { name = text, kind = "partner", industry = text }).ShouldBe(HttpStatusCode.Created);
            var storedOrg = await Client.GetAsync($"/api/organizations/{org}").ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
            Assert.That(storedOrg.Name, Is.EqualTo(text.Trim()));
            await Client.DeleteAsync($"/api/organizations/{org}").ShouldBe(HttpStatusCode.NoContent);

            var opportunity = NewId("opp");
            await PutAsync($"/api/opportunities/{opportunity}", new { name = text, organizationId = organization, stage = "proposal", need = new { status = "confirmed", note = text } })
                .ShouldBe(HttpStatusCode.Created);
            var storedDeal = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
            Assert.That(storedDeal.Need!.Note, Is.EqualTo(text.Trim()));
            await Client.DeleteAsync($"/api/opportunities/{opportunity}").ShouldBe(HttpStatusCode.NoContent);

            var key = await Client.PostAsJsonAsync("/api/api-keys", new { name = text, role = "integration" })
                .ShouldBe<CreatedApiKeyResponse>(HttpStatusCode.Created);
            Assert.That(key.Name, Is.EqualTo(text.Trim()));
            await Keys.RevokeAsync(key.Id);
        }
        // A long note is refused; every search string is text, never Cypher.
        await PutAsync($"/api/opportunities/{NewId("opp")}", new { name = "Deal", organizationId = organization, stage = "proposal", need = new { status = "confirmed", note = Hostile[^1] } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "need.note");
        foreach (var text in Hostile)
        {
            using var search = await Client.GetAsync($"/api/organizations?search={Uri.EscapeDataString(text[..Math.Min(text.Length, 500)])}");
            Assert.That((int)search.StatusCode, Is.EqualTo(200).Or.EqualTo(400), await search.Content.ReadAsStringAsync());
        }

        var after = (await graph.ReadAsync(Counts)).SingleOrDefault<CountsRow>()!;
        // Only what was asked for was added: the people with their joins in the changes feed, the keys (revoked, kept)
        // and the audit of nothing; no new labels. (The graph's and the accounts' version counters are made as writes first touch them.)
        Assert.That(after.Labels, Is.EquivalentTo(before.Labels.Union(["ApiKey", "Person", "PersonChange"])));
        Assert.That(after.Nodes, Is.EqualTo(before.Nodes + 3 * people));
        Assert.That(after.Relationships, Is.EqualTo(before.Relationships + 2 * people));
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
        var before = (await graph.ReadAsync(Counts)).SingleOrDefault<CountsRow>()!;
        var escaped = Uri.EscapeDataString(id);
        await Client.GetAsync($"/api/people/{escaped}").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await Client.GetAsync($"/api/people/{escaped}/relationships").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await Client.DeleteAsync($"/api/people/{escaped}").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await PutAsync($"/api/organizations/{escaped}", new { name = "X", kind = "customer" }).ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await Client.DeleteAsync($"/api/api-keys/{escaped}").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await PutAsync("/api/relationships", new { ourPersonId = id, theirPersonId = id }).ShouldBeProblem(HttpStatusCode.BadRequest, "ourPersonId");
        var after = (await graph.ReadAsync(Counts)).SingleOrDefault<CountsRow>()!;
        Assert.That((after.Nodes, after.Relationships), Is.EqualTo((before.Nodes, before.Relationships)));
    }

    [Test]
    public async Task A_very_long_bearer_key_is_a_401_not_an_error()
    {
        using var client = Keys.ClientFor(new string('k', 10_000));
        await client.GetAsync("/api/organizations").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
