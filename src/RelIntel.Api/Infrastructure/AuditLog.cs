using Microsoft.AspNetCore.Routing;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>A relationship by its two ends, as the audit names it: <c>ourPersonId|theirPersonId</c>.</summary>
public readonly record struct RelationshipKey(string OurPersonId, string TheirPersonId)
{
    public override string ToString() => $"{OurPersonId}|{TheirPersonId}";
}

/// <summary>
/// Every read that returns relationship data is attributable: who asked (API key id and name, role, the person it acts
/// as), when, which endpoint and path, and which relationships the answer showed in detail.
/// </summary>
public sealed class AuditLog(IGraph graph, TimeProvider clock)
{
    private static readonly CypherQuery Record = Cypher.Load("audit/record");

    /// <summary>Records one read. Call it once per answer, with the relationships the answer shows (none is fine).</summary>
    public async Task RecordAsync(HttpContext context, IReadOnlyCollection<RelationshipKey> relationships, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        await graph.RunAsync(Record, new
        {
            id = Guid.NewGuid().ToString("N"),
            at = clock.GetUtcNow(),
            callerKeyId = caller?.KeyId,
            callerKeyName = caller?.KeyName,
            callerRole = caller?.Role.Word(),
            callerPersonId = caller?.PersonId,
            method = context.Request.Method,
            endpoint = "/" + endpoint.TrimStart('/'),
            path = context.Request.Path.Value ?? "",
            relationships = relationships.Select(r => r.ToString()).Distinct(StringComparer.Ordinal).ToList(),
        }, cancellationToken);
    }
}

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditLog>();
}
