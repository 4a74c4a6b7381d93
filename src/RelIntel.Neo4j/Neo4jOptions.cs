using System.ComponentModel.DataAnnotations;

namespace RelIntel.Neo4j;

/// <summary>How the service reaches Neo4j. Bound from the <c>Neo4j</c> configuration section.</summary>
public sealed class Neo4jOptions
{
    public const string Section = "Neo4j";

    /// <summary>Base HTTP address of the server, e.g. <c>http://localhost:7474</c>. Empty: start a dev server.</summary>
    public string? Uri { get; set; }

    [Required]
    public string Database { get; set; } = "neo4j";

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Upper bound for one request to Neo4j — a statement, or a transaction's commit — retries excluded.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Upper bound for a statement marked long-running (<see cref="CypherQuery.LongRunning"/>): the account-wide coverage
    /// count, which on a 300,000-person account can outlast <see cref="QueryTimeout"/>.
    /// </summary>
    public TimeSpan LongQueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a transient failure is retried.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the circuit stays open once Neo4j looks down; also the <c>Retry-After</c> we send.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where a dev server keeps its data. Empty: a throw-away temporary folder.</summary>
    public string? DevServerDataPath { get; set; }
}
