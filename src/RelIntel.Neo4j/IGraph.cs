namespace RelIntel.Neo4j;

/// <summary>One parameterized Cypher statement, loaded from a <c>.cypher</c> file.</summary>
public sealed record CypherQuery(string Name, string Text)
{
    public override string ToString() => Name;
}

/// <summary>Our whole view of Neo4j: auto-commit statements and units of work in one explicit transaction.</summary>
public interface IGraph
{
    /// <summary>Runs one statement in its own transaction; transient failures are retried.</summary>
    Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns and rolled back when it throws.
    /// The whole unit is retried on transient failures, so it must not have side effects outside the graph.</summary>
    Task<T> InTransactionAsync<T>(Func<IGraphTransaction, Task<T>> work, CancellationToken cancellationToken = default);
}

/// <summary>An open explicit transaction.</summary>
public interface IGraphTransaction
{
    Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default);
}
