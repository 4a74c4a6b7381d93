using System.Text.Encodings.Web;
using System.Text.Json;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Reports;

/// <summary>
/// A stored report as the charter lets it be read now, the relationships it shows (for the audit), and the members whose
/// coverage it no longer shows (<see cref="CoverageWithheld"/>: the next report does not compare them).
/// </summary>
public sealed record StoredReport(ReportResponse Report, IReadOnlyList<string> Shown, IReadOnlySet<string>? CoverageWithheld = null)
{
    public IEnumerable<RelationshipKey> ShownKeys => Shown.Select(key => key.Split('|')).Where(ends => ends.Length == 2)
        .Select(ends => new RelationshipKey(ends[0], ends[1]));
}

/// <summary>Reports in the graph: <c>(:Report {id, opportunityId, generatedAt, payload, …})-[:FOR]-&gt;(:Opportunity)</c>, with
/// an entry of the shared outbox (<see cref="Outbox"/>, kind <c>report</c>) for a report made for a webhook.</summary>
public sealed class ReportStore(IGraph graph, CharterStore charters, TimeProvider clock)
{
    private static readonly CypherQuery Save = Cypher.Load("reports/save");
    private static readonly CypherQuery Previous = Cypher.Load("reports/previous");
    private static readonly CypherQuery Get = Cypher.Load("reports/get");
    private static readonly CypherQuery List = Cypher.Load("reports/list");
    private static readonly CypherQuery WentStale = Cypher.Load("reports/went-stale");
    private static readonly CypherQuery OpenOpportunities = Cypher.Load("reports/open-opportunities");
    private static readonly CypherQuery Purge = Cypher.Load("reports/purge");
    private static readonly CypherQuery ForgetOpportunity = Cypher.Load("reports/forget-opportunity");
    private static readonly CypherQuery PeopleChanges = Cypher.Load("reports/people-changes");

