using System.Globalization;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;
using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>What the warm-paths query found for one target.</summary>
/// <param name="Best">The k best paths, best first.</param>
/// <param name="BestPerStart">The best path from each of our people who can reach the target, best first.</param>
public sealed record TargetRoutes(IReadOnlyList<Route> Best, IReadOnlyList<Route> BestPerStart)
{
    public static TargetRoutes None { get; } = new([], []);
}

/// <summary>A warm path with the facts the plan and the gaps need besides what the caller sees.</summary>
/// <param name="Path">The path as the caller sees it.</param>
/// <param name="Start">The one of ours the path starts from.</param>
/// <param name="StartSeniority">Their seniority, for matching seniority in the plan.</param>
/// <param name="CrossesStaleRelationship">Whether the relationship it crosses is stale.</param>
/// <param name="Waiting">The caller's own introduction request along this route still waiting for an answer, as words
/// ("waiting for Victor Lang's answer since 3 days"), or null.</param>
/// <param name="MovedHere">When the person our relationship reaches moved here from another organization, the reason
/// saying so ("moved here from Globex; Ava Reyes knows them"), worded as the caller may see the relationship.</param>
public sealed record Route(WarmPath Path, PersonRef Start, Seniority? StartSeniority, bool CrossesStaleRelationship,
    string? Waiting = null, string? MovedHere = null)
{
    public IReadOnlyList<string> Via => Path.Hops.Skip(1).Select(h => h.From.Id).ToList();
}

/// <summary>Runs <c>cypher/insights/warm-paths.cypher</c> and turns its rows into explained paths.</summary>
public static class WarmPaths
{
    private static readonly CypherQuery Query = Cypher.Load("insights/warm-paths");
    private static readonly CypherQuery Routed = Cypher.Load("insights/routed");

    /// <summary>Enough of our people per target for the engagement plan to spread the load.</summary>
    private const int StartsPerTarget = 10;

    public const int MaxHops = 4;

    /// <summary>The relationships the paths cross, for the audit: shown in detail or as an introduction.</summary>
    public static IReadOnlyCollection<RelationshipKey> RelationshipsIn(IEnumerable<WarmPath> paths) =>
        paths.SelectMany(path => path.Hops)
            .Where(hop => hop.Type is HopType.Knows or HopType.Introduction)
            .Select(hop => new RelationshipKey(hop.From.Id, hop.To.Id))
            .ToHashSet();

    public const string ScoreNote = "Scores rank routes in [0, 1]: the product of each hop's trust times the hop penalty for every " +
                                    "hop after the first. They are not probabilities.";

    private sealed record HopRow(HopType Type, string? Kind, double Trust, double? Declared, double? Learned, bool? Stale, bool? SharedStrength,
        DateTimeOffset? PendingSince, string? MovedFrom);

    private sealed record PathRow(double Score, double TrustProduct, Seniority? StartSeniority, List<PersonRef> People, List<HopRow> Hops,
        List<string> TheirSide);

    private sealed record ConflictRow(string PersonId, string PersonName, string OtherId, string OtherName, string Sentiment);

    private sealed record TargetRow(string TargetId, List<PathRow> Paths, List<PathRow> BestPerStart, List<ConflictRow> Conflicts);

    /// <summary>The routes to each target (targets that are do-not-contact or unknown are left out).</summary>
    public static async Task<IReadOnlyDictionary<string, TargetRoutes>> FindAsync(
        IGraph graph, IReadOnlyCollection<string> targetIds, string? fromId, int maxHops, int k, Viewer viewer,
        InsightOptions options, CancellationToken cancellationToken)
    {
        if (targetIds.Count == 0) return new Dictionary<string, TargetRoutes>();
        var result = await graph.For(viewer).ReadAsync(Query, new
        {
            targetIds,
            fromId,
            maxHops,
            k,
            startsPerTarget = StartsPerTarget,
            trust = options.EdgeTrust,
            hopPenalty = options.HopPenalty,
            staleFactor = options.StaleFactor,
        }, cancellationToken);

        return result.As<TargetRow>().ToDictionary(
            row => row.TargetId,
            row => new TargetRoutes(
                row.Paths.Select(path => ToRoute(path, row.Conflicts, options, viewer.Now)).ToList(),
                row.BestPerStart.Select(path => ToRoute(path, row.Conflicts, options, viewer.Now)).ToList()));
    }

