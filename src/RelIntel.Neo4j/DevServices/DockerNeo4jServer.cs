using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace RelIntel.Neo4j.DevServices;

/// <summary>Neo4j in a throw-away container (image <c>neo4j:5.26-community</c>) for machines with Docker.</summary>
public sealed class DockerNeo4jServer : IAsyncDisposable
{
    public const string Image = "neo4j:5.26-community";
    private const int HttpPort = 7474;
    private readonly IContainer container;

    private DockerNeo4jServer(IContainer container) => this.container = container;

    public Uri HttpUri => new($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/");

    public static bool DockerLooksAvailable() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    public static async Task<DockerNeo4jServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var container = new ContainerBuilder(Image)
            .WithEnvironment("NEO4J_AUTH", "none")
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(HttpPort).ForPath("/")))
            .Build();
        await container.StartAsync(cancellationToken);
        return new DockerNeo4jServer(container);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
