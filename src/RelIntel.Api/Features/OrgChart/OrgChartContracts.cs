using System.Text.Json.Serialization;
using RelIntel.Api.Infrastructure;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.OrgChart;

public enum ImportMode
{
    /// <summary>Upsert the chart's people; people not in the chart stay. Fields not sent keep what is stored.</summary>
    Merge,

    /// <summary>Upsert the chart's people; the organization's people who are not in it leave (they are kept, with their history). Fields not sent keep what is stored.</summary>
    Replace,
}

/// <summary>
/// One person of an org chart. Seniority is a word checked per record, so one bad value fails one record. A field not
/// sent (a JSON member left out, a CSV column the file does not have) keeps what is stored; null (an empty CSV cell) clears.
/// <c>samePersonAs</c> names someone who left (anywhere) whom this new record is: their history and our relationships
/// come along under the new id, as with <c>PUT /api/people/{id}</c>.
/// </summary>
public sealed record OrgChartPerson(
    string? Id,
    string? Name,
    string? Title = null,
    string? Email = null,
    string? Department = null,
    string? Seniority = null,
    string? ManagerId = null,
    IReadOnlyList<string>? DottedManagerIds = null,
    string? SamePersonAs = null) : ISentFields<OrgChartPerson>
{
    /// <summary>The fields the record was sent with, by JSON name; null: all of them.</summary>
    [JsonIgnore]
    public IReadOnlySet<string>? Sent { get; init; }

    public OrgChartPerson WithSent(IReadOnlySet<string> sent) => this with { Sent = sent };

    /// <summary>Whether the record states <paramref name="field"/> (else the stored value stays).</summary>
    public bool States(string field) => Sent?.Contains(field) ?? true;
}

public sealed record OrgChartRequest(ImportMode? Mode, IReadOnlyList<OrgChartPerson>? People) : IHasExample<OrgChartRequest>
{
    /// <summary>CSV header columns skipped with <c>ignoreUnknownColumns=true</c>.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];

    public static OrgChartRequest Example => new(ImportMode.Merge,
    [
        new OrgChartPerson("p-dana", "Dana Whitfield", "VP Operations", "dana.whitfield@globex.example", "Operations", "vp", "p-ceo", ["p-cfo"]),
        new OrgChartPerson("p-ceo", "Morgan Hale", "Chief Executive Officer", Seniority: "executive"),
        new OrgChartPerson("p-cfo", "Lee Okafor", "Chief Financial Officer", Seniority: "executive", ManagerId: "p-ceo"),
    ]);
}

/// <summary>What happened to one record, in request order. Only ids and field names: answers are kept for
/// idempotent replays and must not hold personal data that an erasure would have to chase.</summary>
public sealed record RecordResult(int Index, string? Id, RecordStatus Status, IDictionary<string, string[]>? Errors = null);

public sealed record OrgChartResponse(
    string OrganizationId,
    ImportMode Mode,
    int Received,
    int Created,
    int Updated,
    int Failed,
    int Left,
    IReadOnlyList<string> LeftIds,
    IReadOnlyList<RecordResult> Results,
    IReadOnlyList<string> IgnoredColumns) : IHasExample<OrgChartResponse>
{
    public static OrgChartResponse Example => new("acct-globex", ImportMode.Merge, 3, 2, 0, 1, 0, [],
    [
        new RecordResult(0, "p-dana", RecordStatus.Created),
        new RecordResult(1, "p-ceo", RecordStatus.Created),
        new RecordResult(2, "p-cfo", RecordStatus.Failed, new Dictionary<string, string[]> { ["email"] = ["Must be an email address."] }),
    ], []);
}

/// <summary>Checks a seniority word the way single-person writes do.</summary>
internal static class SeniorityWords
{
    public static Seniority? Check(Validation validation, string? word) => validation.Word<Seniority>("seniority", word);
}
