using System.Globalization;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// How well we cover a whole account, as a viewer may see it (<c>cypher/accounts/coverage.cypher</c>): per department
/// and per division, counted from each person's direct reaches (<see cref="Reaches"/>), plus a warm-path check for the
/// senior people no one of ours reaches directly.
/// </summary>
public sealed class AccountCoverage(IGraph graph, IOptions<InsightOptions> insights, IOptions<AccountOptions> accounts)
{
    private static readonly CypherQuery Query = Cypher.Load("accounts/coverage");

    /// <summary>The name of the group of people whose department is not given.</summary>
    public const string NoDepartment = "(no department)";

    /// <summary>Targets per warm-path statement when looking for routes to senior people.</summary>
    private const int RouteBatch = 50;

    public const string ScoreNote = "The coverage score is Σ weight × factor, each factor a share or a mean in [0, 1] (a factor with " +
                                    "nothing to count is 0). Reach scores are scored as one-hop routes: a relationship you may see " +
                                    "counts its strength (× Insights:StaleFactor when stale), an introduction the fixed introduction " +
                                    "trust (offered only where the relationship behind it is worth at least that). They rank; they are " +
                                    "not probabilities.";

    private static readonly Seniority[] SeniorLevels = [Seniority.Executive, Seniority.Vp, Seniority.Director];

    private static readonly Seniority?[] SeniorityOrder =
        [Seniority.Executive, Seniority.Vp, Seniority.Director, Seniority.Manager, Seniority.Individual, null];

    private sealed record PersonRow(PersonSummary Person, string? Department, Seniority? Seniority, List<ReachRow> Reaches)
    {
        /// <summary>The VP heading the person's division (from <see cref="CoverageRow.Divisions"/>), if any.</summary>
        public string? DivisionHeadId { get; init; }
    }

    /// <summary>A person and the VP heading their division.</summary>
    private sealed record DivisionRow(string PersonId, string HeadId);

