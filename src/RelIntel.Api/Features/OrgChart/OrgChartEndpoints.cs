using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
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

    public static RouteGroupBuilder MapOrgChart(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/organizations/{id}/org-chart").WithTags("Org chart").RequireAuthorization(Policies.CrmWriter);
        group.MapPost("/", ImportAsync)
            .WithName("importOrgChart").AcceptsIdempotencyKey()
            .WithSummary("Import an organization's org chart")
            .WithDescription(
                $"JSON `{{mode, people: [...]}}` or `text/csv` with the columns id,name,title,email,department,seniority,managerId," +
                "dottedManagerIds (dotted ids separated by `;`; the mode then comes from `?mode=`). Records may come in any order. " +
                "Each record states the person's reporting lines completely: its managerId and dottedManagerIds replace the " +
                "person's stored lines. `replace` also erases the organization's people who are not in the chart. " +
                $"At most {MaxRecords} records per call. The answer lists every record in request order: 200 when all were " +
                "stored, 207 when some failed (each failure names its fields); nothing of a failed record is written. " +
                "Send an `Idempotency-Key` header to make retries safe: the same key and body returns the first answer " +
                "without writing again; the same key with another body is a 422.")
            .Accepts<OrgChartRequest>("application/json", "text/csv")
            .Produces<OrgChartResponse>(StatusCodes.Status200OK)
            .Produces<OrgChartResponse>(StatusCodes.Status207MultiStatus)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private sealed record ContextRow(bool Found, string? Kind, List<OrgChartPlan.Member> Members, List<OrgChartPlan.Elsewhere> Elsewhere);

    private static async Task<IResult> ImportAsync(
        string id, HttpRequest request, Caller caller, IGraph graph, Idempotency idempotency, Erasure erasure, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken cancellationToken, string? mode = null)
    {
        var validation = new Validation();
        if (!BulkBody.IsJson(request) && !BulkBody.IsCsv(request)) return BulkBody.UnsupportedType();
        await using var body = BulkBody.Open(request);
        if (body is null) return BulkBody.TooLargeProblem();
        var key = Idempotency.KeyFrom(request, validation);
        var queryMode = validation.Word<ImportMode>("mode", mode);

        var chart = BulkBody.IsJson(request)
            ? await ReadJsonAsync(body, json.Value.SerializerOptions, validation, cancellationToken)
            : await ReadCsvAsync(body, validation);
        if (validation.Problem() is { } problem) return problem;
        var (claim, replay) = await idempotency.ClaimAsync(request, caller, key, body.Hash(), cancellationToken);
        if (replay is not null) return replay;
        return await idempotency.UnderAsync(claim, () => WriteAsync(id, chart!, queryMode, claim, graph, idempotency, erasure, clock,
            json.Value.SerializerOptions, cancellationToken));
    }

    private static async Task<IResult> WriteAsync(string id, OrgChartRequest chart, ImportMode? queryMode, Idempotency.Claim? claim,
        IGraph graph, Idempotency idempotency, Erasure erasure, TimeProvider clock, JsonSerializerOptions json,
        CancellationToken cancellationToken)
    {
        var importMode = chart.Mode ?? queryMode ?? ImportMode.Merge;
        var records = chart.People!;
        var context = (await graph.ReadAsync(Context, new
        {
            organizationId = id,
            ids = records.Select(r => r.Id).OfType<string>().Distinct().ToList(),
        }, cancellationToken)).SingleOrDefault<ContextRow>()!;
        if (!context.Found) return Problems.NotFound("Organization", "id", id);

        var plan = new OrgChartPlan(records, importMode, context.Members, context.Elsewhere);
        var answer = new OrgChartResponse(id, importMode, records.Count,
            plan.Results.Count(r => r.Status == RecordStatus.Created),
            plan.Results.Count(r => r.Status == RecordStatus.Updated),
            plan.Results.Count(r => r.Status == RecordStatus.Failed),
            plan.Remove.Count,
            plan.Results);
        var status = answer.Failed == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus;
        var now = clock.GetUtcNow();

        await graph.ExecuteWriteAsync(async tx =>
        {
            // People first, so lines can point at managers listed after their reports.
            foreach (var batch in plan.People.Chunk(BatchSize))
                await tx.RunAsync(UpsertPeople, new { organizationId = id, rows = batch, now }, cancellationToken);
            foreach (var batch in plan.Lines.Chunk(BatchSize))
                await tx.RunAsync(SetLines, new { people = batch, now }, cancellationToken);
            // People left out of a replaced chart are erased, exactly as DELETE /api/people/{id} erases one.
            await erasure.EraseAsync(tx, plan.Remove, cancellationToken);
            await idempotency.SaveAsync(tx, claim, status, answer, cancellationToken);
            return true;
        }, cancellationToken);

        return TypedResults.Json(answer, json, statusCode: status);
    }

    private static readonly string[] CsvColumns =
        ["id", "name", "title", "email", "department", "seniority", "managerId", "dottedManagerIds"];

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

    private static async Task<OrgChartRequest?> ReadCsvAsync(Stream body, Validation validation)
    {
        var people = await BulkFormats.ReadCsvAsync(body, CsvColumns, ["id", "name"], MaxRecords, "people", cell => new OrgChartPerson(
            cell("id"), cell("name"), cell("title"), cell("email"), cell("department"), cell("seniority"), cell("managerId"),
            cell("dottedManagerIds")?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)), validation);
        return people is null ? null : new OrgChartRequest(null, people);
    }
}
