namespace RelIntel.Neo4j;

/// <summary>One parameterized Cypher statement, loaded from a <c>.cypher</c> file.</summary>
public sealed record CypherQuery(string Name, string Text)
{
    /// <summary>
    /// A write that changes no data an answer is built from (audit entries, Idempotency-Key claims, leases): it does not move
    /// the <see cref="GraphVersion"/>, so an audited read does not make every cached answer stale. A file says so with a
    /// leading <c>// @bookkeeping: why</c> line (<see cref="CypherLibrary"/>); everything else that writes moves it.
    /// </summary>
    public bool Bookkeeping { get; init; }

    /// <summary>
    /// A read whose cost grows with a whole account (an account-wide count on the largest customers): it gets
    /// <see cref="Neo4jOptions.LongQueryTimeout"/> instead of <see cref="Neo4jOptions.QueryTimeout"/>, so that it answers,
    /// slowly, rather than fail. A file says so with a leading <c>// @long-running: why</c> line (<see cref="CypherLibrary"/>).
    /// </summary>
    public bool LongRunning { get; init; }

    private IReadOnlySet<string>? parameters;

    /// <summary>
    /// The parameters the statement's code uses (<c>$viewer</c> gives <c>viewer</c>), rule calls expanded, comments and strings
    /// left out: a graph refuses to run the statement without every one of them (<see cref="GraphParameters"/>), and one bound
    /// to a caller adds the caller's own to exactly the statements that use them.
    /// </summary>
    public IReadOnlySet<string> Parameters => parameters ??= CypherLibrary.ParametersIn(Text);

    /// <summary>Whether the statement uses the parameter <c>$</c><paramref name="name"/>.</summary>
    public bool Uses(string name) => Parameters.Contains(name);

    public override string ToString() => Name;
}

/// <summary>
/// Our whole view of Neo4j. Every statement says whether it only reads or also writes: in a cluster, reads go to any member
/// that has caught up with the bookmarks of the current <see cref="GraphSession"/>, writes to the leader (like the drivers'
/// <c>ExecuteReadAsync</c> and <c>ExecuteWriteAsync</c>). A write sent as a read is refused by Neo4j itself.
/// </summary>
public interface IGraph
{
    /// <summary>Runs one read-only statement in its own transaction, in read access mode; transient failures are retried.</summary>
    Task<QueryResult> ReadAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one read-only statement on the cluster's leader, which has every committed write: for reads that must never be
    /// behind (an API key revoked a moment ago on another instance must fail now).
    /// </summary>
    Task<QueryResult> ReadOnLeaderAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one read-only statement like <see cref="ReadAsync"/>, but hands each row to a reader as it arrives instead of
    /// keeping the answer: for answers too large to hold whole (every person of a 300,000-person account). The reader is
    /// opened anew, with the answer's fields, for each attempt (a retried statement starts over); a row's value is valid only
    /// during <see cref="IRowReader{T}.Add"/>. Answers what the reader made of the rows.
    /// </summary>
    Task<T> ReadEachAsync<T>(CypherQuery query, object? parameters, Func<IReadOnlyList<string>, IRowReader<T>> open,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one statement that writes, in its own transaction (which also moves the <see cref="GraphVersion"/> when the
    /// statement changed data and is not <see cref="CypherQuery.Bookkeeping"/>). Failures before Neo4j could have run it are retried; one whose
    /// outcome cannot be known (no answer in time) throws <see cref="Neo4jOutcomeUnknownException"/>.
    /// </summary>
    Task<QueryResult> WriteAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed when it returns and rolled back when it throws;
    /// when one of its statements (not <see cref="CypherQuery.Bookkeeping"/>) changed data, the commit moves the <see cref="GraphVersion"/>.
    /// The whole unit is retried on transient failures, so it must not have side effects outside the graph. Each statement
    /// (and the commit) has its own time limit; a commit that got no answer throws <see cref="Neo4jOutcomeUnknownException"/>.</summary>
    Task<T> ExecuteWriteAsync<T>(Func<IGraphTransaction, Task<T>> work, CancellationToken cancellationToken = default);
}

/// <summary>What a streamed read (<see cref="IGraph.ReadEachAsync{T}"/>) makes of an answer's rows, one at a time.</summary>
public interface IRowReader<out T>
{
    /// <summary>One row: a JSON array of the answer's fields' values, valid only during this call.</summary>
    void Add(System.Text.Json.JsonElement row);

    /// <summary>What the rows made, after the last one.</summary>
    T Complete();
}

/// <summary>An open explicit transaction.</summary>
public interface IGraphTransaction
{
    Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default);
}
