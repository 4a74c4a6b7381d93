using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: Neo4j answers, the schema is applied and the start-up
/// work (<see cref="StartupWork"/>, such as the demo load) has finished.
/// </summary>
public static class Health
{
    public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, CheckResponse> Checks);

    public sealed record CheckResponse(string Status, string? Description);

    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<StartupWork>();
        services.AddHealthChecks()
            .AddCheck<Neo4jHealthCheck>("neo4j", tags: ["ready"])
            .AddCheck<StartupWorkHealthCheck>("start-up", tags: ["ready"]);
        return services;
    }

    public static RouteGroupBuilder MapApiHealthChecks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("Healthy", new Dictionary<string, CheckResponse>())))
            .WithName("getLiveness")
            .WithSummary("The process is alive");
        group.MapGet("/ready", ReadyAsync)
            .WithName("getReadiness")
            .WithSummary("Ready to serve: Neo4j answers, the schema is applied and start-up work (the demo load) is done")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> ReadyAsync(
        HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), cancellationToken);
        var body = new HealthResponse(report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new CheckResponse(e.Value.Status.ToString(), e.Value.Description)));
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed class Neo4jHealthCheck(IGraph graph, SchemaStatus schema) : IHealthCheck
{
    private static readonly CypherQuery Ping = new("health/ping", "RETURN 1 AS ok");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (schema.Report is null) return HealthCheckResult.Unhealthy("The schema has not been applied yet.");
        try
        {
            await graph.ReadAsync(Ping, null, cancellationToken);
            return HealthCheckResult.Healthy("Neo4j answers.");
        }
        catch (Neo4jUnavailableException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

/// <summary>
/// Work the service does after it starts listening that callers should wait for (the demo account, loaded through the
/// API itself): <c>/health/ready</c> answers 503 naming it until it has ended, however it ended.
/// </summary>
public sealed class StartupWork
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> pending = new();

    public void Begin(string what) => pending[what] = 0;

    public void End(string what) => pending.TryRemove(what, out _);

    public IReadOnlyList<string> Pending => pending.Keys.Order(StringComparer.Ordinal).ToList();
}

internal sealed class StartupWorkHealthCheck(StartupWork work) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(work.Pending is { Count: > 0 } pending
            ? HealthCheckResult.Unhealthy($"Still starting: {string.Join(", ", pending)}.")
            : HealthCheckResult.Healthy("Start-up work done."));
}