    /// <summary>The payload's JSON: the API's words.</summary>
    public static readonly JsonSerializerOptions PayloadJson = CreatePayloadJson();

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Json.Configure(options);
        return options;
    }

    private sealed record SaveRow(bool Created, string Payload, List<string> Shown, List<string> Mentioned, List<PersonRow> People,
        List<string> Withheld)
    {
        public StoredReport Read() => new ReportRow(Payload, [], Shown, Mentioned, People, Withheld).Read();
    }

    private sealed record PersonRow(string Id, string? Name, string? Title);

    private sealed record ReportRow(string Payload, List<DeliveryAttempt> Deliveries, List<string> Shown, List<string> Mentioned,
        List<PersonRow> People, List<string> Withheld)
    {
        /// <summary>
        /// The stored facts as today's charter lets the report's audience read them: without the people it may no longer
        /// name (marked do-not-contact since, or erased) and the relationships it may no longer show in detail, then named.
        /// </summary>
        public StoredReport Read()
        {
            var people = People.ToDictionary(p => p.Id, p => new ReportNames.Named(p.Name ?? "", p.Title), StringComparer.Ordinal);
            var hidden = Mentioned.Where(id => !people.ContainsKey(id)).ToList();
            var redacted = ReportRedaction.Without(Deserialize(Payload, Deliveries), hidden, Withheld);
            return new StoredReport(ReportNames.Fill(redacted.Report, people), ReportRedaction.ShownWithout(Shown, hidden, Withheld),
                redacted.CoverageWithheld);
        }
    }

    private sealed record PageRow(long Total, List<ReportRow> Items);

    private sealed record IdRow(string Id);

    private sealed record CountRow(long Deleted);

    /// <summary>
    /// Stores the report unless one with its id is there already; answers the stored one and whether it is new. With a
    /// <paramref name="webhookUrl"/> its delivery is stored as pending in the same write (an outbox entry, <see cref="OutboxEntryId"/>).
    /// </summary>
    public async Task<(StoredReport Report, bool Created)?> SaveAsync(ReportResponse report, IReadOnlyList<string> shownRelationships,
        Uri? webhookUrl, CancellationToken cancellationToken)
    {
        var audience = await AudienceAsync(report.GeneratedAt, cancellationToken);
        var row = (await graph.For(audience).WriteAsync(Save, new
        {
            id = report.Id,
            opportunityId = report.OpportunityId,
            generatedAt = report.GeneratedAt,
            scheduleId = report.ScheduleId,
            slot = report.Slot,
            status = report.Status,
            payload = JsonSerializer.Serialize(ReportNames.ToStored(report with { Deliveries = [] }), PayloadJson),
            mentionedIds = ReportBuilder.MentionedIds(report),
            shownRelationships,
            relationshipKeys = ReportBuilder.DetailCandidates(report, shownRelationships),
            webhookUrl = webhookUrl?.ToString(),
            entryId = OutboxEntryId(report.Id),
            token = Guid.NewGuid().ToString("N"),
        }, cancellationToken)).SingleOrDefault<SaveRow>();
        return row is null ? null : (row.Read(), row.Created);
    }

    /// <summary>The outbox entry of a report's webhook delivery: one per report, the same for every instance that stores it.</summary>
    public static string OutboxEntryId(string reportId) => $"out-{reportId}";

    /// <summary>The latest other report of the opportunity, as the charter lets it be read now: what a new one is compared with.</summary>
    public async Task<StoredReport?> PreviousAsync(string opportunityId, string exceptId, CancellationToken cancellationToken)
    {
        var audience = await AudienceAsync(clock.GetUtcNow(), cancellationToken);
        return (await graph.For(audience).ReadAsync(Previous, new { opportunityId, id = exceptId },
            cancellationToken)).SingleOrDefault<ReportRow>()?.Read();
    }

    public async Task<StoredReport?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var audience = await AudienceAsync(clock.GetUtcNow(), cancellationToken);
        return (await graph.For(audience).ReadAsync(Get, new { id }, cancellationToken))
            .SingleOrDefault<ReportRow>()?.Read();
    }

    /// <summary>Whom every stored report is read for, under today's charter: every seller.</summary>
    private async Task<Viewer> AudienceAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        Viewer.ReportAudience(await charters.GetAsync(cancellationToken), at);

    public async Task<(long Total, IReadOnlyList<StoredReport> Items)> ListAsync(string? opportunityId, DateTimeOffset? since, Paging paging,
        CancellationToken cancellationToken)
    {
        var audience = await AudienceAsync(clock.GetUtcNow(), cancellationToken);
        var row = (await graph.For(audience).ReadAsync(List, new
        {
            opportunityId, since, skip = paging.Skip, limit = paging.PageSize,
        }, cancellationToken)).SingleOrDefault<PageRow>()!;
        return (row.Total, row.Items.Select(i => i.Read()).ToList());
    }

    /// <summary>The relationships to the opportunity's buying center the viewer sees that went stale since <paramref name="previous"/>.</summary>
    public async Task<IReadOnlyList<StaleRelationship>> WentStaleAsync(string opportunityId, Viewer viewer, DateTimeOffset? previous,
        CancellationToken cancellationToken) =>
        (await graph.For(viewer).ReadAsync(WentStale, new { opportunityId, previous },
            cancellationToken)).As<StaleRelationship>();

    /// <summary>The account's people changes from <paramref name="since"/> to <paramref name="until"/> that the viewer may see, oldest first.</summary>
    public async Task<ReportPeopleChanges> PeopleChangesAsync(string organizationId, Viewer viewer, DateTimeOffset since, DateTimeOffset until,
        CancellationToken cancellationToken) =>
        new(since, (await graph.For(viewer).ReadAsync(PeopleChanges, new { organizationId, since, until },
            cancellationToken)).As<ReportPeopleChange>());

    public async Task<IReadOnlyList<string>> OpenOpportunityIdsAsync(CancellationToken cancellationToken) =>
        (await graph.ReadAsync(OpenOpportunities, null, cancellationToken)).As<IdRow>().Select(r => r.Id).ToList();

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
