using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Relationships;

/// <summary>What happened to one relationship of a batch, in request order (ids and field names only).</summary>
public sealed record RelationshipRecordResult(
    int Index, string? OurPersonId, string? TheirPersonId, RecordStatus Status, IDictionary<string, string[]>? Errors = null);

public sealed record RelationshipBatchResponse(int Received, int Created, int Updated, int Failed, IReadOnlyList<RelationshipRecordResult> Results)
    : IHasExample<RelationshipBatchResponse>
{
    public static RelationshipBatchResponse Example => new(2, 1, 0, 1,
    [
        new RelationshipRecordResult(0, "p-sam-ae", "p-dana", RecordStatus.Created),
        new RelationshipRecordResult(1, "p-sam-ae", "p-nobody", RecordStatus.Failed,
            new Dictionary<string, string[]> { ["theirPersonId"] = ["No person has id 'p-nobody'."] }),
    ]);
}

/// <summary>Bulk relationships: many "one of ours knows one of theirs" at once, JSON array or CSV.</summary>
public static class RelationshipsBatchEndpoints
{
    public const int MaxRecords = 10_000;
    private const int BatchSize = 2_000;

    public static RouteGroupBuilder MapRelationshipsBatch(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/relationships/batch").WithTags("Relationships");
        group.MapPost("/", ImportAsync)
            .WithName("importRelationships").AcceptsIdempotencyKey()
            .WithSummary("Declare many relationships at once")
            .WithDescription(
                "A JSON array of relationships (the body of PUT /api/relationships) or `text/csv` with the columns " +
                "ourPersonId,theirPersonId,strength,since,source,ownerId,visibility. Each record is written as a single PUT " +
                $"would write it; all in one transaction. At most {MaxRecords} records per call. The answer lists every record " +
                "in request order: 200 when all were stored, 207 when some failed (each failure names its fields). " +
                "`Idempotency-Key` works as for the org-chart import. Seller and manager keys write only their own relationships " +
                "(others fail with 403 in their record). A null record, a record that is not an object, or more records than allowed " +
                "is a 400 naming its index.")
            .Accepts<List<RelationshipRequest>>("application/json", "text/csv")
            .Produces<RelationshipBatchResponse>(StatusCodes.Status200OK)
            .Produces<RelationshipBatchResponse>(StatusCodes.Status207MultiStatus)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, Caller caller, ViewerGraph graph, Idempotency idempotency, IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!BulkBody.IsJson(request) && !BulkBody.IsCsv(request)) return BulkBody.UnsupportedType();
        await using var body = BulkBody.Open(request);
        if (body is null) return BulkBody.TooLargeProblem();
        var validation = new Validation();
        var key = Idempotency.KeyFrom(request, validation);
        var records = BulkBody.IsJson(request)
            ? await ReadJsonAsync(body, json.Value.SerializerOptions, validation, cancellationToken)
            : await ReadCsvAsync(body, validation);
        if (validation.Problem() is { } problem) return problem;
        var (claim, answer) = await idempotency.ClaimAsync(request, caller, key, body.Hash(), cancellationToken);
        if (answer is not null) return answer;

