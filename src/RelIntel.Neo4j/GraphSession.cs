namespace RelIntel.Neo4j;

/// <summary>
/// One causal chain of work against Neo4j — a caller's request, a scheduled run — and what it did there. Every statement
/// run while a session is <see cref="Current"/> sends the session's bookmarks, so Neo4j runs it only on a member that has
/// every change the chain saw or made (in a cluster, a read after the chain's own write sees the write); every answer moves
/// the bookmarks on. The session also knows whether one of its writes committed, so an error answer can say truthfully
/// whether anything was written.
/// </summary>
/// <remarks>
/// Ambient (an <see cref="AsyncLocal{T}"/>) rather than passed along, because the graph client is one singleton shared by
/// every request and background job: the session follows the work's own async flow, as a driver session would.
/// </remarks>
public sealed class GraphSession
{
    private static readonly AsyncLocal<GraphSession?> current = new();

    private readonly Lock gate = new();
    private HashSet<string> bookmarks;

    public GraphSession(IEnumerable<string>? bookmarks = null) => this.bookmarks = new HashSet<string>(bookmarks ?? [], StringComparer.Ordinal);

    /// <summary>The session of the work running now, if any.</summary>
    public static GraphSession? Current => current.Value;

    /// <summary>Makes <paramref name="session"/> current for the rest of this async flow, until the scope is disposed.</summary>
    public static IDisposable Begin(GraphSession session)
    {
        var previous = current.Value;
        current.Value = session;
        return new Scope(previous);
    }

    /// <summary>The bookmarks the next statement waits for.</summary>
    public IReadOnlyList<string> Bookmarks
    {
        get
        {
            lock (gate) return [.. bookmarks.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Whether Neo4j has answered one of the session's statements: its bookmarks are then Neo4j's own, not only a client's.</summary>
    public bool Answered { get; private set; }

    /// <summary>Whether a write of this session committed (so a later failure cannot say "nothing was written").</summary>
    public bool Wrote { get; private set; }

    /// <summary>Whether a write of this session got no answer, so whether it committed is unknown.</summary>
    public bool OutcomeUnknown { get; private set; }

    /// <summary>Waits for these bookmarks too (a client's, or those an instance remembers for its caller).</summary>
    public void Include(IEnumerable<string> more)
    {
        lock (gate) bookmarks.UnionWith(more);
    }

    /// <summary>
    /// A statement sent with <paramref name="sent"/> answered <paramref name="received"/>: those replace the ones it was sent
    /// with (the newer state covers them), and any that arrived meanwhile from statements running beside it stay. This is
    /// the drivers' bookmark-manager rule; it keeps the set as small as the work's parallelism.
    /// </summary>
    internal void Advance(IReadOnlyList<string> sent, IReadOnlyList<string>? received, bool committedWrite)
    {
        lock (gate)
        {
            Answered = true;
            if (received is { Count: > 0 })
            {
                bookmarks.ExceptWith(sent);
                bookmarks.UnionWith(received);
            }
            if (committedWrite) Wrote = true;
        }
    }

    internal void MarkOutcomeUnknown() => OutcomeUnknown = true;

    /// <summary>A write of this session committed, learned other than from its own answer.</summary>
    internal void MarkWrote()
    {
        lock (gate) Wrote = true;
    }

    private sealed class Scope(GraphSession? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
