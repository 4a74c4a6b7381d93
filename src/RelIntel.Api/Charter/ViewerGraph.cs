using RelIntel.Neo4j;

namespace RelIntel.Api.Charter;

/// <summary>
/// The graph as one caller sees it: every statement that uses <c>$viewer</c> or <c>$charter</c> (after its rules are
/// expanded, <see cref="CypherQuery.Parameters"/>) gets them from the <see cref="Viewer"/> this graph is bound to, so call
/// sites pass only their own parameters and no statement can be given the charter's half. An endpoint takes one as a
/// parameter (bound to the request's viewer); code that answers for another audience or moment binds one with
/// <see cref="ViewerGraphs.For"/>.
/// </summary>
/// <remarks>
/// A statement that uses <c>$viewer</c> run on a graph that is not bound to a viewer is refused before Neo4j is asked
/// (<see cref="MissingGraphParameterException"/>); a call site that passes <c>viewer</c> or <c>charter</c> itself is refused
/// too, so there is one source of them.
/// </remarks>
public sealed class ViewerGraph(IGraph graph, Viewer viewer) : IGraph
{
    public const string ViewerParameter = "viewer";
    public const string CharterParameter = "charter";

    /// <summary>Who the statements are answered for.</summary>
    public Viewer Viewer { get; } = viewer;

    /// <summary>The graph without a viewer, for binding another one.</summary>
    internal IGraph Unbound { get; } = graph is ViewerGraph bound ? bound.Unbound : graph;

    /// <summary>Lets endpoints take a <see cref="ViewerGraph"/> parameter: the graph bound to the request's <see cref="Charter.Viewer"/>.</summary>
    public static async ValueTask<ViewerGraph?> BindAsync(HttpContext context) =>
        new(context.RequestServices.GetRequiredService<IGraph>(), (await Viewer.BindAsync(context))!);

    public Task<QueryResult> ReadAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        Unbound.ReadAsync(query, WithViewer(query, parameters), cancellationToken);

    public Task<QueryResult> ReadOnLeaderAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        Unbound.ReadOnLeaderAsync(query, WithViewer(query, parameters), cancellationToken);

    public Task<T> ReadEachAsync<T>(CypherQuery query, object? parameters, Func<IReadOnlyList<string>, IRowReader<T>> open,
        CancellationToken cancellationToken = default) =>
        Unbound.ReadEachAsync(query, WithViewer(query, parameters), open, cancellationToken);

    public Task<QueryResult> WriteAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        Unbound.WriteAsync(query, WithViewer(query, parameters), cancellationToken);

    public Task<T> ExecuteWriteAsync<T>(Func<IGraphTransaction, Task<T>> work, CancellationToken cancellationToken = default) =>
        Unbound.ExecuteWriteAsync(tx => work(new Transaction(tx, this)), cancellationToken);

    private object? WithViewer(CypherQuery query, object? parameters)
    {
        var usesViewer = query.Uses(ViewerParameter);
        var usesCharter = query.Uses(CharterParameter);
        if (!usesViewer && !usesCharter) return parameters;
        var added = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (usesViewer) added[ViewerParameter] = ViewerOf(Viewer);
        if (usesCharter) added[CharterParameter] = CharterOf(Viewer);
        return GraphParameters.With(query, parameters, added);
    }

    /// <summary><c>$viewer</c> for the charter's rules.</summary>
    private static object ViewerOf(Viewer viewer) => new
    {
        all = viewer.SeesAll,
        personId = viewer.PersonId,
        teamOwnerIds = viewer.TeamOwnerIds,
        privateOwnerIds = viewer.PrivateOwnerIds,
        introductions = viewer.Charter.IntroductionsAllowed,
        seesDoNotContact = viewer.SeesDoNotContact,
        shared = (viewer.Shared ?? []).Select(s => new { ourId = s.OurId, theirId = s.TheirId, share = s.Share }).ToList(),
        pending = (viewer.Pending ?? []).Select(p => new { ourId = p.OurId, theirId = p.TheirId, since = p.Since }).ToList(),
    };

    /// <summary><c>$charter</c> for the charter's rules: when, and the half-life, staleness and interaction weights in force.</summary>
    private static object CharterOf(Viewer viewer) => new
    {
        now = viewer.Now,
        halfLifeDays = viewer.Charter.LearnedStrengthHalfLifeDays,
        staleAfterDays = viewer.Charter.StaleAfterDays,
        interactionWeights = viewer.Charter.InteractionWeights,
    };

    private sealed class Transaction(IGraphTransaction transaction, ViewerGraph graph) : IGraphTransaction
    {
        public Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
            transaction.RunAsync(query, graph.WithViewer(query, parameters), cancellationToken);
    }
}

public static class ViewerGraphs
{
    /// <summary>The graph bound to <paramref name="viewer"/> (another audience, or the same caller at another moment).</summary>
    public static ViewerGraph For(this IGraph graph, Viewer viewer) => new(graph, viewer);
}
