using System.Diagnostics;
using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace RelIntel.Neo4j;

/// <summary>
/// What the graph client tells OpenTelemetry: a span per statement, named after its <c>.cypher</c> file, and metrics for
/// statement duration, retries and the circuit breaker. Spans and metrics carry the statement's name, access mode, row
/// count and retries — never parameter values, query text or Neo4j's error messages, which may quote stored data.
/// </summary>
public sealed class Neo4jTelemetry : IDisposable
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name to subscribe to.</summary>
    public const string Name = "RelIntel.Neo4j";

    /// <summary>Spans; static, as activity sources are meant to be (listeners subscribe by name).</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Meter meter;
    private readonly Histogram<double> duration;
    private readonly Counter<long> retries;
    private readonly Counter<long> breakerOpened;

    /// <summary>Instruments on a meter from <paramref name="meterFactory"/> (the host's: they live and die with it), else on a meter
    /// of our own; the state gauge reports <paramref name="breakerState"/>.</summary>
    public Neo4jTelemetry(IMeterFactory? meterFactory, CircuitBreakerStateProvider breakerState)
    {
        meter = meterFactory?.Create(Name) ?? new Meter(Name);
        duration = meter.CreateHistogram<double>("relintel.neo4j.statement.duration", "s",
            "How long one statement took, retries included (for a transaction's statement: one attempt).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        retries = meter.CreateCounter<long>("relintel.neo4j.retries", "{retry}",
            "Statements or transactions tried again after a transient failure or a connection failure.");
        breakerOpened = meter.CreateCounter<long>("relintel.neo4j.circuit_breaker.opened", "{opening}",
            "How often calls to Neo4j were paused because it looked down.");
        meter.CreateObservableGauge("relintel.neo4j.circuit_breaker.state", () => (int)breakerState.CircuitState, "{state}",
            "0 closed (calls flow), 1 open (calls paused: Neo4j looks down), 2 half-open (one trial call), 3 isolated.");
    }

    /// <summary>A span for one statement, or null when nobody listens.</summary>
    public static Activity? StartStatement(string name, string database, bool reads) =>
        Source.StartActivity(name, ActivityKind.Client)?
            .SetTag("db.system.name", "neo4j")
            .SetTag("db.namespace", database)
            .SetTag("db.query.summary", name)
            .SetTag("relintel.neo4j.access_mode", reads ? "read" : "write");

    public void RecordStatement(string name, bool reads, TimeSpan elapsed, string? errorType) =>
        duration.Record(elapsed.TotalSeconds, new TagList
        {
            { "db.query.summary", name },
            { "relintel.neo4j.access_mode", reads ? "read" : "write" },
            { "error.type", errorType },
        });

    public void RecordRetry(string name) => retries.Add(1, new KeyValuePair<string, object?>("db.query.summary", name));

    public void RecordBreakerOpened() => breakerOpened.Add(1);

    /// <summary>What a failure is called in telemetry: Neo4j's code (never its message), else the exception's type.</summary>
    public static string ErrorType(Exception e) => e is Neo4jException neo4j ? neo4j.Code : e.GetType().Name;

    public void Dispose() => meter.Dispose();
}
