using System.Text.Encodings.Web;
using System.Text.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>A stored report as the charter lets it be read now, and the relationships it shows (for the audit).</summary>
public sealed record StoredReport(ReportResponse Report, IReadOnlyList<string> Shown)
{
    public IEnumerable<RelationshipKey> ShownKeys => Shown.Select(key => key.Split('|')).Where(ends => ends.Length == 2)
        .Select(ends => new RelationshipKey(ends[0], ends[1]));
}

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
    private static readonly CypherQuery ForgetOpportunity = Cypher.Load("reports/forget-opportunity");

    /// <summary>The payload's JSON: the API's words, and names kept literally (so erasure can find them in the text).</summary>
    public static readonly JsonSerializerOptions PayloadJson = CreatePayloadJson();

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Json.Configure(options);
        return options;
    }

    private sealed record SaveRow(bool Created, string Payload, List<string>? Shown);

    private sealed record ReportRow(string Payload, List<DeliveryAttempt> Deliveries, List<string> Shown, List<string> HiddenIds)
    {
        /// <summary>The report without the people the charter no longer lets it name.</summary>
        public StoredReport Read() => new(
            ReportRedaction.Without(Deserialize(Payload, Deliveries), HiddenIds),
            ReportRedaction.ShownWithout(Shown, HiddenIds));
    }

    private sealed record PageRow(long Total, List<ReportRow> Items);

    private sealed record IdRow(string Id);

    private sealed record CountRow(long Deleted);

    /// <summary>Stores the report unless one with its id is there already; answers the stored one and whether it is new.</summary>
    public async Task<(StoredReport Report, bool Created)?> SaveAsync(ReportResponse report, IReadOnlyList<string> shownRelationships,
        CancellationToken cancellationToken)
    {
        var row = (await graph.WriteAsync(Save, new
        {
            id = report.Id,
            opportunityId = report.OpportunityId,
            generatedAt = report.GeneratedAt,
            scheduleId = report.ScheduleId,
            slot = report.Slot,
            status = report.Status,
            payload = JsonSerializer.Serialize(report with { Deliveries = [] }, PayloadJson),
            mentionedIds = ReportBuilder.MentionedIds(report),
            shownRelationships,
            token = Guid.NewGuid().ToString("N"),
        }, cancellationToken)).SingleOrDefault<SaveRow>();
        return row is null ? null : (new StoredReport(Deserialize(row.Payload, []), row.Shown ?? []), row.Created);
    }

    /// <summary>The latest other report of the opportunity, as the charter lets it be read now: what a new one is compared with.</summary>
    public async Task<StoredReport?> PreviousAsync(string opportunityId, string exceptId, CancellationToken cancellationToken) =>
        (await graph.ReadAsync(Previous, new { opportunityId, id = exceptId }, cancellationToken)).SingleOrDefault<ReportRow>()?.Read();

    public async Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await graph.ReadAsync(Get, new { id }, cancellationToken)).SingleOrDefault<ReportRow>()?.Read();

    public async Task<(long Total, IReadOnlyList<StoredReport> Items)> ListAsync(string? opportunityId, DateTimeOffset? since, Paging paging,
        CancellationToken cancellationToken)
    {
        var row = (await graph.ReadAsync(List, new { opportunityId, since, skip = paging.Skip, limit = paging.PageSize }, cancellationToken))
            .SingleOrDefault<PageRow>()!;
        return (row.Total, row.Items.Select(i => i.Read()).ToList());
    }

    /// <summary>The relationships to the opportunity's buying center the viewer sees that went stale since <paramref name="previous"/>.</summary>
    public async Task<IReadOnlyList<StaleRelationship>> WentStaleAsync(string opportunityId, Viewer viewer, DateTimeOffset? previous,
        CancellationToken cancellationToken) =>
        (await graph.ReadAsync(WentStale, new { opportunityId, viewer = viewer.Parameter, charter = viewer.CharterParameter, previous },
            cancellationToken)).As<StaleRelationship>();

    public async Task<IReadOnlyList<string>> OpenOpportunityIdsAsync(CancellationToken cancellationToken) =>
        (await graph.ReadAsync(OpenOpportunities, null, cancellationToken)).As<IdRow>().Select(r => r.Id).ToList();

    public async Task RecordDeliveriesAsync(string reportId, IReadOnlyList<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0) return;
        await graph.WriteAsync(RecordDeliveries, new { reportId, attempts }, cancellationToken);
    }

    /// <summary>Deletes every report generated before <paramref name="cutoff"/>; answers how many.</summary>
    public async Task<long> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const int batch = 1000;
        long total = 0;
        while (true)
        {
            var deleted = (await graph.WriteAsync(Purge, new { cutoff, batch }, cancellationToken)).SingleOrDefault<CountRow>()?.Deleted ?? 0;
            total += deleted;
            if (deleted < batch) return total;
        }
    }

    /// <summary>Part of deleting an opportunity: its reports go with it.</summary>
    public static Task<QueryResult> ForgetOpportunityAsync(IGraphTransaction tx, string opportunityId, CancellationToken cancellationToken) =>
        tx.RunAsync(ForgetOpportunity, new { id = opportunityId }, cancellationToken);

    private static ReportResponse Deserialize(string payload, IReadOnlyList<DeliveryAttempt> deliveries) =>
        JsonSerializer.Deserialize<ReportResponse>(payload, PayloadJson)! with { Deliveries = deliveries.OrderBy(d => d.Attempt).ToList() };

}
