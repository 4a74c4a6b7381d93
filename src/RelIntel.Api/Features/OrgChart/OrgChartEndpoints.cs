using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.OrgChart;

/// <summary>Bulk org-chart import: a CRM sends an organization's people and lines in one call, JSON or CSV.</summary>
public static class OrgChartEndpoints
{
    /// <summary>Records per call; larger charts are sent in several merge calls.</summary>
    public const int MaxRecords = 10_000;

    /// <summary>Rows per UNWIND statement inside the one transaction.</summary>
    private const int BatchSize = 2_000;

    private static readonly CypherQuery Context = Cypher.Load("org-chart/context");
    private static readonly CypherQuery UpsertPeople = Cypher.Load("org-chart/upsert-people");
    private static readonly CypherQuery SetLines = Cypher.Load("org-chart/set-lines");
    private static readonly CypherQuery RecordTitleChanges = Cypher.Load("people/record-title-changes");
    private static readonly CypherQuery RecordManagerChanges = Cypher.Load("org-chart/record-manager-changes");
    private static readonly CypherQuery Employ = Cypher.Load("people/employ");
    private static readonly CypherQuery Leave = Cypher.Load("people/leave");
    private static readonly CypherQuery ShownIds = Cypher.Load("people/shown-ids");
    private static readonly CypherQuery RekeyPeople = Cypher.Load("org-chart/rekey-people");
    private static readonly CypherQuery Touch = Cypher.Load("accounts/touch");

