using Microsoft.Extensions.Logging;

namespace RelIntel.Neo4j.DevServices;

/// <summary>
/// The Neo4j the service talks to: the configured <c>Neo4j:Uri</c>, or, where dev services are allowed and no
/// address is configured, a server started for this process (and stopped with it).
/// </summary>
public sealed class Neo4jEndpoint : IAsyncDisposable
{
    private readonly IAsyncDisposable? ownedServer;

    private Neo4jEndpoint(Uri uri, string source, IAsyncDisposable? ownedServer)
    {
        Uri = uri;
        Source = source;
        this.ownedServer = ownedServer;
    }

    public Uri Uri { get; }

    /// <summary>Where the address came from: configuration, NEO4J_HOME or Docker.</summary>
    public string Source { get; }

    public const string HowToProvide =
        "No Neo4j to talk to. Provide one of:\n" +
        "  - a running server: set Neo4j__Uri (e.g. Neo4j__Uri=http://localhost:7474)\n" +
        "  - a local Neo4j 5.26 home: set NEO4J_HOME (e.g. NEO4J_HOME=../shared/neo4j) and one is started for you\n" +
        "  - Docker: start a Docker engine and one is started for you from image " + DockerNeo4jServer.Image;

    public static async Task<Neo4jEndpoint> ResolveAsync(
        Neo4jOptions options, bool devServicesAllowed, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(options.Uri))
        {
            if (!System.Uri.TryCreate(options.Uri, UriKind.Absolute, out var configured) || configured.Scheme is not ("http" or "https"))
                throw new Neo4jNotFoundException($"Neo4j:Uri '{options.Uri}' is not an http(s) address of Neo4j's HTTP port.\n" + HowToProvide);
            return new Neo4jEndpoint(configured, "configuration", null);
        }
        if (!devServicesAllowed)
            throw new Neo4jNotFoundException("Neo4j:Uri is not set (dev services only start a Neo4j in Development).\n" + HowToProvide);

        var home = FindNeo4jHome();
        if (home is not null)
        {
            var local = await LocalNeo4jServer.StartAsync(home, options.DevServerDataPath, logger, cancellationToken);
            return new Neo4jEndpoint(local.HttpUri, $"NEO4J_HOME={home}", local);
        }
        if (DockerNeo4jServer.DockerLooksAvailable())
        {
            logger.LogInformation("Starting Neo4j in Docker ({Image})", DockerNeo4jServer.Image);
            var docker = await DockerNeo4jServer.StartAsync(cancellationToken);
            return new Neo4jEndpoint(docker.HttpUri, "Docker", docker);
        }
        throw new Neo4jNotFoundException(HowToProvide);
    }

    /// <summary>
    /// <c>NEO4J_HOME</c> if set; else a <c>shared/neo4j</c> server home beside the checkout (found by walking up
    /// from the working directory), the layout of our development machines.
    /// </summary>
    public static string? FindNeo4jHome()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NEO4J_HOME");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "neo4j");
                if (File.Exists(Path.Combine(candidate, "bin", "neo4j"))) return candidate;
            }
        }
        return null;
    }

    public ValueTask DisposeAsync() => ownedServer?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>No Neo4j is configured or can be started here; the message says how to provide one.</summary>
public sealed class Neo4jNotFoundException(string message) : InvalidOperationException(message);
