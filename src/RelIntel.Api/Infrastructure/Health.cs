using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: Neo4j answers and the schema is applied.</summary>
public static class Health
{
    public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, CheckResponse> Checks);

    public sealed record CheckResponse(string Status, string? Description);

    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<Neo4jHealthCheck>("neo4j", tags: ["ready"]);
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
            .WithSummary("Ready to serve: Neo4j answers and the schema is applied")
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
