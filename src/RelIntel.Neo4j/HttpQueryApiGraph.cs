using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace RelIntel.Neo4j;

/// <summary>
/// <see cref="IGraph"/> over Neo4j's HTTP Query API (<c>/db/{db}/query/v2</c>). Neo4j answers 202 on success,
/// yet may put errors in a 202 body while streaming, so every answer's <c>errors</c> is read.
/// </summary>
public sealed class HttpQueryApiGraph : IGraph, IDisposable
{
    private readonly HttpClient http;
    private readonly string queryPath;
    private readonly ResiliencePipeline pipeline;
    private readonly Neo4jOptions options;
    private readonly ILogger logger;

    public HttpQueryApiGraph(Uri serverUri, Neo4jOptions options, ILogger<HttpQueryApiGraph> logger, TimeProvider? timeProvider = null)
    {
        this.options = options;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler
        {
            // Recycle connections so a restarted or moved server is picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        })
        {
            BaseAddress = serverUri,
            // Polly's per-attempt timeout governs; this only stops a request that ignores cancellation.
            Timeout = options.QueryTimeout + TimeSpan.FromSeconds(5),
        };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.User))
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        queryPath = $"db/{Uri.EscapeDataString(options.Database)}/query/v2";
        pipeline = BuildPipeline(options, timeProvider ?? TimeProvider.System);
    }

    public Uri ServerUri => http.BaseAddress!;

    public Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async token => (await PostAsync(queryPath, query, parameters, token)).Result, cancellationToken);

    public Task<T> InTransactionAsync<T>(Func<IGraphTransaction, Task<T>> work, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async token =>
        {
            var tx = new Transaction(this);
            try
            {
                var result = await work(tx);
                await tx.CommitAsync(token);
                return result;
            }
            catch
            {
                await tx.RollbackQuietlyAsync();
                throw;
            }
        }, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token => await action(token), cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw new Neo4jUnavailableException("Neo4j is unavailable; calls are paused for a moment.", e)
            {
                RetryAfter = e.RetryAfter ?? options.BreakDuration,
            };
        }
        catch (TimeoutRejectedException e)
        {
            throw new Neo4jUnavailableException($"Neo4j did not answer within {options.QueryTimeout.TotalSeconds:0.#} s.", e)
            {
                RetryAfter = options.BreakDuration,
            };
        }
    }

    private static ResiliencePipeline BuildPipeline(Neo4jOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jTransientException>().Handle<Neo4jUnavailableException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Neo4jUnavailableException>().Handle<TimeoutRejectedException>(),
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.QueryTimeout)
            .Build();
    }

    private async Task<(QueryResult Result, string? TransactionId)> PostAsync(
        string path, CypherQuery? query, object? parameters, CancellationToken cancellationToken)
    {
        object body = query is null
            ? new { }
            : new QueryRequest(query.Text, parameters ?? EmptyParameters, IncludeCounters: true);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(path, body, GraphJson.Options, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new Neo4jUnavailableException($"Neo4j at {http.BaseAddress} cannot be reached: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new Neo4jUnavailableException($"The connection to Neo4j at {http.BaseAddress} failed: {e.Message}", e);
        }

        using (response)
        {
            QueryResponse? payload;
            try
            {
                payload = await response.Content.ReadFromJsonAsync<QueryResponse>(GraphJson.Options, cancellationToken);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or IOException or HttpRequestException)
            {
                throw new Neo4jUnavailableException(
                    $"Neo4j answered {(int)response.StatusCode} with a body that is not a Query API answer.", e);
            }

            if (payload?.Errors is { Count: > 0 } errors)
            {
                var first = errors[0];
                logger.LogDebug("Neo4j refused {Query}: {Code} {Message}", query?.Name, first.Code, first.Message);
                throw Neo4jException.FromCode(first.Code, first.Message);
            }
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                throw new Neo4jUnavailableException($"Neo4j answered {(int)response.StatusCode}.");
            if (!response.IsSuccessStatusCode || payload is null)
                throw new Neo4jException("RelIntel.UnexpectedResponse", $"Neo4j answered {(int)response.StatusCode} without errors or data.");

            var data = payload.Data;
            var result = new QueryResult(
                data?.Fields ?? [],
                data?.Values ?? [],
                payload.Counters);
            return (result, payload.Transaction?.Id);
        }
    }

    private static readonly IReadOnlyDictionary<string, object?> EmptyParameters = new Dictionary<string, object?>();

    private sealed record QueryRequest(string Statement, object Parameters, bool IncludeCounters);

    private sealed record QueryResponse(
        ResponseData? Data,
        List<ResponseError>? Errors,
        QueryCounters? Counters,
        ResponseTransaction? Transaction);

    private sealed record ResponseData(List<string> Fields, List<JsonElement[]> Values);

    private sealed record ResponseError(string Code, string Message);

    private sealed record ResponseTransaction(string Id);

    /// <summary>An explicit transaction: opened with its first statement, committed or rolled back by the owner.</summary>
    private sealed class Transaction(HttpQueryApiGraph graph) : IGraphTransaction
    {
        private string? id;
        private bool failed;

        public async Task<QueryResult> RunAsync(CypherQuery query, object? parameters = null, CancellationToken cancellationToken = default)
        {
            var path = id is null ? $"{graph.queryPath}/tx" : $"{graph.queryPath}/tx/{id}";
            try
            {
                var (result, transactionId) = await graph.PostAsync(path, query, parameters, cancellationToken);
                id ??= transactionId;
                return result;
            }
            catch (Neo4jException)
            {
                // Neo4j has already rolled the transaction back.
                failed = true;
                throw;
            }
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (id is null || failed) return;
            await graph.PostAsync($"{graph.queryPath}/tx/{id}/commit", null, null, cancellationToken);
            id = null;
        }

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
