using Microsoft.AspNetCore.Routing;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Charter;

/// <summary>A relationship by its two ends, as the audit names it: <c>ourPersonId|theirPersonId</c>.</summary>
public readonly record struct RelationshipKey(string OurPersonId, string TheirPersonId)
{
    public override string ToString() => $"{OurPersonId}|{TheirPersonId}";
}

/// <summary>
/// Every answer that shows relationship data is attributable: who asked (API key id and name, role, the person it acts
/// as), when, which endpoint and path, and which relationships the answer showed (in detail or as an introduction).
/// Scheduled reports, which leave the service without a caller, are recorded as read by their schedule.
/// </summary>
public sealed class AuditLog(IGraph graph, TimeProvider clock)
{
    private static readonly CypherQuery Record = Cypher.Load("audit/record");

    /// <summary>The caller a scheduled report's webhook delivery is recorded for.</summary>
    public const string ScheduleRole = "schedule";

    /// <summary>Records one answer to an HTTP caller. Call it once per answer, with the relationships it shows (none is fine).</summary>
    public Task RecordAsync(HttpContext context, IEnumerable<RelationshipKey> relationships, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        return WriteAsync(caller?.KeyId, caller?.KeyName, caller?.Role.Word(), caller?.PersonId, context.Request.Method,
            "/" + endpoint.TrimStart('/'), context.Request.Path.Value ?? "", relationships, cancellationToken);
    }

    /// <summary>Records a scheduled report sent to its schedule's webhook.</summary>
    public Task RecordDeliveryAsync(string scheduleId, string reportId, IEnumerable<RelationshipKey> relationships,
        CancellationToken cancellationToken) =>
        WriteAsync(null, $"schedule {scheduleId}", ScheduleRole, null, "POST", "webhook", $"/api/reports/{reportId}", relationships,
            cancellationToken);

    private async Task WriteAsync(string? keyId, string? keyName, string? role, string? personId, string method, string endpoint,
        string path, IEnumerable<RelationshipKey> relationships, CancellationToken cancellationToken)
    {
        await graph.WriteAsync(Record, new
        {
            id = Guid.NewGuid().ToString("N"),
            at = clock.GetUtcNow(),
            callerKeyId = keyId,
            callerKeyName = keyName,
            callerRole = role,
            callerPersonId = personId,
            method,
            endpoint,
            path,
            relationships = relationships.Select(r => r.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        }, cancellationToken);
    }
}
