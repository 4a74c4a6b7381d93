using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Charter;

/// <summary>
/// The one erasure of people, as <c>DELETE /api/people/{id}</c> runs it (an org-chart <c>replace</c> never erases: people
/// it leaves out leave), in the caller's transaction: the people go with every line, relationship, membership,
/// participation, their employment history and the changes feeds' entries about them; reports naming them go;
/// keys acting as them are revoked; relationships they owned pass to the relationship's own person; and every copy of
/// their id, exact stored name and email elsewhere becomes <c>[erased]</c>.
/// </summary>
/// <remarks>
/// Copies are replaced as whole words only: where no letter, digit or <c>-_:@</c> touches them (a full stop may follow), so
/// erasing "Al" leaves "Also" and "al-2" alone, and erasing "Sync" leaves a key named "crm-sync-job" alone. A name shorter
/// than <see cref="MinNameLength"/> characters is replaced only where a whole value equals it: such a name is too likely
/// to be an unrelated word. Stored JSON (bulk answers, reports) is scrubbed value by value, so escaping cannot hide a copy.
/// </remarks>
public sealed partial class Erasure(TimeProvider clock, AuditLog audit)
{
    public const string Erased = "[erased]";
    public const int MinNameLength = 3;

    private static readonly CypherQuery Find = Cypher.Load("charter/erasure/find");
    private static readonly CypherQuery Remove = Cypher.Load("charter/erasure/remove");
    private static readonly CypherQuery Copies = Cypher.Load("charter/erasure/copies");
    private static readonly CypherQuery Scrub = Cypher.Load("charter/erasure/scrub");

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Person(string Id, string? Name, string? Email);

    private sealed record AuditCopy(string ElementId, string? CallerKeyName, string? Path, string? CallerPersonId, List<string>? Relationships);

    private sealed record KeyCopy(string ElementId, string? Name, string? CreatedBy, string? PersonId);

    private sealed record CharterCopy(string ElementId, string? UpdatedBy);

    private sealed record AnswerCopy(string ElementId, string? Body);

    private sealed record OpportunityCopy(string ElementId, string? Name, string? BudgetNote, string? AuthorityNote, string? NeedNote,
        string? TimingNote);

    private sealed record InteractionCopy(string ElementId, List<string>? CountedPairs);

    private sealed record ReportCopy(string ElementId, string? Payload);

    private sealed record CopiesRow(List<AuditCopy> Audit, List<KeyCopy> Keys, List<CharterCopy> Charters, List<AnswerCopy> Answers,
        List<OpportunityCopy> Opportunities, List<InteractionCopy> Interactions, List<ReportCopy> Reports);

    /// <summary>Rows per statement of a large erasure (an org-chart replace may leave thousands out).</summary>
    private const int BatchSize = 2_000;

