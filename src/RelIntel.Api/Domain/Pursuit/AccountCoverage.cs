using System.Globalization;
using Microsoft.Extensions.Options;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// How well we cover a whole account, as a viewer may see it (<c>cypher/accounts/coverage.cypher</c>): per department
/// and per division, counted and ranked in the statement from each person's direct reaches, which sends back one row per
/// group with only the lists the part asked for shows (never one row per person); plus a warm-path check for the senior
/// people no one of ours reaches directly.
/// </summary>
/// <remarks>
/// The head counts and each person's division come from the account's derived facts (<see cref="CoverageFactsCalculator"/>),
/// so the statement reads only the people our side knows there and the senior people. Facts behind the account's chart
/// are refreshed first (<see cref="AccountFacts.RefreshAsync"/>), whatever the account's size: coverage is exact. When
/// the chart keeps changing faster than the facts can follow, the answer is counted by walking the whole chart
/// (<c>cypher/accounts/coverage-walk.cypher</c>, the same answer at the cost of the head count), as it is with
/// <c>Accounts:CoverageFromFacts</c> false.
/// </remarks>
public sealed class AccountCoverage(IGraph graph, AccountFacts facts, IOptions<InsightOptions> insights, IOptions<AccountOptions> accounts)
{
    private static readonly CypherQuery Query = Cypher.Load("accounts/coverage");
    private static readonly CypherQuery Walk = Cypher.Load("accounts/coverage-walk");

    /// <summary>The name of the group of people whose department is not given.</summary>
    public const string NoDepartment = "(no department)";

    /// <summary>Senior people per statement when looking for whether any warm path reaches them.</summary>
    private const int RouteBatch = 500;

    public const string ScoreNote = "The coverage score is Σ weight × factor, each factor a share or a mean in [0, 1] (a factor with " +
                                    "nothing to count is 0). Reach scores are scored as one-hop routes: a relationship you may see " +
                                    "counts its strength (× Insights:StaleFactor when stale), an introduction the fixed introduction " +
                                    "trust (offered only where the relationship behind it is worth at least that). They rank; they are " +
                                    "not probabilities.";

    private sealed record GroupRow(string Kind, string? Name, PersonSummary? Head, int People, List<SeniorityCount> BySeniority, int Known,
        int KnownByIntroductionOnly, double BestScoreSum, BestRow? Best, List<PersonRef> OurPeople, int OurPeopleCount,
        List<RelationshipSeen> Stale, int StaleCount, List<PersonSummary> SeniorUnreached);

    /// <summary>A group's best way in as the statement ranks it (<c>accounts.reaches</c>'s fields, and whom it reaches).</summary>
    private sealed record BestRow(double Score, bool Seen, double? Strength, bool? Stale, PersonRef OurPerson, PersonRef TheirPerson)
    {
        public Reach ToReach() => Reaches.Score(TheirPerson, new ReachRow(OurPerson, Seen, Score, Strength, Stale));
    }

    private sealed record CoverageRow(string OrganizationId, string OrganizationName, string Kind, List<GroupRow> Groups)
    {
        /// <summary>Whether the account's facts were current for the chart the statement saw (the walk needs none).</summary>
        public bool FactsCurrent { get; init; } = true;

        public long ChartVersion { get; init; }
    }

    /// <summary>The answer, or why there is none: an unknown organization (not found) or our own.</summary>
    public sealed record Read(bool Found, bool Ours, Audited<AccountCoverageResponse>? Answer)
    {
        /// <summary>The department or division asked for is not there.</summary>
        public bool Missing { get; init; }
    }

    /// <summary>
    /// The part of the account's coverage one call asks for (<see cref="Part"/>): the statement counts and ranks every
    /// group and sends back only the lists this part shows, so the API reads one row per group, never one per person.
    /// </summary>
    public async Task<Read> ComputeAsync(string organizationId, Viewer viewer, Part part, CancellationToken cancellationToken)
    {
        var options = insights.Value;
        var drill = part.Department is not null || part.DivisionId is not null;
        var parameters = new
        {
            organizationId, trust = options.EdgeTrust, staleFactor = options.StaleFactor, factsKey = facts.Settings.Key,
            department = part.Department, divisionId = part.DivisionId,
            divisionSkip = drill ? 0 : part.Paging.Skip, divisionTake = drill ? 0 : part.Paging.PageSize,
            summarySkip = 0, summaryTake = SummaryListLimit,
            listSkip = part.Paging.Skip, listTake = part.Paging.PageSize,
        };
        var row = await CountAsync(organizationId, viewer, parameters, cancellationToken);
        if (row is null) return new Read(false, false, null);
        if (row.Kind == "own") return new Read(true, true, null);

        // A senior person none of ours knows may still be reached through their colleagues: only no warm path at all is a gap.
        var unreached = row.Groups.Where(g => g.Kind == "department").SelectMany(g => g.SeniorUnreached).Select(p => p.Id).ToList();
        var routed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in unreached.Chunk(RouteBatch))
            routed.UnionWith(await WarmPaths.RoutedAsync(graph, batch, WarmPaths.MaxHops, viewer, options, cancellationToken));
        var (listSkip, listTake) = drill ? (part.Paging.Skip, part.Paging.PageSize) : (0, SummaryListLimit);

        var departmentRows = row.Groups.Where(g => g.Kind == "department")
            .OrderBy(g => g.Name is null ? 1 : 0).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var departments = departmentRows.Select(g => Group(g with { Name = g.Name ?? NoDepartment, Head = null }, routed, listSkip, listTake)).ToList();
        // The statement sends divisions in head name, id order, as they are paged.
        var divisions = row.Groups.Where(g => g.Kind == "division").Select(g => Group(g, routed, listSkip, listTake)).ToList();