    private sealed record CoverageRow(string OrganizationId, string OrganizationName, string Kind, List<PersonRow> People, List<DivisionRow> Divisions)
    {
        public IEnumerable<PersonRow> PeopleInDivisions()
        {
            var heads = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var d in Divisions) heads.TryAdd(d.PersonId, d.HeadId);
            return People.Select(p => p with { DivisionHeadId = heads.GetValueOrDefault(p.Person.Id) });
        }
    }

    /// <summary>One person, every way in (best first), and whether any warm path reaches them.</summary>
    private sealed record Covered(PersonRow Row, IReadOnlyList<Reach> Ranked, bool HasRoute)
    {
        public bool Senior => Row.Seniority is { } s && SeniorLevels.Contains(s);
        public Reach? Best => Ranked.Count > 0 ? Ranked[0] : null;
    }

    /// <summary>The answer, or why there is none: an unknown organization (not found) or our own.</summary>
    public sealed record Read(bool Found, bool Ours, Audited<AccountCoverageResponse>? Answer);

    public async Task<Read> ComputeAsync(string organizationId, Viewer viewer, CancellationToken cancellationToken)
    {
        var options = insights.Value;
        var row = (await graph.For(viewer).ReadAsync(Query,
            new { organizationId, trust = options.EdgeTrust, staleFactor = options.StaleFactor },
            cancellationToken)).SingleOrDefault<CoverageRow>();
        if (row is null) return new Read(false, false, null);
        if (row.Kind == "own") return new Read(true, true, null);

        var ranked = row.PeopleInDivisions().Select(p => (Row: p, Ranked: Reaches.Ranked(new PersonRef(p.Person.Id, p.Person.Name), p.Reaches))).ToList();
        // A senior person none of ours knows may still be reached through their colleagues: only no warm path at all is a gap.
        var unreached = ranked.Where(p => p.Ranked.Count == 0 && p.Row.Seniority is { } s && SeniorLevels.Contains(s))
            .Select(p => p.Row.Person.Id).ToList();
        var routed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in unreached.Chunk(RouteBatch))
        {
            var routes = await WarmPaths.FindAsync(graph, batch, fromId: null, WarmPaths.MaxHops, 1, viewer, options, cancellationToken);
            routed.UnionWith(routes.Where(r => r.Value.Best.Count > 0).Select(r => r.Key));
        }
        var people = ranked.Select(p => new Covered(p.Row, p.Ranked, p.Ranked.Count > 0 || routed.Contains(p.Row.Person.Id))).ToList();

        var departments = people
            .GroupBy(p => string.IsNullOrWhiteSpace(p.Row.Department) ? null : p.Row.Department.Trim())
            .OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(g.Key ?? NoDepartment, null, g.ToList()))
            .ToList();
        var byId = people.ToDictionary(p => p.Row.Person.Id, StringComparer.Ordinal);
        var divisions = people
            .Where(p => p.Row.DivisionHeadId is { } head && byId.ContainsKey(head))
            .GroupBy(p => p.Row.DivisionHeadId!)
            .Select(g => (Head: byId[g.Key].Row.Person, Members: g.ToList()))
            .OrderBy(d => d.Head.Name, StringComparer.Ordinal).ThenBy(d => d.Head.Id, StringComparer.Ordinal)
            .Select(d => Group(d.Head.Name, d.Head, d.Members))
            .ToList();

        var known = people.Count(p => p.Best is not null);
        var senior = people.Count(p => p.Senior);
        var seniorWithRoute = people.Count(p => p.Senior && p.HasRoute);
        var answer = new AccountCoverageResponse(row.OrganizationId, row.OrganizationName, viewer.Now, people.Count, known, senior, seniorWithRoute,
            departments, divisions, Score(people, departments, accounts.Value.CoverageWeights), ScoreNote);
        return new Read(true, false, new Audited<AccountCoverageResponse>(answer, Shown(answer)));
    }

    /// <summary>How many of each group's list items the whole account's answer shows (a drill-down pages them).</summary>
    public const int SummaryListLimit = 10;

    /// <summary>What one call asks for: the whole account (<c>Department</c> and <c>DivisionId</c>
    /// null) or one group; the page of the divisions, or of the group's lists.</summary>
    public sealed record Part(string? Department, string? DivisionId, Paging Paging);

    /// <summary>
    /// The part of a whole answer one call asks for, so that a 100,000-person account answers in a few hundred KiB:
    /// every department and one page of the divisions with each group's lists cut to <see cref="SummaryListLimit"/>, or
    /// one department or division with one page of each of its lists. Null when the group asked for is not there.
    /// </summary>
    public static AccountCoverageResponse? View(AccountCoverageResponse whole, Part part)
    {
        var (department, divisionId, paging) = part;
        var divisions = whole.Divisions.Count;
        if (department is null && divisionId is null)
        {
            var view = new CoverageView(null, null, paging.Page, paging.PageSize, divisions, SummaryListLimit);
            return whole with
            {
                Departments = whole.Departments.Select(g => Cut(g, 0, SummaryListLimit)).ToList(),
                Divisions = whole.Divisions.Skip(paging.Skip).Take(paging.PageSize).Select(g => Cut(g, 0, SummaryListLimit)).ToList(),
                View = view,
            };
        }
        var group = department is not null
            ? whole.Departments.FirstOrDefault(g => g.Name == department)
            : whole.Divisions.FirstOrDefault(g => g.Head?.Id == divisionId);
        if (group is null) return null;
        var page = Cut(group, paging.Skip, paging.PageSize);
        return whole with
        {
            Departments = department is not null ? [page] : [],
            Divisions = divisionId is not null ? [page] : [],
            View = new CoverageView(department, divisionId, paging.Page, paging.PageSize, divisions, null),
        };
    }

    private static CoverageGroup Cut(CoverageGroup group, int skip, int take) => group with
    {
        OurPeople = group.OurPeople.Skip(skip).Take(take).ToList(),
        SeniorWithoutRoute = group.SeniorWithoutRoute.Skip(skip).Take(take).ToList(),
        StaleCoverage = group.StaleCoverage.Skip(skip).Take(take).ToList(),
    };

    /// <summary>The relationships the answer shows, in detail or as introductions: each group's best way in and its stale ones.</summary>
    public static IReadOnlyCollection<RelationshipKey> Shown(AccountCoverageResponse answer) =>
        answer.Departments.Concat(answer.Divisions)
            .SelectMany(g => g.StaleCoverage.Select(s => new RelationshipKey(s.OurPerson.Id, s.TheirPerson.Id))
                .Concat(g.Best is { } best ? new[] { best.Key } : []))
            .ToHashSet();

    private static CoverageGroup Group(string name, PersonSummary? head, IReadOnlyList<Covered> members)
    {
        var bySeniority = SeniorityOrder
            .Select(s => new SeniorityCount(s, members.Count(m => m.Row.Seniority == s), members.Count(m => m.Row.Seniority == s && m.Best is not null)))
            .ToList();
        var best = members.Where(m => m.Best is not null)
            .OrderByDescending(m => m.Best!.Score)
            .ThenBy(m => m.Best!.Relationship is null ? 1 : 0)
            .ThenBy(m => m.Best!.Relationship?.Stale == true ? 1 : 0)
            .ThenBy(m => m.Best!.HeldBy.Id, StringComparer.Ordinal)
            .ThenBy(m => m.Row.Person.Id, StringComparer.Ordinal)
            .Select(m => m.Best)
            .FirstOrDefault();
        var ours = members.SelectMany(m => m.Ranked.Select(r => r.HeldBy)).DistinctBy(p => p.Id).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        return new CoverageGroup(name, head, members.Count, bySeniority,
            members.Count(m => m.Best is not null),
            members.Count(m => m.Best is not null && m.Ranked.All(r => r.Introduction is not null)),
            best, ours, ours.Count == 1,
            members.Where(m => m.Senior && !m.HasRoute).Select(m => m.Row.Person).ToList(),
            members.Where(m => m.Best?.Relationship is { Stale: true }).Select(m => m.Best!.Relationship!).ToList(),
            ours.Count, members.Count(m => m.Senior && !m.HasRoute), members.Count(m => m.Best?.Relationship is { Stale: true }));
    }

    private static CoverageScore Score(IReadOnlyList<Covered> people, IReadOnlyList<CoverageGroup> departments, CoverageWeights weights)
    {
        static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
        var known = people.Where(p => p.Best is not null).ToList();
        var senior = people.Where(p => p.Senior).ToList();
        var covered = departments.Where(d => d.OurPeople.Count > 0).ToList();
        var strength = known.Count == 0 ? 0 : known.Average(p => p.Best!.Score);
        var factors = new List<CoverageFactor>
        {
            Factor("breadth", Share(known.Count, people.Count), weights.Breadth,
                $"{known.Count} of {people.Count} people reached directly by one of ours"),
            Factor("seniorReach", Share(senior.Count(p => p.HasRoute), senior.Count), weights.SeniorReach,
                $"{senior.Count(p => p.HasRoute)} of {senior.Count} senior people (executives, VPs, directors) with a warm path"),
            Factor("strength", strength, weights.Strength,
                $"the mean best reach score of the {known.Count} people reached directly"),
            Factor("threading", Share(covered.Count(d => !d.SingleThreaded), covered.Count), weights.Threading,
                $"{covered.Count(d => !d.SingleThreaded)} of {covered.Count} covered departments reached by more than one of ours"),
        };
        var value = WarmPaths.Round(factors.Sum(f => f.Contribution));
        var explanation = "Score = " + string.Join(" + ", factors.Select(f => $"{Number(f.Weight)} × {Number(f.Value)} ({f.Name})")) + $" = {Number(value)}.";
        return new CoverageScore(value, factors, explanation);
    }

    private static CoverageFactor Factor(string name, double value, double weight, string basis) =>
        new(name, WarmPaths.Round(value), weight, WarmPaths.Round(weight * value), basis + ".");

    private static string Number(double value) => WarmPaths.Round(value).ToString("0.######", CultureInfo.InvariantCulture);
}
