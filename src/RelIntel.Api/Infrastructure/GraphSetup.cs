using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RelIntel.Neo4j;
using RelIntel.Neo4j.DevServices;

namespace RelIntel.Api.Infrastructure;

/// <summary>Neo4j wiring: where the server is, the client, and the schema applied at start-up.</summary>
public static class GraphSetup
{
    public static IServiceCollection AddGraph(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<Neo4jOptions>().BindConfiguration(Neo4jOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<Neo4jOptions>>().Value;
            var devServices = configuration.GetValue<bool?>("Neo4j:DevServices") ?? environment.IsDevelopment();
            var logger = sp.GetRequiredService<ILogger<Neo4jEndpoint>>();
            // Resolved once, while the host starts (the schema start-up needs it first).
            return Neo4jEndpoint.ResolveAsync(options, devServices, logger).GetAwaiter().GetResult();
        });
        services.AddSingleton<IGraph>(sp => new HttpQueryApiGraph(
            sp.GetRequiredService<Neo4jEndpoint>().Uri,
            sp.GetRequiredService<IOptions<Neo4jOptions>>().Value,
            sp.GetRequiredService<ILogger<HttpQueryApiGraph>>(),
            meterFactory: sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
            wrapHandler: sp.GetService<Neo4jConnectionWrapper>()?.Wrap));
        services.AddSingleton<CallerBookmarks>();
        services.AddSingleton(_ => Cypher.Library);
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<SchemaStatus>();
        services.AddHostedService<SchemaStartup>();
        return services;
    }
}

/// <summary>What the schema start-up did, for <c>GET /api/schema</c> and the readiness check.</summary>
public sealed class SchemaStatus
{
    public SchemaMigrationReport? Report { get; set; }
}

/// <summary>Applies <c>cypher/schema</c> before the service takes requests, waiting for Neo4j if it is still starting.</summary>
public sealed class SchemaStartup(SchemaMigrator migrator, SchemaStatus status, IConfiguration configuration, ILogger<SchemaStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var patience = configuration.GetValue("Neo4j:StartupTimeout", TimeSpan.FromSeconds(60));
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                status.Report = await migrator.MigrateAsync(cancellationToken);
                logger.LogInformation("Schema ready: {Applied} file(s) applied now, {Skipped} already applied",
                    status.Report.Applied.Count, status.Report.AlreadyApplied.Count);
                return;
            }
            catch (Neo4jUnavailableException e) when (DateTimeOffset.UtcNow < deadline)
            {
                logger.LogWarning("Neo4j is not reachable yet ({Message}); trying again", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
