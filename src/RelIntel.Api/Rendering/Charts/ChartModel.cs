using RelIntel.Api.Domain;


namespace RelIntel.Api.Rendering.Charts;

/// <summary>
/// A picture of people in a customer's hierarchy: the power map of an opportunity or the political org chart of an
/// account. Independent of the answers' response types so that both can map into it. The caller decides who is on it:
/// do-not-contact people and anything the caller may not see must already be filtered out.
/// </summary>
public sealed record Chart(
    ChartHeader Header,
    IReadOnlyList<ChartCard> Cards,
    IReadOnlyList<HierarchyEdge> Hierarchy,
    IReadOnlyList<InformalEdge> Informal);

/// <summary>
/// What the picture is of. <paramref name="Kind"/> names the picture ("Power map", "Political org chart"),
/// <paramref name="Title"/> the opportunity or division, <paramref name="Account"/> the customer, and
/// <paramref name="DataAsOf"/> when the data was read. <paramref name="Coverage"/> says what the cards' coverage
/// measures. The legend is the renderer's: it explains the drawing, not the data.
/// </summary>
public sealed record ChartHeader(
    string Kind,
    string Title,
    string Account,
    DateTimeOffset DataAsOf,
    ChartStatusLine? Status,
    IReadOnlyList<string> Gaps,
    CoverageBasis Coverage = CoverageBasis.BestRoute);

/// <summary>What a card's coverage measures.</summary>
public enum CoverageBasis
{
    /// <summary>The best warm path's score (the power map): "no route" means no path at all.</summary>
    BestRoute,

    /// <summary>
    /// The best relationship of ours to the person, or an introduction (the org chart): "no relationship" says nothing
    /// about longer paths through their colleagues.
    /// </summary>
    DirectRelationship,
}

public enum ChartStatus
{
    Red,
    Amber,
    Green,
}

/// <summary>The red/amber/green status and why.</summary>
public sealed record ChartStatusLine(ChartStatus Status, string Reason);

/// <summary>
/// One person on the picture. Members carry roles, attitude, influence (1–5), markers and our coverage;
/// <paramref name="Faded"/> cards are non-members shown only so the chart reads as an org chart (see <see cref="Connector"/>).
/// <paramref name="Uncovered"/>: none of ours has a route to them. <paramref name="Stale"/>: the best route crosses a
/// relationship that has not been refreshed. <paramref name="FavorsCompetitor"/> names the competitor, or is null.
/// People of an org chart have no attitude: their band shows <paramref name="Caption"/> (department, seniority)
/// instead; <paramref name="DoNotContact"/> marks a person nobody may reach (only admins' pictures show them), and
/// <paramref name="Detail"/> is a line about our coverage (who of ours knows them).
/// </summary>
public sealed record ChartCard(
    string PersonId,
    string Name,
    string? Title,
    IReadOnlyList<BuyingRole> Roles,
    Attitude? Attitude,
    int? Influence,
    bool Coach,
    string? FavorsCompetitor,
    CardCoverage? Coverage,
    bool Uncovered,
    bool Stale,
    bool Faded,
    string? Caption = null,
    bool DoNotContact = false,
    string? Detail = null)
{
    /// <summary>A faded card: someone not on the picture in their own right who connects the hierarchy.</summary>
    public static ChartCard Connector(string personId, string name, string? title) =>
        new(personId, name, title, [], null, null, false, null, null, false, false, true);
}

/// <summary>
/// How strongly our side reaches a person: the best route's <paramref name="Score"/> in [0, 1] and who of ours holds
/// it (<paramref name="HeldBy"/>, null when there is no route); <paramref name="ByIntroduction"/> when that route is
/// an introduction through a relationship the caller may not see in detail.
/// </summary>
public sealed record CardCoverage(double Score, string? HeldBy, bool ByIntroduction = false);

public enum ReportingLineKind
{
    Solid,
    Dotted,
}

/// <summary>A reporting line: <paramref name="ReportId"/> reports to <paramref name="ManagerId"/>. Only solid lines place cards.</summary>
public sealed record HierarchyEdge(string ManagerId, string ReportId, ReportingLineKind Kind);

public enum InformalKind
{
    /// <summary>From's view weighs with To (an arrow, with a strength).</summary>
    Influence,

    Sympathy,
    Antipathy,
    Rivalry,
}

/// <summary>
/// An informal line. Influence is directed and has a <paramref name="Strength"/> in [0, 1]; rapport is symmetric.
/// <paramref name="BlocksRoutes"/> marks a conflict our routes have to go around (routes never cross antipathy or rivalry).
/// </summary>
public sealed record InformalEdge(string FromId, string ToId, InformalKind Kind, double? Strength = null, bool BlocksRoutes = false);

/// <summary>The checks every chart passes before it is laid out or drawn: a broken chart is the caller's bug, not the reader's.</summary>
public static class ChartRules
{
    public static void Validate(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var card in chart.Cards)
        {
            if (string.IsNullOrEmpty(card.PersonId)) throw new ArgumentException("A card has no person id.", nameof(chart));
            if (!ids.Add(card.PersonId)) throw new ArgumentException($"Card '{card.PersonId}' appears twice.", nameof(chart));
            if (card.Influence is < 1 or > 5) throw new ArgumentException($"Card '{card.PersonId}': influence must be 1–5.", nameof(chart));
            if (card.Coverage is { } coverage && !(coverage.Score is >= 0 and <= 1))
                throw new ArgumentException($"Card '{card.PersonId}': coverage must be in [0, 1].", nameof(chart));
        }

        var solidManager = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var edge in chart.Hierarchy)
        {
            RequireCards(ids, edge.ManagerId, edge.ReportId, "reporting line");
            if (edge.Kind == ReportingLineKind.Solid && !solidManager.TryAdd(edge.ReportId, edge.ManagerId))
                throw new ArgumentException($"'{edge.ReportId}' has more than one solid manager.", nameof(chart));
        }

        foreach (var start in solidManager.Keys)
        {
            // Walking up from each report must reach a top within as many steps as there are cards.
            var current = start;
            for (var steps = 0; solidManager.TryGetValue(current, out var manager); steps++)
            {
                if (steps > ids.Count) throw new ArgumentException($"The solid lines above '{start}' form a cycle.", nameof(chart));
                current = manager;
            }
        }

        foreach (var edge in chart.Informal)
        {
            RequireCards(ids, edge.FromId, edge.ToId, "informal line");
            if (edge.Strength is { } strength && !(strength is >= 0 and <= 1))
                throw new ArgumentException($"The {edge.Kind} line {edge.FromId} → {edge.ToId}: strength must be in [0, 1].", nameof(chart));
        }
    }

    private static void RequireCards(HashSet<string> ids, string from, string to, string what)
    {
        if (from == to) throw new ArgumentException($"A {what} joins '{from}' to itself.", "chart");
        foreach (var id in new[] { from, to })
            if (!ids.Contains(id))
                throw new ArgumentException($"A {what} names '{id}', who has no card.", "chart");
    }
}
