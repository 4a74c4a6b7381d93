using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using RelIntel.Api.Features.Organizations;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j.DevServices;

namespace RelIntel.Tests.Foundation;

/// <summary>
/// The service's life on a Neo4j of its own: schema on a fresh database, a second start, Neo4j going away and
/// coming back. Runs in order on one dedicated server.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LifecycleTests
{
    private LocalNeo4jServer server = null!;

    private static readonly Dictionary<string, string?> QuickRecovery = new()
    {
        ["Neo4j:BreakDuration"] = "00:00:02",
        ["Neo4j:MaxRetries"] = "2",
    };

    private static IReadOnlyList<string> SchemaFiles =>
        Cypher.Library.Names.Where(n => n.StartsWith("schema/", StringComparison.Ordinal)).ToList();

    [OneTimeSetUp]
    public async Task StartFreshNeo4j()
    {
        var home = Neo4jEndpoint.FindNeo4jHome();
        if (home is null) Assert.Ignore("Needs NEO4J_HOME (a local Neo4j home) to stop and start a server of its own.");
        server = await LocalNeo4jServer.StartAsync(home, null, NullLogger.Instance);
    }

    [OneTimeTearDown]
    public async Task StopNeo4j()
    {
        if (server is not null) await server.DisposeAsync();
    }

    [Test, Order(1)]
    public async Task A_fresh_database_gets_every_schema_file_once_and_a_second_start_applies_nothing()
    {
        Assert.That(SchemaFiles, Is.Not.Empty);

        IReadOnlyList<Migration> first;
        await using (var app = new RelIntelApp(server.HttpUri))
        {
            var schema = await app.CreateClient().GetAsync("/api/schema").ShouldBe(HttpStatusCode.OK);
            Assert.That(schema["appliedAtThisStart"]!.Read<List<string>>(), Is.EqualTo(SchemaFiles));
            first = schema["migrations"]!.Read<List<Migration>>();
            Assert.That(first.Select(m => m.Name), Is.EqualTo(SchemaFiles));

            // The constraints are live: a second organization claiming the same domain is refused.
            var client = app.CreateClient();
            await client.PutAsJsonAsync("/api/organizations/one", new { name = "One", kind = "customer", domain = "one.example" })
                .ShouldBe(HttpStatusCode.Created);
            await client.PutAsJsonAsync("/api/organizations/two", new { name = "Two", kind = "customer", domain = "one.example" })
                .ShouldBeProblem(HttpStatusCode.Conflict, "domain");
        }

        await using (var again = new RelIntelApp(server.HttpUri))
        {
            var schema = await again.CreateClient().GetAsync("/api/schema").ShouldBe(HttpStatusCode.OK);
            Assert.That(schema["appliedAtThisStart"]!.Read<List<string>>(), Is.Empty);
            Assert.That(schema["alreadyAppliedAtThisStart"]!.Read<List<string>>(), Is.EqualTo(SchemaFiles));
            Assert.That(schema["migrations"]!.Read<List<Migration>>(), Is.EqualTo(first), "nothing was applied or recorded twice");
        }
    }

    [Test, Order(2)]
    public async Task Neo4j_going_away_gives_503_with_Retry_After_and_the_service_recovers_by_itself()
    {
        await using var app = new RelIntelApp(server.HttpUri, QuickRecovery);
        var client = app.CreateClient();
        await client.GetAsync("/api/organizations/one").ShouldBe(HttpStatusCode.OK);
        await client.GetAsync("/health/ready").ShouldBe(HttpStatusCode.OK);

        await server.StopAsync();

        var down = await client.GetAsync("/api/organizations/one");
        await down.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        Assert.That(down.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
        await client.GetAsync("/health/ready").ShouldBe(HttpStatusCode.ServiceUnavailable);
        var write = await client.PutAsJsonAsync("/api/organizations/three", new { name = "Three", kind = "partner" });
        await write.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);

        await server.StartAsync();
        await Task.Delay(down.Headers.RetryAfter!.Delta!.Value);

        var back = await client.GetAsync("/api/organizations/one").ShouldBe<OrganizationResponse>(HttpStatusCode.OK);
        Assert.That(back.Name, Is.EqualTo("One"));
        await client.GetAsync("/health/ready").ShouldBe(HttpStatusCode.OK);
    }

    private sealed record Migration(string Name, string Checksum, DateTimeOffset AppliedAt);
}
