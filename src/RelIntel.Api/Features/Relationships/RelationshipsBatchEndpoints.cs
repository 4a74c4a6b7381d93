using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
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
            .WithSummary("Declare many relationships at once")
            .WithDescription(
                "A JSON array of relationships (the body of PUT /api/relationships) or `text/csv` with the columns " +
                "ourPersonId,theirPersonId,strength,since,source,ownerId,visibility. Each record is written as a single PUT " +
                $"would write it; all in one transaction. At most {MaxRecords} records per call. The answer lists every record " +
                "in request order: 200 when all were stored, 207 when some failed (each failure names its fields). " +
                "`Idempotency-Key` works as for the org-chart import.")
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
        HttpRequest request, IGraph graph, Idempotency idempotency, IOptions<CharterOptions> charter, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!BulkBody.IsJson(request) && !BulkBody.IsCsv(request)) return BulkBody.UnsupportedType();
        var body = await BulkBody.ReadAsync(request, cancellationToken);
        if (body is null) return BulkBody.TooLarge();
        var validation = new Validation();
        var claim = Idempotency.ClaimFor(request, body, validation);
        var records = BulkBody.IsJson(request) ? ReadJson(body, json.Value.SerializerOptions, validation) : ReadCsv(body, validation);
        if (records is { Count: > MaxRecords }) validation.Add("body", $"At most {MaxRecords} records per call.");
        if (validation.Problem() is { } problem) return problem;
        if (await idempotency.ReplayAsync(claim, cancellationToken) is { } replay) return replay;

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

        var now = clock.GetUtcNow();
        return await graph.InTransactionAsync(async tx =>
        {
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                var written = (await tx.RunAsync(RelationshipWrites.Upsert, RelationshipWrites.Parameters(chunk, charter.Value, now),
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
        }, cancellationToken);
    }

    private static List<(RelationshipRequest Record, IDictionary<string, string[]> ParseErrors)>? ReadJson(
        byte[] body, JsonSerializerOptions options, Validation validation)
    {
        try
        {
            var records = JsonSerializer.Deserialize<List<RelationshipRequest>>(body, options);
            if (records is null) validation.Add("body", "A JSON array of relationships is required.");
            return records?.Select(r => (r, (IDictionary<string, string[]>)new Dictionary<string, string[]>())).ToList();
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" Path:", StringComparison.Ordinal);
            validation.Add(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), cut > 0 ? e.Message[..cut] : e.Message);
            return null;
        }
    }

    private static List<(RelationshipRequest Record, IDictionary<string, string[]> ParseErrors)>? ReadCsv(byte[] body, Validation validation)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8);
        using var csv = new CsvReader(reader, configuration);
        var records = new List<(RelationshipRequest, IDictionary<string, string[]>)>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                validation.Add("body", "A CSV header line is required (ourPersonId,theirPersonId,strength,since,source,ownerId,visibility).");
                return null;
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
            foreach (var required in new[] { "ourpersonid", "theirpersonid" }.Where(c => !header.Contains(c)))
                validation.Add("header", $"The column '{required}' is missing.");
            if (!validation.IsValid) return null;
            while (csv.Read())
            {
                if (records.Count > MaxRecords) break;
                var errors = new Validation();
                double? strength = null;
                if (Field(csv, "strength") is { } s)
                {
                    if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) strength = parsed;
                    else errors.Add("strength", "Must be a number between 0 and 1.");
                }
                DateOnly? since = null;
                if (Field(csv, "since") is { } d)
                {
                    if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) since = date;
                    else errors.Add("since", "Must be a date (yyyy-MM-dd).");
                }
                var source = errors.Word<RelationshipSource>("source", Field(csv, "source"));
                var visibility = errors.Word<Visibility>("visibility", Field(csv, "visibility"));
                records.Add((new RelationshipRequest(Field(csv, "ourpersonid"), Field(csv, "theirpersonid"), strength, since, source,
                    Field(csv, "ownerid"), visibility), errors.Errors));
            }
        }
        catch (CsvHelperException e)
        {
            validation.Add("body", $"Not valid CSV near line {e.Context?.Parser?.RawRow}.");
            return null;
        }
        return records;
    }

    private static string? Field(CsvReader csv, string column) =>
        csv.TryGetField<string>(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
