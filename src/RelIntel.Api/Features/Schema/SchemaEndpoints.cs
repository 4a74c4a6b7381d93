using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Schema;

/// <summary>Which schema files are applied to the graph, and which this start applied.</summary>
public static class SchemaEndpoints
{
    public sealed record SchemaResponse(
        IReadOnlyList<string> AppliedAtThisStart,
        IReadOnlyList<string> AlreadyAppliedAtThisStart,
        IReadOnlyList<AppliedMigration> Migrations);

    public static RouteGroupBuilder MapSchema(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/schema").WithTags("Operations").RequireAuthorization(Policies.Admin);
        group.MapGet("/", async (SchemaMigrator migrator, SchemaStatus status, CancellationToken cancellationToken) =>
                TypedResults.Ok(new SchemaResponse(
                    status.Report?.Applied ?? [],
                    status.Report?.AlreadyApplied ?? [],
                    await migrator.AppliedAsync(cancellationToken))))
            .WithName("getSchemaMigrations")
            .WithSummary("Schema migrations")
            .WithDescription("Every file under cypher/schema is applied once, in name order, and recorded in the graph.");
        return group;
    }
}
