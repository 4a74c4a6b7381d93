using System.Text.Encodings.Web;
using System.Text.Json;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>Reports in the graph: <c>(:Report {id, opportunityId, generatedAt, payload, …})-[:FOR]-&gt;(:Opportunity)</c>, with
/// <c>(:ReportDelivery)-[:OF]-&gt;(:Report)</c> for each webhook attempt.</summary>
public sealed class ReportStore(IGraph graph)
{
    private static readonly CypherQuery Save = Cypher.Load("reports/save");
    private static readonly CypherQuery Previous = Cypher.Load("reports/previous");
    private static readonly CypherQuery Get = Cypher.Load("reports/get");
    private static readonly CypherQuery List = Cypher.Load("reports/list");
    private static readonly CypherQuery WentStale = Cypher.Load("reports/went-stale");
    private static readonly CypherQuery OpenOpportunities = Cypher.Load("reports/open-opportunities");
    private static readonly CypherQuery RecordDeliveries = Cypher.Load("reports/record-deliveries");
    private static readonly CypherQuery Purge = Cypher.Load("reports/purge");
    private static readonly CypherQuery ForgetPerson = Cypher.Load("reports/forget-person");
    private static readonly CypherQuery ForgetOpportunity = Cypher.Load("reports/forget-opportunity");

    /// <summary>The payload's JSON: the API's words, and names kept literally (so erasure can find them in the text).</summary>
    public static readonly JsonSerializerOptions PayloadJson = CreatePayloadJson();

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Json.Configure(options);
        return options;
    }

    private sealed record SaveRow(bool Created, string Payload);

    private sealed record PayloadRow(string Payload);

    private sealed record ReportRow(string Payload, List<DeliveryAttempt> Deliveries);

    private sealed record PageRow(long Total, List<ReportRow> Items);

    private sealed record IdRow(string Id);

    private sealed record CountRow(long Deleted);

    /// <summary>Stores the report unless one with its id is there already; answers the stored one and whether it is new.</summary>
    public async Task<(ReportResponse Report, bool Created)?> SaveAsync(ReportResponse report, CancellationToken cancellationToken)
    {
        var row = (await graph.RunAsync(Save, new
        {
            id = report.Id,
            opportunityId = report.OpportunityId,
            generatedAt = report.GeneratedAt,
            scheduleId = report.ScheduleId,
            slot = report.Slot,
            status = report.Status,
            payload = JsonSerializer.Serialize(report with { Deliveries = [] }, PayloadJson),
            mentionedIds = ReportBuilder.MentionedIds(report),
            token = Guid.NewGuid().ToString("N"),
        }, cancellationToken)).SingleOrDefault<SaveRow>();
        return row is null ? null : (Read(row.Payload, []), row.Created);
    }

    public async Task<ReportResponse?> PreviousAsync(string opportunityId, string exceptId, CancellationToken cancellationToken)
    {
        var row = (await graph.RunAsync(Previous, new { opportunityId, id = exceptId }, cancellationToken)).SingleOrDefault<PayloadRow>();
        return row is null ? null : Read(row.Payload, []);
    }

    public async Task<ReportResponse?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = (await graph.RunAsync(Get, new { id }, cancellationToken)).SingleOrDefault<ReportRow>();
        return row is null ? null : Read(row.Payload, row.Deliveries);
    }

    public async Task<(long Total, IReadOnlyList<ReportResponse> Items)> ListAsync(string? opportunityId, DateTimeOffset? since, Paging paging,
        CancellationToken cancellationToken)
    {
        var row = (await graph.RunAsync(List, new { opportunityId, since, skip = paging.Skip, limit = paging.PageSize }, cancellationToken))
            .SingleOrDefault<PageRow>()!;
        return (row.Total, row.Items.Select(i => Read(i.Payload, i.Deliveries)).ToList());
    }

    public async Task<IReadOnlyList<StaleRelationship>> WentStaleAsync(string opportunityId, Viewer viewer, DateTimeOffset? previous,
        DateTimeOffset now, int staleAfterDays, CancellationToken cancellationToken) =>
        (await graph.RunAsync(WentStale, new { opportunityId, viewer = viewer.ToParameter(), previous, now, staleAfterDays },
            cancellationToken)).As<StaleRelationship>();

    public async Task<IReadOnlyList<string>> OpenOpportunityIdsAsync(CancellationToken cancellationToken) =>
        (await graph.RunAsync(OpenOpportunities, null, cancellationToken)).As<IdRow>().Select(r => r.Id).ToList();

    public async Task RecordDeliveriesAsync(string reportId, IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0) return;
        await graph.RunAsync(RecordDeliveries, new { reportId, attempts }, cancellationToken);
    }

    /// <summary>Deletes every report generated before <paramref name="cutoff"/>; answers how many.</summary>
    public async Task<long> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const int batch = 1000;
        long total = 0;
        while (true)
        {
            var deleted = (await graph.RunAsync(Purge, new { cutoff, batch }, cancellationToken)).SingleOrDefault<CountRow>()?.Deleted ?? 0;
            total += deleted;
            if (deleted < batch) return total;
        }
    }

    /// <summary>Part of erasing a person (before the person goes, in the same transaction): drops every report naming them.</summary>
    public static Task<QueryResult> ForgetPersonAsync(IGraphTransaction tx, string personId, CancellationToken cancellationToken) =>
        tx.RunAsync(ForgetPerson, new { id = personId }, cancellationToken);

    /// <summary>Part of deleting an opportunity: its reports go with it.</summary>
    public static Task<QueryResult> ForgetOpportunityAsync(IGraphTransaction tx, string opportunityId, CancellationToken cancellationToken) =>
        tx.RunAsync(ForgetOpportunity, new { id = opportunityId }, cancellationToken);

    private static ReportResponse Read(string payload, IReadOnlyList<DeliveryAttempt> deliveries) =>
        JsonSerializer.Deserialize<ReportResponse>(payload, PayloadJson)! with { Deliveries = deliveries.OrderBy(d => d.Attempt).ToList() };

}
