using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace RelIntel.Neo4j;

/// <summary>
/// <see cref="IGraph"/> over Neo4j's HTTP Query API (<c>/db/{db}/query/v2</c>). Neo4j answers 202 on success,
/// yet may put errors in a 202 body while streaming, so every answer's <c>errors</c> is read.
/// </summary>
/// <remarks>
/// Every request to Neo4j — a statement, or a transaction's commit — has its own time limit (<see cref="Neo4jOptions.QueryTimeout"/>),
/// so a transaction of several statements is never cut short by the sum of them. Retries (of a statement, or of a whole
/// transaction) and the circuit breaker sit around that.
/// </remarks>
public sealed class HttpQueryApiGraph : IGraph, IDisposable
{
    private readonly HttpClient http;
    private readonly string queryPath;
    private readonly ResiliencePipeline pipeline;
    private readonly Neo4jOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider clock;
    private readonly Neo4jTelemetry telemetry;

    private static readonly ResiliencePropertyKey<string> StatementKey = new("relintel.neo4j.statement");
    private static readonly ResiliencePropertyKey<int> RetriesKey = new("relintel.neo4j.retries");

    /// <summary>A client for the server at <paramref name="serverUri"/>; <paramref name="wrapHandler"/>, if any, puts a handler of
    /// the caller's in front of the connection (tests use it to lose answers on the wire).</summary>
    public HttpQueryApiGraph(Uri serverUri, Neo4jOptions options, ILogger<HttpQueryApiGraph> logger, TimeProvider? timeProvider = null,
        IMeterFactory? meterFactory = null, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        this.options = options;
        this.logger = logger;
        clock = timeProvider ?? TimeProvider.System;
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            // Recycle connections so a restarted or moved server is picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        };
        http = new HttpClient(wrapHandler?.Invoke(handler) ?? handler)
        {
            BaseAddress = serverUri,
            // Each request's own time limit governs; this only stops a request that ignores cancellation.
            Timeout = (options.QueryTimeout > options.LongQueryTimeout ? options.QueryTimeout : options.LongQueryTimeout) + TimeSpan.FromSeconds(5),
        };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.User))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        queryPath = $"db/{Uri.EscapeDataString(options.Database)}/query/v2";
        var breakerState = new CircuitBreakerStateProvider();
        telemetry = new Neo4jTelemetry(meterFactory, breakerState);
        pipeline = BuildPipeline(breakerState);
    }

    public Uri ServerUri => http.BaseAddress!;

    public Task<QueryResult> ReadAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        StatementAsync(query, parameters, Access.Read, cancellationToken);

    public Task<QueryResult> ReadOnLeaderAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        StatementAsync(query, parameters, Access.LeaderRead, cancellationToken);

    public async Task<T> ReadEachAsync<T>(CypherQuery query, object? parameters, Func<IReadOnlyList<string>, IRowReader<T>> open,
        CancellationToken cancellationToken = default)
    {
        // Each attempt opens its own reader (a retry starts over), and the one whose answer arrived whole is the result.
        T? made = default;
        await StatementAsync(query, parameters, Access.Read, cancellationToken, async (stream, token) =>
        {
            var (response, result) = await StreamedAnswer<T>.ReadAsync(stream, open, token);
            made = result;
            return response;
        });
        return made!;
    }

    /// <remarks>
    /// A write that may change data runs as a transaction of its own — the statement, then a commit that carries the
    /// <see cref="GraphVersion.Bump"/> when the statement changed data — so the version moves with the write, atomically.
    /// Bookkeeping writes stay a single auto-commit request.
    /// </remarks>
    public Task<QueryResult> WriteAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        query.Bookkeeping
            ? StatementAsync(query, parameters, Access.Write, cancellationToken)
            : ExecuteWriteAsync(tx => tx.RunAsync(query, parameters, cancellationToken), cancellationToken);

    public async Task<T> ExecuteWriteAsync<T>(Func<IGraphTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        using var activity = Neo4jTelemetry.StartStatement("transaction", options.Database, reads: false);
        try
        {
            return await ExecuteAsync("transaction", activity, async token =>
            {
                var tx = new Transaction(this);
                try
                {
                    var result = await work(tx);
                    await tx.CommitAsync();
                    return result;
                }
                catch
                {
                    await tx.RollbackQuietlyAsync();
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception e)
        {
            Failed(activity, e);
            throw;
        }
    }

    public void Dispose()
    {
        http.Dispose();
        telemetry.Dispose();
    }

    /// <summary>How a request reaches Neo4j: what it may do, and whether a lost answer leaves its outcome unknown.</summary>
    private enum Access
    {
        /// <summary>Read access mode: any cluster member that has caught up with the bookmarks.</summary>
        Read,

        /// <summary>Write access mode for a read: the leader.</summary>
        LeaderRead,

        /// <summary>An auto-commit write: once sent, a lost answer leaves it unknown whether it committed.</summary>
        Write,

        /// <summary>A statement inside an explicit transaction: nothing commits before the commit.</summary>
        InTransaction,

        /// <summary>A transaction's commit: once sent, a lost answer leaves it unknown whether it committed.</summary>
        Commit,
    }

    private async Task<QueryResult> StatementAsync(CypherQuery query, object? parameters, Access access, CancellationToken cancellationToken,
        AnswerReader? read = null)
    {
        GraphParameters.EnsureGiven(query, parameters);
        var reads = access is Access.Read or Access.LeaderRead;
        using var activity = Neo4jTelemetry.StartStatement(query.Name, options.Database, reads);
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            var result = await ExecuteAsync(query.Name, activity,
                async token => (await PostAsync(queryPath, query, parameters, access, token, read: read)).Result, cancellationToken);
            activity?.SetTag("db.response.returned_rows", result.Rows.Count);
            return result;
        }
        catch (Exception e)
        {
            error = Failed(activity, e);
            throw;
        }
        finally
        {
            telemetry.RecordStatement(query.Name, reads, Stopwatch.GetElapsedTime(started), error);
        }
    }

    private static string Failed(Activity? activity, Exception e)
    {
        var error = Neo4jTelemetry.ErrorType(e);
        activity?.SetStatus(ActivityStatusCode.Error, error).SetTag("error.type", error);
        return error;
    }

    private async Task<T> ExecuteAsync<T>(string name, Activity? activity, Func<CancellationToken, Task<T>> action,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StatementKey, name);
        try
        {
            return await pipeline.ExecuteAsync(static async (ctx, run) => await run(ctx.CancellationToken), context, action);
        }
        catch (BrokenCircuitException e)
        {
            throw new Neo4jUnavailableException("Neo4j is unavailable; calls are paused for a moment.", e)
            {
                RetryAfter = e.RetryAfter ?? options.BreakDuration,
            };
        }
        finally
        {
            activity?.SetTag("relintel.neo4j.retries", context.Properties.GetValue(RetriesKey, 0));
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline BuildPipeline(CircuitBreakerStateProvider breakerState)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // A write whose outcome is unknown is never sent again blindly: the caller decides (see Neo4jOutcomeUnknownException).
                ShouldHandle = new PredicateBuilder().Handle<Neo4jTransientException>()
                    .Handle<Neo4jUnavailableException>(e => e is not Neo4jOutcomeUnknownException && !e.TimedOut),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                OnRetry = args =>
                {
                    args.Context.Properties.Set(RetriesKey, args.AttemptNumber + 1);
                    telemetry.RecordRetry(args.Context.Properties.GetValue(StatementKey, "unknown"));
                    return default;
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jUnavailableException>(),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.BreakDuration,
                StateProvider = breakerState,
                OnOpened = _ =>
                {
                    telemetry.RecordBreakerOpened();
                    return default;
                },
            })
            .Build();
    }

    // covers: for a commit, the bookmarks its transaction began with, which the commit's bookmarks replace.
    private async Task<(QueryResult Result, string? TransactionId, IReadOnlyList<string> Sent)> PostAsync(
        string path, CypherQuery? query, object? parameters, Access access, CancellationToken cancellationToken,
        IReadOnlyList<string>? covers = null, AnswerReader? read = null)
    {
        var session = GraphSession.Current;
        // Access mode and bookmarks belong to the request that starts a transaction (an auto-commit one, or /tx).
        var starts = access is not (Access.InTransaction or Access.Commit) || path.EndsWith("/tx", StringComparison.Ordinal);
        IReadOnlyList<string> sent = starts ? session?.Bookmarks ?? [] : [];
        Activity.Current?.SetTag("relintel.neo4j.bookmarks_sent", sent.Count);
        object body = query is null
            ? new { }
            : new QueryRequest(query.Text, parameters ?? EmptyParameters, IncludeCounters: true,
                AccessMode: starts ? (access == Access.Read ? "Read" : "Write") : null,
                Bookmarks: sent.Count > 0 ? sent : null);
        // Once a write or a commit is on its way, a lost answer no longer says whether it committed.
        var outcomeAtStake = access is Access.Write or Access.Commit;

        var timeout = query is { LongRunning: true } ? options.LongQueryTimeout : options.QueryTimeout;
        using var limit = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            // The answer is read from the connection as it arrives, never copied into a buffer of its whole size first.
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: GraphJson.Options) };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            QueryResponse? payload;
            try
            {
                payload = read is null
                    ? await response.Content.ReadFromJsonAsync<QueryResponse>(GraphJson.Options, linked.Token)
                    : await read(await response.Content.ReadAsStreamAsync(linked.Token), linked.Token);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                throw Lost(outcomeAtStake, $"Neo4j answered {(int)response.StatusCode} with a body that is not a Query API answer.", e);
            }

            if (payload?.Errors is { Count: > 0 } errors)
            {
                var first = errors[0];
                // Request.Invalid: Neo4j refused a request we sent (its JSON, a transaction it no longer knows) or failed
                // while answering it (AnswerFailed): worth a warning naming the statement, as a caller's input rarely causes it.
                var level = first.Code == RequestInvalid ? LogLevel.Warning : LogLevel.Debug;
                logger.Log(level, "Neo4j refused {Query} ({Path}, {Status}): {Code} {Message}", query?.Name ?? "commit", path,
                    (int)response.StatusCode, first.Code, first.Message);
                if (first.Code == RequestInvalid && first.Message == AnswerFailed)
                {
                    var failed = $"Neo4j failed while writing its answer to {query?.Name ?? "a commit"} ({first.Message})";
                    // Neo4j is done with the commit, so whether it committed can be read (Transaction.CommitAsync).
                    if (access == Access.Commit) throw new CommitAnswerFailedException(failed);
                    throw Lost(outcomeAtStake, failed);
                }
                throw Neo4jException.FromCode(first.Code, first.Message);
            }
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                throw new Neo4jUnavailableException($"Neo4j answered {(int)response.StatusCode}.");
            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                throw Lost(outcomeAtStake, $"Neo4j answered {(int)response.StatusCode}.");
            if (!response.IsSuccessStatusCode || payload is null)
                throw new Neo4jException("RelIntel.UnexpectedResponse", $"Neo4j answered {(int)response.StatusCode} without errors or data.");

            session?.Advance(covers ?? sent, payload.Bookmarks, committedWrite: outcomeAtStake);
            var data = payload.Data;
            var result = new QueryResult(data?.Fields ?? [], data?.Values ?? [], payload.Counters);
            return (result, payload.Transaction?.Id, sent);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                                 or HttpRequestError.SecureConnectionError)
        {
            // No connection: nothing reached Neo4j.
            throw new Neo4jUnavailableException($"Neo4j at {http.BaseAddress} cannot be reached: {e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw Lost(outcomeAtStake, $"The connection to Neo4j at {http.BaseAddress} failed: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Lost(outcomeAtStake, $"Neo4j did not answer within {timeout.TotalSeconds:0.#} s.", e, timedOut: true);
        }

        Neo4jUnavailableException Lost(bool unknown, string message, Exception? inner = null, bool timedOut = false) => unknown
            ? OutcomeUnknown(message, inner, timedOut)
            : new Neo4jUnavailableException(message, inner) { RetryAfter = options.BreakDuration, TimedOut = timedOut };
    }

    /// <summary>A write or commit of the current session may or may not have committed.</summary>
    private Neo4jOutcomeUnknownException OutcomeUnknown(string message, Exception? inner = null, bool timedOut = false)
    {
        GraphSession.Current?.MarkOutcomeUnknown();
        return new Neo4jOutcomeUnknownException(message, inner) { RetryAfter = options.BreakDuration, TimedOut = timedOut };
    }

    /// <summary>Neo4j answered a commit with <see cref="AnswerFailed"/>: the commit is over, committed or not.</summary>
    private sealed class CommitAnswerFailedException(string message) : Exception(message);

    private static readonly IReadOnlyDictionary<string, object?> EmptyParameters = new Dictionary<string, object?>();

    private const string RequestInvalid = "Neo.ClientError.Request.Invalid";

    /// <summary>
    /// What Neo4j 5 answers (its JacksonExceptionMapper) when a JSON error escapes anywhere but the reading of the request,
    /// which answers "Bad Request" (and our requests always parse): in practice, while it writes its answer. It came,
    /// rarely, on a commit under concurrent writes, after the request had run. It is not the caller's bad input. For a
    /// write, its outcome is unknown, as when an answer is lost on the wire; for a commit that carries the graph
    /// version's bump, the bump's mark tells (<see cref="GraphVersion.CommitMark"/>).
    /// </summary>
    private const string AnswerFailed = "Request body invalid.";

    private sealed record QueryRequest(
        string Statement,
        object Parameters,
        bool IncludeCounters,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccessMode,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Bookmarks);

    /// <summary>Reads a whole answer from its stream (a streamed read hands its rows on and keeps none).</summary>
    private delegate Task<QueryResponse?> AnswerReader(Stream body, CancellationToken cancellationToken);

    /// <summary>An explicit transaction: opened with its first statement, committed or rolled back by the owner.</summary>
    private sealed class Transaction(HttpQueryApiGraph graph) : IGraphTransaction
    {
        private string? id;
        private bool failed;

        // What the transaction waited for when it began: its commit's bookmarks cover them.
        private IReadOnlyList<string> begunWith = [];

        // Whether a statement that is not bookkeeping changed data: then the commit moves the graph version.
        private bool changedData;

        public async Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default)
        {
            GraphParameters.EnsureGiven(query, parameters);
            var path = id is null ? $"{graph.queryPath}/tx" : $"{graph.queryPath}/tx/{id}";
            using var activity = Neo4jTelemetry.StartStatement(query.Name, graph.options.Database, reads: false);
            var started = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                var (result, transactionId, sent) = await graph.PostAsync(path, query, parameters, Access.InTransaction, cancellationToken);
                if (id is null) begunWith = sent;
                id ??= transactionId;
                // No counters: assume a change (a needless bump only costs a cache miss; a missed one a stale answer).
                if (!query.Bookkeeping && result.Counters?.ChangedData != false) changedData = true;
                activity?.SetTag("db.response.returned_rows", result.Rows.Count);
                return result;
            }
            catch (Exception e)
            {
                // After a Neo4j error, Neo4j has already rolled the transaction back.
                if (e is Neo4jException) failed = true;
                error = Failed(activity, e);
                throw;
            }
            finally
            {
                graph.telemetry.RecordStatement(query.Name, reads: false, Stopwatch.GetElapsedTime(started), error);
            }
        }

        /// <summary>
        /// Commits, with the <see cref="GraphVersion.Bump"/> as the transaction's last statement in the same request when it
        /// changed data (the version's lock is held only while committing). Not cancelled with the caller's request: once
        /// the work is done, abandoning the commit half-way would only leave its outcome unknown. Its own time limit still holds.
        /// </summary>
        public async Task CommitAsync()
        {
            if (id is null || failed) return;
            using var activity = Neo4jTelemetry.StartStatement("commit", graph.options.Database, reads: false);
            var mark = changedData ? GraphVersion.CommitMark.New() : null;
            try
            {
                try
                {
                    await graph.PostAsync($"{graph.queryPath}/tx/{id}/commit", mark is null ? null : GraphVersion.Bump,
                        mark is null ? null : GraphVersion.BumpParameters(mark), Access.Commit,
                        CancellationToken.None, covers: begunWith);
                }
                catch (CommitAnswerFailedException e)
                {
                    await SettleAsync(mark, e);
                }
            }
            catch (Exception e)
            {
                Failed(activity, e);
                throw;
            }
            id = null;
        }

        /// <summary>
        /// After Neo4j failed while answering the commit: reads its bump's mark. Committed, the work is done; not
        /// committed, a transient error runs the whole transaction again. Without a mark, or when the mark cannot be
        /// read, the outcome stays unknown.
        /// </summary>
        private async Task SettleAsync(GraphVersion.CommitMark? mark, CommitAnswerFailedException failure)
        {
            if (mark is null) throw graph.OutcomeUnknown(failure.Message, failure);
            bool committed;
            try
            {
                var (result, _, _) = await graph.PostAsync(graph.queryPath, GraphVersion.Committed, mark.Parameters, Access.LeaderRead,
                    CancellationToken.None);
                committed = result.Scalar<bool>("committed");
            }
            catch (Exception e) when (e is Neo4jException or Neo4jUnavailableException)
            {
                throw graph.OutcomeUnknown($"{failure.Message}; whether it committed could not be read ({e.Message})", failure);
            }
            graph.logger.LogWarning("{Failure}; its mark shows it {Outcome}", failure.Message,
                committed ? "committed" : "did not commit, so it runs again");
            if (!committed)
                throw new Neo4jTransientException("RelIntel.CommitNotCommitted", $"{failure.Message}; it did not commit.");
            GraphSession.Current?.MarkWrote();
        }

        /// <summary>
        /// Rolls back what is still open. After a commit that got no answer this matters too: if the commit never arrived,
        /// the rollback frees the transaction's locks at once instead of when Neo4j expires it.
        /// </summary>
        public async Task RollbackQuietlyAsync()
        {
            if (id is null || failed) return;
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var _ = await graph.http.DeleteAsync($"{graph.queryPath}/tx/{id}", cts.Token);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // Neo4j rolls an abandoned transaction back when it expires.
                graph.logger.LogDebug(e, "Rolling back transaction {Id} failed", id);
            }
            id = null;
        }
    }
}