        var people = departmentRows.Sum(g => g.People);
        var known = departmentRows.Sum(g => g.Known);
        var senior = departmentRows.Sum(g => g.BySeniority.Where(s => SeniorLevels.Contains(s.Seniority)).Sum(s => s.People));
        var seniorWithRoute = senior - unreached.Count(id => !routed.Contains(id));
        var strength = known == 0 ? 0 : departmentRows.Sum(g => g.BestScoreSum) / known;
        var whole = new AccountCoverageResponse(row.OrganizationId, row.OrganizationName, viewer.Now, people, known, senior, seniorWithRoute,
            departments, divisions, Score(people, known, senior, seniorWithRoute, strength, departments, accounts.Value.CoverageWeights), ScoreNote);
        if (View(whole, part) is not { } answer) return new Read(true, false, null) { Missing = true };
        return new Read(true, false, new Audited<AccountCoverageResponse>(answer, Shown(answer)));
    }

    /// <summary>
    /// The statement's row: from the account's facts, refreshed first when they are behind its chart, or by walking the
    /// whole chart when they cannot be brought up to date (or are not to be used). One refresh is waited for:
    /// <see cref="AccountFacts.RefreshAsync"/> already waits out a refresh that was running, so facts still behind after
    /// it mean a chart that keeps changing, and the walk is exact whatever it does.
    /// </summary>
    private async Task<CoverageRow?> CountAsync(string organizationId, Viewer viewer, object parameters, CancellationToken cancellationToken)
    {
        var reader = graph.For(viewer);
        async Task<CoverageRow?> Count(CypherQuery statement) =>
            (await reader.ReadAsync(statement, parameters, cancellationToken)).SingleOrDefault<CoverageRow>();

        if (accounts.Value.CoverageFromFacts)
        {
            var row = await Count(Query);
            if (FactsBehind(row))
            {
                await facts.RefreshAsync(organizationId, row!.ChartVersion, cancellationToken);
                row = await Count(Query);
            }
            if (!FactsBehind(row)) return row;
        }
        return await Count(Walk);
    }

    /// <summary>A customer whose facts were behind the chart the statement saw (our own organization and an unknown one need none).</summary>
    private static bool FactsBehind(CoverageRow? row) => row is { Kind: not "own", FactsCurrent: false };

    /// <summary>How many of each group's list items the whole account's answer shows (a drill-down pages them).</summary>
    public const int SummaryListLimit = 10;

    /// <summary>What one call asks for: the whole account (<c>Department</c> and <c>DivisionId</c>
    /// null) or one group; the page of the divisions, or of the group's lists.</summary>
    public sealed record Part(string? Department, string? DivisionId, Paging Paging)
    {
        /// <summary>The whole account with every division on one page (a report's account section counts them all).</summary>
        public static readonly Part Everything = new(null, null, new Paging(1, int.MaxValue));
    }

    /// <summary>
    /// The part one call asks for, so that a 100,000-person account answers in a few hundred KiB: every department and one
    /// page of the divisions (each group's lists already cut to <see cref="SummaryListLimit"/> by the statement), or one
    /// department or division (its lists already paged by the statement). Null when the group asked for is not there.
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
                Divisions = whole.Divisions.Skip(paging.Skip).Take(paging.PageSize).ToList(),
                View = view,
            };
        }
        var group = department is not null
            ? whole.Departments.FirstOrDefault(g => g.Name == department)
            : whole.Divisions.FirstOrDefault(g => g.Head?.Id == divisionId);
        if (group is null) return null;
        return whole with
        {
            Departments = department is not null ? [group] : [],
            Divisions = divisionId is not null ? [group] : [],
            View = new CoverageView(department, divisionId, paging.Page, paging.PageSize, divisions, null),
        };
    }

    /// <summary>The relationships the answer shows, in detail or as introductions: each group's best way in and its stale ones.</summary>
    public static IReadOnlyCollection<RelationshipKey> Shown(AccountCoverageResponse answer) =>
        answer.Departments.Concat(answer.Divisions)
            .SelectMany(g => g.StaleCoverage.Select(s => new RelationshipKey(s.OurPerson.Id, s.TheirPerson.Id))
                .Concat(g.Best is { } best ? new[] { best.Key } : []))
            .ToHashSet();

    /// <summary>One group as the answer shows it: the senior people with no warm path at all are its gaps, paged like its other lists.</summary>
    private static CoverageGroup Group(GroupRow g, HashSet<string> routed, int skip, int take)
    {
        var gaps = g.SeniorUnreached.Where(p => !routed.Contains(p.Id)).ToList();
        return new CoverageGroup(g.Name!, g.Head, g.People, g.BySeniority, g.Known, g.KnownByIntroductionOnly, g.Best?.ToReach(),
            g.OurPeople, g.OurPeopleCount == 1, gaps.Skip(skip).Take(take).ToList(), g.Stale, g.OurPeopleCount, gaps.Count, g.StaleCount);
    }

    private static CoverageScore Score(int people, int known, int senior, int seniorWithRoute, double strength,
        IReadOnlyList<CoverageGroup> departments, CoverageWeights weights)
    {
        static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
        var covered = departments.Where(d => d.OurPeopleCount > 0).ToList();
        var factors = new List<CoverageFactor>
        {
            Factor("breadth", Share(known, people), weights.Breadth,
                $"{known} of {people} people reached directly by one of ours"),
            Factor("seniorReach", Share(seniorWithRoute, senior), weights.SeniorReach,
                $"{seniorWithRoute} of {senior} senior people (executives, VPs, directors) with a warm path"),
            Factor("strength", strength, weights.Strength,
                $"the mean best reach score of the {known} people reached directly"),
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