    /// <summary>
    /// Erases the people with these ids (unknown ids are skipped), in <paramref name="tx"/>; answers the ids that were
    /// erased. Call it once per transaction: it takes the audit's lock for the rest of the transaction.
    /// </summary>
    public async Task<IReadOnlyList<string>> EraseAsync(IGraphTransaction tx, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        // What this instance's audit holds goes in first, so the erasure finds it (other instances' entries scrub themselves).
        await audit.FlushAsync(cancellationToken);
        var people = new List<Person>();
        foreach (var batch in ids.Chunk(BatchSize))
            people.AddRange((await tx.RunAsync(Find, new { ids = batch }, cancellationToken)).As<Person>());
        if (people.Count == 0) return [];
        var erasedIds = people.Select(p => p.Id).ToList();
        var words = Words.For(people);

        var copies = (await tx.RunAsync(Copies, new { needles = words.Needles }, cancellationToken)).SingleOrDefault<CopiesRow>()!;
        foreach (var batch in erasedIds.Chunk(BatchSize))
            await tx.RunAsync(Remove, new { ids = batch, now = clock.GetUtcNow() }, cancellationToken);
        await tx.RunAsync(Scrub, new
        {
            audit = copies.Audit.Select(a => a with
            {
                CallerKeyName = words.Replace(a.CallerKeyName),
                Path = words.Replace(a.Path),
                CallerPersonId = words.Replace(a.CallerPersonId),
                Relationships = a.Relationships?.Select(r => words.Replace(r)!).ToList(),
            }),
            keys = copies.Keys.Select(k => k with
            {
                Name = words.Replace(k.Name), CreatedBy = words.Replace(k.CreatedBy), PersonId = words.Replace(k.PersonId),
            }),
            charters = copies.Charters.Select(c => c with { UpdatedBy = words.Replace(c.UpdatedBy) }),
            answers = copies.Answers.Select(a => a with { Body = words.ReplaceInJson(a.Body) }),
            opportunities = copies.Opportunities.Select(o => o with
            {
                Name = words.Replace(o.Name),
                BudgetNote = words.Replace(o.BudgetNote),
                AuthorityNote = words.Replace(o.AuthorityNote),
                NeedNote = words.Replace(o.NeedNote),
                TimingNote = words.Replace(o.TimingNote),
            }),
            interactions = copies.Interactions.Select(i => i with { CountedPairs = i.CountedPairs?.Select(p => words.Replace(p)!).ToList() }),
            reports = copies.Reports.Select(r => r with { Payload = words.ReplaceInJson(r.Payload) }),
        }, cancellationToken);
        return erasedIds;
    }

    // A word stands as a whole where no word character touches it; a full stop may follow (the end of a sentence), and
    // may not precede (a domain or a dotted id goes on).
    private const string Before = @"(?<![\p{L}\p{N}_@:\-.])";
    private const string After = @"(?![\p{L}\p{N}_@:\-]|\.[\p{L}\p{N}])";

    /// <summary>The erased people's ids, emails and names, and how each is recognised as a whole word.</summary>
    private sealed class Words
    {
        private readonly List<Regex> patterns = [];
        private readonly HashSet<string> exactOnly = new(StringComparer.Ordinal);

        /// <summary>What the candidate search looks for (plain substrings).</summary>
        public List<string> Needles { get; } = [];

        public static Words For(IEnumerable<Person> people)
        {
            var words = new Words();
            foreach (var person in people)
            {
                words.AddToken(person.Id);
                if (!string.IsNullOrWhiteSpace(person.Email)) words.AddToken(person.Email.Trim());
                if (string.IsNullOrWhiteSpace(person.Name)) continue;
                var name = person.Name.Trim();
                words.Needles.Add(name);
                if (name.Length < MinNameLength) words.exactOnly.Add(name);
                else words.patterns.Add(WholeWord(name));
            }
            return words;
        }

        private void AddToken(string token)
        {
            Needles.Add(token);
            patterns.Add(WholeWord(token));
        }

        private static Regex WholeWord(string word) =>
            new(Before + Regex.Escape(word) + After, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        public string? Replace(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            if (exactOnly.Contains(text.Trim())) return Erased;
            foreach (var pattern in patterns) text = pattern.Replace(text, Erased);
            return text;
        }

        /// <summary>Replaces within every string value of a JSON document.</summary>
        public string? ReplaceInJson(string? json)
        {
            if (string.IsNullOrEmpty(json)) return json;
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(json);
            }
            catch (JsonException)
            {
                return Replace(json);
            }
            return (Walk(root) ?? root)?.ToJsonString(RelaxedJson) ?? json;
        }

        private JsonNode? Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                        if (Walk(child) is { } replaced) obj[key] = replaced;
                    return null;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                        if (Walk(array[i]) is { } replaced) array[i] = replaced;
                    return null;
                case JsonValue value when value.TryGetValue<string>(out var text):
                    var scrubbed = Replace(text);
                    return scrubbed == text ? null : JsonValue.Create(scrubbed);
                default:
                    return null;
            }
        }
    }
}
