using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RelIntel.Benchmarks;

/// <summary>What one call answered: status, time to the last byte of the body, and the body when asked for.</summary>
public sealed record CallResult(int Status, double Milliseconds, byte[]? Body);

/// <summary>The REST API as the benchmark calls it: JSON bodies, always with the bearer key.</summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient http;

    public ApiClient(Uri baseUri, string apiKey)
    {
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(10),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Uri BaseUri => http.BaseAddress!;

    public Task<CallResult> PutAsync<T>(string path, T body, bool keepBody = false, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, keepBody, ct);

    public Task<CallResult> PostAsync<T>(string path, T body, bool keepBody = false, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, keepBody, ct);

    public Task<CallResult> GetAsync(string path, bool keepBody = true, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), keepBody, ct);

    private async Task<CallResult> SendAsync(HttpRequestMessage request, bool keepBody, CancellationToken ct)
    {
        using (request)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var failed = (int)response.StatusCode >= 300;
            return new CallResult((int)response.StatusCode, elapsed, keepBody || failed ? body : null);
        }
    }

    public void Dispose() => http.Dispose();
}