    /// <summary>
    /// Which of <paramref name="targetIds"/> at least one warm path of at most <paramref name="maxHops"/> hops reaches, as
    /// <paramref name="viewer"/> may see it: the targets <see cref="FindAsync"/> would find a path to, without finding,
    /// scoring or explaining the paths (each target's search stops at its first one).
    /// </summary>
    public static async Task<IReadOnlySet<string>> RoutedAsync(IGraph graph, IReadOnlyCollection<string> targetIds, int maxHops,
        Viewer viewer, InsightOptions options, CancellationToken cancellationToken)
    {
        if (targetIds.Count == 0) return new HashSet<string>();
        var result = await graph.For(viewer).ReadAsync(Routed, new
        {
            targetIds, maxHops, trust = options.EdgeTrust, hopPenalty = options.HopPenalty, staleFactor = options.StaleFactor,
        }, cancellationToken);
        return result.As<RoutedRow>().Select(row => row.TargetId).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record RoutedRow(string TargetId);

    private static Route ToRoute(PathRow row, IReadOnlyList<ConflictRow> conflicts, InsightOptions options, DateTimeOffset now)
    {
        var crossing = row.Hops.FindIndex(h => h.Type is HopType.Knows or HopType.Introduction);
        var hops = row.Hops.Select((hop, i) => new PathHop(row.People[i], row.People[i + 1], hop.Type, hop.Kind, Round(hop.Trust),
            Basis(hop, row.People[i], ours: i < crossing, options) + (Waiting(hop, row.People[i], now) is { } waiting ? "; " + waiting : ""))).ToList();
        var penalty = Math.Pow(options.HopPenalty, hops.Count - 1);
        var risks = conflicts
            .Where(c => row.TheirSide.Contains(c.PersonId))
            .Select(c => new PathRisk(c.Sentiment, c.PersonId, c.OtherId,
                $"{c.PersonName} has {Article(c.Sentiment)} {c.Sentiment} with {c.OtherName}: the route never goes between them, " +
                $"and word may travel from one to the other."))
            .ToList();
        var movedHere = crossing >= 0 && row.Hops[crossing].MovedFrom is { } movedFrom
            ? MovedHere(hops[crossing], movedFrom)
            : null;
        var path = new WarmPath(Round(row.Score), Round(row.TrustProduct), hops.Count, Round(penalty), hops,
            Explain(hops, row.Score, options, movedHere), risks);
        var waitingFor = row.Hops.Select((hop, i) => Waiting(hop, row.People[i], now)).FirstOrDefault(w => w is not null);
        return new Route(path, row.People[0], row.StartSeniority, row.Hops.Any(h => h.Stale == true), waitingFor, movedHere);
    }

    /// <summary>
    /// Why a relationship reaches someone new here: it followed them from their former organization. The owner is named
    /// as knowing them only where the caller may see the relationship; a hidden one keeps the introduction's wording.
    /// </summary>
    private static string MovedHere(PathHop crossing, string movedFrom) => crossing.Type == HopType.Knows
        ? $"{crossing.To.Name} moved here from {movedFrom}; {crossing.From.Name} knows them"
        : $"{crossing.To.Name} moved here from {movedFrom}; ask {crossing.From.Name} for an introduction to them";

    private static string Article(string sentiment) => sentiment == "antipathy" ? "an" : "a";

    private static string Basis(HopRow hop, PersonRef from, bool ours, InsightOptions options) => hop.Type switch
    {
        HopType.Knows when hop.Declared is { } declared => $"declared strength {Number(declared)}{StaleNote(hop, options)}",
        HopType.Knows => $"strength {Number(hop.Learned ?? 0)} learned from interactions{StaleNote(hop, options)}",
        HopType.Introduction when hop.SharedStrength == true =>
            $"{from.Name} shared this relationship's strength with you on accepting your introduction request: ask {from.Name} " +
            $"for the introduction (worth {Number(hop.Trust)})",
        HopType.Introduction => $"a relationship you may not see in detail: ask {from.Name} for an introduction " +
                                $"(fixed introduction trust {Number(hop.Trust)})",
        HopType.Influences => $"informal influence ({hop.Kind ?? "other"}), strength {Number(hop.Trust)}",
        HopType.Sympathy => $"mutual sympathy (fixed trust {Number(hop.Trust)})",
        _ => $"{(ours ? "our" : "their")} {hop.Kind} reporting line (fixed trust {Number(hop.Trust)})",
    };

    /// <summary>The caller's own request through this hop still waiting for an answer, and for how long.</summary>
    private static string? Waiting(HopRow hop, PersonRef from, DateTimeOffset now)
    {
        if (hop.Type != HopType.Introduction || hop.PendingSince is not { } since) return null;
        var days = Math.Max(0, (int)Math.Floor((now - since).TotalDays));
        return $"waiting for {from.Name}'s answer {days switch { 0 => "since today", 1 => "since 1 day", _ => $"since {days} days" }}";
    }

    private static string StaleNote(HopRow hop, InsightOptions options) =>
        hop.Stale == true ? $", stale: × {Number(options.StaleFactor)}" : "";

    private static string Explain(IReadOnlyList<PathHop> hops, double score, InsightOptions options, string? movedHere)
    {
        var steps = string.Join("; ", hops.Select(hop => hop.Type switch
        {
            HopType.Knows or HopType.Introduction when movedHere is not null => movedHere,
            HopType.ManagerOf => $"{hop.From.Name} is the manager of {hop.To.Name}",
            HopType.ReportsTo => $"{hop.From.Name} reports to {hop.To.Name}",
            HopType.Knows => $"{hop.From.Name} knows {hop.To.Name}",
            HopType.Introduction => $"ask {hop.From.Name} for an introduction to {hop.To.Name}",
            HopType.Influences => $"{hop.From.Name}'s view weighs with {hop.To.Name}",
            _ => $"{hop.From.Name} and {hop.To.Name} get on well",
        }));
        var factors = string.Join(" × ", hops.Select(h => Number(h.Trust)));
        return hops.Count == 1
            ? $"{steps}. Score = {factors}."
            : $"{steps}. Score = {factors} × {Number(options.HopPenalty)}^{hops.Count - 1} (hop penalty) = {Number(score)}.";
    }

    private static string Number(double value) => Round(value).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Six decimals keep answers readable and identical across platforms' last-bit differences.</summary>
    public static double Round(double value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
