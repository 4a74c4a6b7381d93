using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Audit;

/// <summary>One read of relationship data: who, when, where, which relationships (<c>ourPersonId|theirPersonId</c>).</summary>
public sealed record AuditEntryResponse(
    string Id,
    DateTimeOffset At,
    string? CallerKeyId,
    string? CallerKeyName,
    string? CallerRole,
    string? CallerPersonId,
    string Method,
    string Endpoint,
    string Path,
    IReadOnlyList<string> Relationships);

/// <summary>The audit of relationship reads, for admins.</summary>
public static class AuditEndpoints
{
    private static readonly CypherQuery List = Cypher.Load("audit/list");

    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/audit").WithTags("Charter").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync)
            .WithName("listAuditEntries")
            .WithSummary("Who read which relationships")
            .WithDescription("Newest first. since: an ISO 8601 time (entries at or after it); callerKeyName: the API key's name. " +
                             "Entries of an erased person keep the fact of the read, with the person's name, email and id " +
                             "replaced by [erased].");
        return group;
    }

    private sealed record PageRow(long Total, List<AuditEntryResponse> Items);

    private static async Task<Results<Ok<Paged<AuditEntryResponse>>, ValidationProblem>> ListAsync(
        IGraph graph, AuditLog audit, CancellationToken cancellationToken, DateTimeOffset? since = null, string? callerKeyName = null,
        int? page = null, int? pageSize = null)
    {
        var validation = new Validation().Text("callerKeyName", callerKeyName, Validation.MaxNameLength);
        var paging = Paging.Of(page, pageSize);
        if (validation.Problem() is { } problem) return problem;
        // Entries are written a moment after their answers; what this instance holds is written before it is read.
        await audit.FlushAsync(cancellationToken);
        var row = (await graph.ReadAsync(List, new { since, callerKeyName, skip = paging.Skip, limit = paging.PageSize },
            cancellationToken)).SingleOrDefault<PageRow>()!;
        return TypedResults.Ok(new Paged<AuditEntryResponse>(row.Items, paging.Page, paging.PageSize, row.Total));
    }
}