        var results = new RelationshipRecordResult?[records!.Count];
        var rows = new List<RelationshipWrites.WriteRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var (record, parseErrors) = records[i];
            var check = record.Validate();
            foreach (var (field, messages) in parseErrors)
                foreach (var message in messages) check.Add(field, message);
            if (check.IsValid) rows.Add(RelationshipWrites.Row(i, record));
            else results[i] = new RelationshipRecordResult(i, record.OurPersonId, record.TheirPersonId, RecordStatus.Failed, check.Errors);
        }

        // Written in one order of people (answers still come in request order, by index): concurrent batches then take
        // their locks on our people, whose many relationships make them dense nodes, in the same order, instead of
        // deadlocking on them and being retried.
        rows.Sort(static (a, b) =>
        {
            var byOurs = string.CompareOrdinal(a.OurPersonId, b.OurPersonId);
            if (byOurs != 0) return byOurs;
            var byTheirs = string.CompareOrdinal(a.TheirPersonId, b.TheirPersonId);
            // A pair sent twice is still written in request order: the later record wins, as before.
            return byTheirs != 0 ? byTheirs : a.Index.CompareTo(b.Index);
        });
        // Relationships into accounts change answers at those accounts only (the answer cache keeps the others).
        using var scope = WriteScope.OfPeople(rows.Select(row => row.TheirPersonId!));
        return await idempotency.UnderAsync(claim, () => graph.ExecuteWriteAsync(async tx =>
        {
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                var written = (await tx.RunAsync(RelationshipWrites.Upsert,
                    RelationshipWrites.Parameters(chunk, graph.Viewer, caller, graph.Viewer.Now, withRelationship: false),
                    cancellationToken)).As<RelationshipWrites.UpsertRow>();
                foreach (var row in written)
                {
                    var record = records[row.Index].Record;
                    results[row.Index] = RelationshipWrites.Why(row.Outcome, record) is { } why
                        ? new RelationshipRecordResult(row.Index, record.OurPersonId, record.TheirPersonId, RecordStatus.Failed,
                            new Dictionary<string, string[]> { [why.Field] = [why.Detail] })
                        : new RelationshipRecordResult(row.Index, record.OurPersonId, record.TheirPersonId,
                            row.Created ? RecordStatus.Created : RecordStatus.Updated);
                }
            }
            var all = results.Select(r => r!).ToList();
            var answer = new RelationshipBatchResponse(all.Count,
                all.Count(r => r.Status == RecordStatus.Created),
                all.Count(r => r.Status == RecordStatus.Updated),
                all.Count(r => r.Status == RecordStatus.Failed),
                all);
            var status = answer.Failed == 0 ? StatusCodes.Status200OK : StatusCodes.Status207MultiStatus;
            await idempotency.SaveAsync(tx, claim, status, answer, cancellationToken);
            return (IResult)TypedResults.Json(answer, json.Value.SerializerOptions, statusCode: status);
        }, cancellationToken));
    }

    private static readonly string[] CsvColumns = ["ourPersonId", "theirPersonId", "strength", "since", "source", "ownerId", "visibility"];

    private static async Task<List<(RelationshipRequest Record, IDictionary<string, string[]> ParseErrors)>?> ReadJsonAsync(
        Stream body, JsonSerializerOptions options, Validation validation, CancellationToken cancellationToken) =>
        (await BulkFormats.ReadJsonAsync<RelationshipRequest>(body, options, arrayProperty: null, MaxRecords, validation, cancellationToken))
            ?.Items.Select(r => (r, (IDictionary<string, string[]>)new Dictionary<string, string[]>())).ToList();

    /// <summary>CSV cells are words and numbers: a bad one fails its record, not the whole body.</summary>
    private static Task<List<(RelationshipRequest Record, IDictionary<string, string[]> ParseErrors)>?> ReadCsvAsync(Stream body,
        Validation validation) =>
        BulkFormats.ReadCsvAsync(body, CsvColumns, ["ourPersonId", "theirPersonId"], MaxRecords, "", cell =>
        {
            var errors = new Validation();
            double? strength = null;
            if (cell("strength") is { } s)
            {
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) strength = parsed;
                else errors.Add("strength", "Must be a number between 0 and 1.");
            }
            DateOnly? since = null;
            if (cell("since") is { } d)
            {
                if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) since = date;
                else errors.Add("since", "Must be a date (yyyy-MM-dd).");
            }
            var source = errors.Word<RelationshipSource>("source", cell("source"));
            var visibility = errors.Word<Visibility>("visibility", cell("visibility"));
            return (new RelationshipRequest(cell("ourPersonId"), cell("theirPersonId"), strength, since, source, cell("ownerId"), visibility),
                errors.Errors);
        }, validation);
}
