using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Api.Features.Accounts;

/// <summary>
/// The political org chart of an account (<c>cypher/accounts/org-chart.cypher</c>): the customer's hierarchy, or one
/// division of it, with our coverage of every person as the viewer may see it, as JSON or as a picture.
/// </summary>
public static class AccountOrgCharts
{
    private static readonly CypherQuery Query = Cypher.Load("accounts/org-chart");

    /// <summary>The most people one chart shows: a 500-person division still reads as a picture.</summary>
    public const int MaxPeople = 500;

    /// <summary>The most levels a chart goes down (and the default).</summary>
    public const int MaxDepth = 50;

    public const string Kind = "Political org chart";

    public const string ScoreNote = "Coverage is the best way one of ours reaches the person directly, scored as a one-hop route: a " +
                                    "relationship you may see counts its strength (halved, by Insights:StaleFactor, when stale), an " +
                                    "introduction through one you may not see (offered only where that one is worth at least it) counts the " +
                                    "fixed introduction trust. Scores rank in [0, 1]; " +
                                    "they are not probabilities.";

    private sealed record PersonRow(PersonResponse Person, int Level, List<ReachRow> Reaches);

    private sealed record ChartRow(bool OrganizationExists, string? OrganizationName, string? Kind, PersonRef? Root, string? RootOrganizationId,
        long Total, List<PersonRow> People, List<PowerMapLine> Lines);

    /// <summary>
    /// What the read found. <paramref name="Answer"/> is null when the organization is unknown, of our own kind, the
    /// root is unknown (or hidden from the viewer) or elsewhere, or the chart holds more than <see cref="MaxPeople"/>
    /// people (<paramref name="Total"/>).
    /// </summary>
    public sealed record Read(bool OrganizationFound, bool Ours, bool RootFound, string? RootOrganizationId, long Total,
        AccountOrgChartResponse? Answer);

    public static async Task<Read> ReadAsync(IGraph graph, string organizationId, string? rootId, int depth, Viewer viewer,
        InsightOptions options, CancellationToken cancellationToken)
    {
        var row = (await graph.For(viewer).ReadAsync(Query, new
        {
            organizationId,
            rootId,
            depth,
            maxPeople = MaxPeople,
            trust = options.EdgeTrust,
            staleFactor = options.StaleFactor,
        }, cancellationToken)).SingleOrDefault<ChartRow>()!;
        var rootFound = rootId is null || row.Root is not null;
        if (!row.OrganizationExists || row.Kind == "own" || !rootFound || (rootId is not null && row.RootOrganizationId != organizationId) ||
            row.Total > MaxPeople)
            return new Read(row.OrganizationExists, row.Kind == "own", rootFound, row.RootOrganizationId, row.Total, null);

        var people = row.People.Select(p =>
        {
            var them = new PersonRef(p.Person.Id, p.Person.Name);
            var ranked = Reaches.Ranked(them, p.Reaches);
            return new OrgChartEntry(p.Person.Id, p.Person.Name, p.Person.Title, p.Person.Department, p.Person.Seniority, p.Person.ManagerId,
                p.Person.DottedManagerIds, p.Level, p.Person.DoNotContact, ranked.FirstOrDefault(),
                ranked.Select(r => r.HeldBy).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList(),
                ranked.Count(r => r.Relationship?.Stale == true));
        }).ToList();
        var answer = new AccountOrgChartResponse(organizationId, row.OrganizationName ?? organizationId, row.Root, depth, viewer.Now, people,
            row.Lines, ScoreNote);
        return new Read(true, false, true, row.RootOrganizationId, row.Total, answer);
    }

    /// <summary>Every relationship the chart shows, in detail or as an introduction: every way in to every person (for the audit).</summary>
    public static IEnumerable<RelationshipKey> Shown(AccountOrgChartResponse chart) =>
        chart.People.SelectMany(p => p.OurPeople.Select(ours => new RelationshipKey(ours.Id, p.Id)));

    /// <summary>The chart as a picture: one card per person with their coverage, the reporting and informal lines among them.</summary>
    public static Chart Picture(AccountOrgChartResponse chart)
    {
        var cards = chart.People.Select(p => new ChartCard(p.Id, p.Name, p.Title, [], null, null, false, null,
            p.Coverage is { } reach ? new CardCoverage(reach.Score, reach.HeldBy.Name, reach.Introduction is not null) : new CardCoverage(0, null),
            Uncovered: p.Coverage is null, Stale: p.Coverage?.Relationship?.Stale == true, Faded: false,
            Caption: Caption(p), DoNotContact: p.DoNotContact, Detail: Detail(p))).ToList();
        var onChart = cards.Select(c => c.PersonId).ToHashSet(StringComparer.Ordinal);
        var hierarchy = ChartLines.Reporting([], chart.People.Select(p => new HierarchyPerson(p.Id, p.Name, p.Title, p.ManagerId, p.DottedManagerIds)),
            onChart);
        var title = chart.Root is { } root
            ? $"{root.Name} and everyone below{(chart.Depth < MaxDepth ? $" (down {chart.Depth} levels)" : "")}"
            : chart.OrganizationName;
        var header = new ChartHeader(Kind, title, chart.OrganizationName, chart.AsOf, null, Summary(chart), CoverageBasis.DirectRelationship);
        return new Chart(header, cards, hierarchy, ChartLines.Informal(chart.Lines, []));
    }

    private static string Caption(OrgChartEntry person)
    {
        var parts = new[] { person.Department, person.Seniority is { } s ? EnumWords.Word(s) : null }.Where(p => !string.IsNullOrWhiteSpace(p));
        var caption = string.Join(" · ", parts);
        return caption.Length == 0 ? "department not given" : caption;
    }

    /// <summary>How many of ours know the person, and how many of those relationships went stale.</summary>
    private static string? Detail(OrgChartEntry person) => person.OurPeople.Count switch
    {
        0 => null,
        var n => $"{(n == 1 ? "1 of ours" : $"{n} of ours")} reach{(n == 1 ? "es" : "")} them" +
                 (person.StaleRelationships > 0 ? $" · {person.StaleRelationships} stale" : ""),
    };

    /// <summary>What the picture's header lists: whom none of ours knows, the senior ones by name, and stale coverage.</summary>
    private static IReadOnlyList<string> Summary(AccountOrgChartResponse chart)
    {
        var lines = new List<string>();
        var reachable = chart.People.Where(p => !p.DoNotContact).ToList();
        var unknown = reachable.Where(p => p.Coverage is null).ToList();
        lines.Add($"{unknown.Count} of {reachable.Count} people shown have no relationship of ours (nor an introduction).");
        var senior = unknown.Where(p => SeniorLevels.Contains(p.Seniority)).Select(p => p.Name).ToList();
        if (senior.Count > 0)
            lines.Add($"Senior people no one of ours knows: {string.Join(", ", senior.Take(8))}{(senior.Count > 8 ? $" and {senior.Count - 8} more" : "")}.");
        var stale = reachable.Count(p => p.Coverage?.Relationship?.Stale == true);
        if (stale > 0) lines.Add($"{stale} {(stale == 1 ? "person is" : "people are")} known best through a stale relationship: refresh it.");
        return lines;
    }
}
