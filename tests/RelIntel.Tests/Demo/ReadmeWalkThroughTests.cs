using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using RelIntel.Neo4j;
using RelIntel.Neo4j.DevServices;

namespace RelIntel.Tests.Demo;

/// <summary>
/// The README's walk-through is run as a reader would run it, command by command (<see cref="ReadmeWalkThrough"/>), on a
/// Neo4j of its own: once on an empty database, once on one where the demo account was loaded at start-up. Both runs
/// must answer alike, and the README's sample answers must be what they answered, so the README cannot drift from the
/// service. <c>UPDATE_README=1</c> writes the answers into the README instead of failing on a difference.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReadmeWalkThroughTests
{
    private const string ReadmeKey = "dev-admin-key";

    private LocalNeo4jServer server = null!;

    private static string ReadmePath => Path.Combine(Repository.Root(), "README.md");

    [OneTimeSetUp]
    public async Task StartFreshNeo4j()
    {
        var home = Neo4jEndpoint.FindNeo4jHome();
        if (home is null) Assert.Ignore("Needs NEO4J_HOME (a local Neo4j home) for an empty database of its own.");
        server = await LocalNeo4jServer.StartAsync(home, null, NullLogger.Instance);
    }

    [OneTimeTearDown]
    public async Task StopNeo4j()
    {
        if (server is not null) await server.DisposeAsync();
    }

    [Test]
    public async Task The_walk_through_runs_on_an_empty_database_and_on_the_demo_account_and_answers_what_the_README_shows()
    {
        var walk = new ReadmeWalkThrough(await File.ReadAllTextAsync(ReadmePath));
        Assert.That(walk.Samples, Is.Not.Empty, "the walk-through shows sample answers");

        var onEmpty = await RunAsync(walk, demoLoadedAtStart: false);
        await EmptyTheDatabaseAsync();
        var onDemo = await RunAsync(walk, demoLoadedAtStart: true);

        Assert.That(onDemo, Is.EqualTo(onEmpty), "the walk-through answers alike on an empty database and on the demo account");
        if (Environment.GetEnvironmentVariable("UPDATE_README") == "1")
        {
            await File.WriteAllTextAsync(ReadmePath, walk.WithSamples(onEmpty));
            TestContext.Out.WriteLine($"Wrote {onEmpty.Count} sample answers into {ReadmePath}.");
            return;
        }
        Assert.Multiple(() =>
        {
            for (var i = 0; i < walk.Samples.Count; i++)
                Assert.That(walk.Samples[i].Text, Is.EqualTo(onEmpty[i]),
                    $"README line {walk.Samples[i].FirstLine}: the sample answer differs from the service's (UPDATE_README=1 rewrites it)");
        });
    }

    /// <summary>The walk-through on a service started as the README starts it, and the sample answers as it shows them.</summary>
    private async Task<IReadOnlyList<string>> RunAsync(ReadmeWalkThrough walk, bool demoLoadedAtStart)
    {
        await using var app = new RelIntelApp(server.HttpUri, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:LoadOnStart"] = demoLoadedAtStart ? "true" : "false",
            ["RelIntel:Auth:BootstrapAdminKey"] = ReadmeKey,
        });
        using var client = app.CreateClientWithKey(null);
        await WaitUntilReadyAsync(client);

        var answers = await walk.RunAsync(client);
        // An error is shown only where a sample shows the problem's status; anything else must succeed.
        var shown = walk.Samples.Where(s => s.Selector.Contains("status", StringComparison.Ordinal)).Select(s => s.CurlIndex).ToHashSet();
        Assert.Multiple(() =>
        {
            for (var i = 0; i < answers.Count; i++)
                if (!shown.Contains(i))
                    Assert.That(answers[i].Status, Is.LessThan(400),
                        $"README line {answers[i].Command.Line} ({(demoLoadedAtStart ? "on the demo account" : "on an empty database")}) " +
                        $"answered an error without a sample showing it: {answers[i].Body}");
        });
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        return walk.Samples
            .Select(s => ReadmeWalkThrough.Render(ReadmeWalkThrough.Select(JsonNode.Parse(answers[s.CurlIndex].Body), s.Selector), today))
            .ToList();
    }

    /// <summary>As the README says: the walk-through starts once /health/ready answers (after the start-up demo load).</summary>
    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        HttpResponseMessage ready;
        while ((ready = await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        await ready.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Everything but the schema's bookkeeping: the database a first start finds.</summary>
    private async Task EmptyTheDatabaseAsync()
    {
        using var graph = new HttpQueryApiGraph(server.HttpUri, new Neo4jOptions(), NullLogger<HttpQueryApiGraph>.Instance);
        await graph.WriteAsync(new CypherQuery("test/empty-the-database", "MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n"));
    }
}