    public static RouteGroupBuilder MapOrgChart(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/organizations/{id}/org-chart").WithTags("Org chart").RequireAuthorization(Policies.CrmWriter);
        group.MapPost("/", ImportAsync)
            .WithName("importOrgChart").AcceptsIdempotencyKey()
            .WithSummary("Import an organization's org chart")
            .WithDescription(
                $"JSON `{{mode, people: [...]}}` or `text/csv` with the columns id,name,title,email,department,seniority,managerId," +
                "dottedManagerIds (dotted ids separated by `;`, quoted in a `;`-separated file; the mode then comes from `?mode=`), " +
                "separated by commas, semicolons or tabs (whichever the header line uses). A column the import does not know is " +
                "a 400 naming it, unless `?ignoreUnknownColumns=true` (the answer's `ignoredColumns` lists them); a row with " +
                "another number of cells than the header is a 400 naming the row. Records may come in any order. " +
                "Merge semantics: a field a record leaves out (a JSON member not sent, a CSV column the file does not have) " +
                "keeps what is stored; a JSON null or an empty CSV cell clears it; `replace` keeps fields the same way. " +
                "A record that sends managerId or dottedManagerIds states those lines completely: they replace the person's " +
                "stored lines of that kind. " +
                "An id of someone at another organization moves them here (their history and our " +
                "relationships with them follow); a new id with `samePersonAs` (JSON member or CSV column) naming someone who " +
                "left is that person under a new id, with the checks of PUT /api/people/{id} (the record fails naming " +
                "samePersonAs when they are unknown, have not left, were on the other side, or the new id is taken). `replace` makes the organization's people who are not in the chart leave: " +
                "they get `leftAt`, their lines end, they stay with their history (only DELETE /api/people/{id} erases); " +
                "the answer counts them (`left`) and lists them (`leftIds`, do-not-contact people to admins only). " +
                "A replace that would make more than `OrgChart:MaxLeaverShare` (20 %) of the organization's current people " +
                $"leave, and more than {OrgChartOptions.LeaversAlwaysAllowed}, looks like a partial export: it writes nothing " +
                "and answers 409 naming the count, unless `?confirmLeavers=` gives that exact count. " +
                $"At most {MaxRecords} records per call. The answer lists every record in request order: 200 when all were " +
                "stored, 207 when some failed (each failure names its fields); nothing of a failed record is written. " +
                "Send an `Idempotency-Key` header to make retries safe: the same key and body returns the first answer " +
                "without writing again; the same key with another body is a 422.")
            .Accepts<OrgChartRequest>("application/json", "text/csv")
            .Produces<OrgChartResponse>(StatusCodes.Status200OK)
            .Produces<OrgChartResponse>(StatusCodes.Status207MultiStatus)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private sealed record ContextRow(bool Found, string? Kind, long People, List<OrgChartPlan.Member> Members,
        List<OrgChartPlan.Elsewhere> Elsewhere, List<OrgChartPlan.SamePerson> SamePeople);

    /// <summary>The account's chart version after the import's commit and how many people work there then.</summary>
    private sealed record TouchedRow(string OrganizationId, long ChartVersion, long People);

    private static async Task<IResult> ImportAsync(
        string id, HttpRequest request, Caller caller, Viewer viewer, IGraph graph, Idempotency idempotency, TimeProvider clock,
        IOptions<JsonOptions> json, IOptions<OrgChartOptions> options, AccountFacts facts, CancellationToken cancellationToken, string? mode = null,
        int? confirmLeavers = null, bool? ignoreUnknownColumns = null)
    {
        var validation = new Validation();
        if (confirmLeavers < 0) validation.Add("confirmLeavers", "Must be zero or more.");
        if (!BulkBody.IsJson(request) && !BulkBody.IsCsv(request)) return BulkBody.UnsupportedType();
        await using var body = BulkBody.Open(request);
        if (body is null) return BulkBody.TooLargeProblem();
        var key = Idempotency.KeyFrom(request, validation);
        var queryMode = validation.Word<ImportMode>("mode", mode);

        var chart = BulkBody.IsJson(request)
            ? await ReadJsonAsync(body, json.Value.SerializerOptions, validation, cancellationToken)
            : await ReadCsvAsync(body, ignoreUnknownColumns ?? false, validation);
        if (validation.Problem() is { } problem) return problem;
        var (claim, replay) = await idempotency.ClaimAsync(request, caller, key, body.Hash(), cancellationToken);
        if (replay is not null) return replay;
        var write = new Write(id, chart!, queryMode, confirmLeavers, claim);
        return await idempotency.UnderAsync(claim, () => WriteAsync(write, viewer, graph, idempotency, clock, options.Value, facts,
            json.Value.SerializerOptions, cancellationToken));
    }

    private sealed record Write(string Id, OrgChartRequest Chart, ImportMode? QueryMode, int? ConfirmLeavers, Idempotency.Claim? Claim);

    private sealed record ShownRow(List<string> Ids);

    private static async Task<IResult> WriteAsync(Write write, Viewer viewer, IGraph graph, Idempotency idempotency, TimeProvider clock,
        OrgChartOptions options, AccountFacts facts, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var (id, chart, queryMode, confirmLeavers, claim) = write;
        var importMode = chart.Mode ?? queryMode ?? ImportMode.Merge;
        var records = chart.People!;
        var context = (await graph.ReadAsync(Context, ContextParameters(id, records, importMode), cancellationToken))
            .SingleOrDefault<ContextRow>()!;
        if (!context.Found)
        {
            await idempotency.ReleaseAsync(claim);
            return Problems.NotFound("Organization", "id", id);
        }

        var plan = new OrgChartPlan(records, importMode, context.Members, context.Elsewhere, context.SamePeople, context.Kind == "own");
        if (LeaverGuard(plan.Leave.Count, context.People, confirmLeavers, options) is { } refused)
        {
            await idempotency.ReleaseAsync(claim);
            return refused;
        }
        // The answer names leavers through the charter, and is stored for replays under the caller's own key.
        var shownLeavers = plan.Leave.Count == 0 ? [] : (await graph.For(viewer).ReadAsync(ShownIds, new { ids = plan.Leave },
            cancellationToken)).SingleOrDefault<ShownRow>()!.Ids;
        var answer = new OrgChartResponse(id, importMode, records.Count,
            plan.Results.Count(r => r.Status == RecordStatus.Created),
            plan.Results.Count(r => r.Status == RecordStatus.Updated),
            plan.Results.Count(r => r.Status == RecordStatus.Failed),
            plan.Leave.Count,
            shownLeavers,
            plan.Results,
            chart.IgnoredColumns);
        var status = answer.Failed == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus;
        var now = clock.GetUtcNow();
        var members = context.Members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var titles = plan.People.Where(p => members.Contains(p.Id)).Select(p => new { id = p.Id, title = p.Title }).ToList();
        var managers = plan.Lines.Where(l => members.Contains(l.Id))
            .SelectMany(l => l.Lines.Where(line => line.Kind == "solid").Select(line => new { id = l.Id, managerId = line.ManagerId }))
            .ToList();

        var touched = await graph.ExecuteWriteAsync(async tx =>
        {
            // Records that are someone who left take over that person first, so the move below is theirs.
            foreach (var batch in plan.Rekeys.Chunk(BatchSize))
                await tx.RunAsync(RekeyPeople, new { rows = batch }, cancellationToken);
            foreach (var batch in titles.Chunk(BatchSize))
                await tx.RunAsync(RecordTitleChanges, new { organizationId = id, rows = batch, now }, cancellationToken);
            // Employment first (moves end the old job with its old title), then the people's fields, then the lines, so
            // lines can point at managers listed after their reports. An organization's first import records no joins.
            foreach (var batch in plan.People.Chunk(BatchSize))
            {
                await tx.RunAsync(Employ, new
                {
                    organizationId = id, ids = batch.Select(p => p.Id), now, since = now, recordJoins = context.People > 0,
                }, cancellationToken);
                await tx.RunAsync(UpsertPeople, new { organizationId = id, rows = batch, now }, cancellationToken);
            }
            foreach (var batch in managers.Chunk(BatchSize))
                await tx.RunAsync(RecordManagerChanges, new { organizationId = id, rows = batch, now }, cancellationToken);
            foreach (var batch in plan.Lines.Chunk(BatchSize))
                await tx.RunAsync(SetLines, new { people = batch, now }, cancellationToken);
            // People left out of a replaced chart leave: kept with their history, never erased by a sync.
            foreach (var batch in plan.Leave.Chunk(BatchSize))
                await tx.RunAsync(Leave, new { organizationId = id, ids = batch, now }, cancellationToken);
            // The account's derived facts follow its chart: they are refreshed before they are used again.
            var version = (await tx.RunAsync(Touch, new { organizationIds = new[] { id } }, cancellationToken)).SingleOrDefault<TouchedRow>();
            await idempotency.SaveAsync(tx, claim, status, answer, cancellationToken);
            return version;
        }, cancellationToken);
        // Refreshed now (in the background for a large account) rather than by the first answer after a load. Our own
        // organization has no influencers to rank.
        if (touched is not null && context.Kind != "own") await facts.AfterChartChangeAsync(id, touched.ChartVersion, touched.People, cancellationToken);

        return TypedResults.Json(answer, json, statusCode: status);
    }

    /// <summary>
    /// What the import reads first. A replace needs every current person of the organization (the others leave); a merge
    /// only the people its records name (ids, managers, dotted managers) and the managers above them, so that a call
    /// costs its own size, not the account's (a 100,000-person account loaded in merge calls of 5,000 read 95,000
    /// people on its last call).
    /// </summary>
    private static object ContextParameters(string organizationId, IReadOnlyList<OrgChartPerson> records, ImportMode mode)
    {
        var ids = records.Select(r => r.Id).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var everyone = mode == ImportMode.Replace;
        var named = everyone ? [] : ids
            .Concat(records.Select(r => r.ManagerId).OfType<string>())
            .Concat(records.SelectMany(r => r.DottedManagerIds ?? []))
            .Distinct(StringComparer.Ordinal).ToList();
        return new
        {
            organizationId,
            ids,
            everyone,
            named,
            samePeople = records.Where(r => r.Id is not null && r.SamePersonAs is not null)
                .Select(r => new { id = r.Id, samePersonAs = r.SamePersonAs }).ToList(),
        };
    }

    /// <summary>
    /// A replace that would make a large share of the organization leave is more likely a partial export than news: it
    /// writes nothing unless the caller confirms the exact number of leavers.
    /// </summary>
    private static ProblemHttpResult? LeaverGuard(int leavers, long current, int? confirmLeavers, OrgChartOptions options)
    {
        if (leavers <= OrgChartOptions.LeaversAlwaysAllowed || leavers <= options.MaxLeaverShare * current) return null;
        if (confirmLeavers == leavers) return null;
        var share = current == 0 ? 0 : (double)leavers / current;
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many people would leave",
            detail: $"This replace would make {leavers} of the organization's {current} current people leave ({share:P0}), more " +
                    $"than the {options.MaxLeaverShare:P0} a sync may do unconfirmed: a partial export would look the same. " +
                    $"Nothing was written. If they did leave, send it again with ?confirmLeavers={leavers}.",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = "confirmLeavers", ["leavers"] = leavers, ["current"] = current, ["share"] = Math.Round(share, 4),
                ["maxLeaverShare"] = options.MaxLeaverShare,
            });
    }

    private static readonly string[] CsvColumns =
        ["id", "name", "title", "email", "department", "seniority", "managerId", "dottedManagerIds", "samePersonAs"];

    private static async Task<OrgChartRequest?> ReadJsonAsync(Stream body, JsonSerializerOptions options, Validation validation,
        CancellationToken cancellationToken)
    {
        var read = await BulkFormats.ReadJsonAsync<OrgChartPerson>(body, options, "people", MaxRecords, validation, cancellationToken);
        if (read is null) return null;
        ImportMode? mode = null;
        if (read.Properties.TryGetValue("mode", out var word))
        {
            try
            {
                mode = word.Deserialize<ImportMode?>(options);
            }
            catch (JsonException e)
            {
                validation.Add("mode", JsonErrors.Message(e));
                return null;
            }
        }
        return new OrgChartRequest(mode, read.Items);
    }

    /// <summary>A CSV's columns are what its records state: an empty cell of a present column clears the field.</summary>

    private static async Task<OrgChartRequest?> ReadCsvAsync(Stream body, bool ignoreUnknownColumns, Validation validation)
    {
        IReadOnlySet<string>? sent = null;
        var people = await BulkFormats.ReadCsvRowsAsync(body, CsvColumns, ["id", "name"], MaxRecords, "people", row => new OrgChartPerson(
            row.Cell("id"), row.Cell("name"), row.Cell("title"), row.Cell("email"), row.Cell("department"), row.Cell("seniority"),
            row.Cell("managerId"),
            row.Cell("dottedManagerIds")?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            row.Cell("samePersonAs"))
        {
            Sent = sent ??= CsvColumns.Where(row.Has).ToHashSet(StringComparer.OrdinalIgnoreCase),
        }, validation, ignoreUnknownColumns);
        return people is null ? null : new OrgChartRequest(null, people.Items) { IgnoredColumns = people.IgnoredColumns };
    }
}
