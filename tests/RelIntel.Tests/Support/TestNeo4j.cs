using Microsoft.Extensions.Logging.Abstractions;
using RelIntel.Neo4j;
using RelIntel.Neo4j.DevServices;

namespace RelIntel.Tests;

/// <summary>
/// One real Neo4j for the whole test run: <c>RELINTEL_TEST_NEO4J_URI</c> if set, else one started from
/// <c>NEO4J_HOME</c> (or <c>shared/neo4j</c> beside the checkout), else one in Docker.
/// Tests keep out of each other's way by using ids of their own (<see cref="ApiTest.NewId"/>).
/// </summary>
[SetUpFixture]
public sealed class TestNeo4j
{
    private static Neo4jEndpoint? endpoint;

    public static Uri Uri => endpoint?.Uri ?? throw new InvalidOperationException("The test Neo4j has not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("RELINTEL_TEST_NEO4J_URI");
        endpoint = await Neo4jEndpoint.ResolveAsync(new Neo4jOptions { Uri = configured }, devServicesAllowed: true,
            NullLogger.Instance);
        await TestContext.Progress.WriteLineAsync($"Tests use Neo4j at {endpoint.Uri} ({endpoint.Source}).");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (endpoint is not null) await endpoint.DisposeAsync();
    }

    /// <summary>A graph client on the test Neo4j, for looking behind the API (e.g. that an erasure left nothing).</summary>
    public static HttpQueryApiGraph Graph() => new(Uri, new Neo4jOptions(), NullLogger<HttpQueryApiGraph>.Instance);
}
