using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace RelIntel.Tests;

/// <summary>A fixture with the service running on the shared test Neo4j and an HTTP client for it.</summary>
public abstract class ApiTest
{
    protected RelIntelApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Settings this fixture's service starts with, on top of appsettings.json.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services this fixture's service starts with on top of its own (telemetry exporters, faults on the wire).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    [OneTimeSetUp]
    public void StartService()
    {
        App = new RelIntelApp(TestNeo4j.Uri, Settings, ConfigureServices);
        Client = App.CreateClient();
    }

    /// <summary>
    /// This test's scenario, built through the API with the admin key; fresh for every test (code in a
    /// <c>[OneTimeSetUp]</c> makes its own <c>new World(Client)</c>).
    /// </summary>
    protected World World { get; private set; } = null!;

    [SetUp]
    public void NewWorld() => World = new World(Client);

    [TearDown]
    public async Task CleanUpWorld() => await World.CleanUpAsync();

    [OneTimeTearDown]
    public async Task StopService()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>API keys for roles and clients that send them (<see cref="Client"/> sends the bootstrap admin key).</summary>
    protected Keys Keys => new(Client, App);

    /// <summary>A client calling with a new key of <paramref name="role"/> (seller and manager act as <paramref name="personId"/>).</summary>
    protected Task<HttpClient> ClientAsAsync(string role, string? personId = null) => Keys.ClientAsync(role, personId);

    /// <summary>An id no other test uses, so tests share one database without clashing.</summary>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 128)];

    protected Task<HttpResponseMessage> PutAsync(string path, object body) => Client.PutAsJsonAsync(path, body);

    protected Task<HttpResponseMessage> PostAsync(string path, object body) => Client.PostAsJsonAsync(path, body);

    protected Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string body, string contentType = "application/json") =>
        Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, contentType) });
}

public static class HttpAssertions
{
    /// <summary>Asserts the status and returns the body as JSON.</summary>
    public static async Task<JsonNode> ShouldBe(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts an RFC 9457 problem with the status, naming <paramref name="field"/> when given.</summary>
    public static async Task<JsonNode> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var problem = await response.ShouldBe(status);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(problem["status"]?.GetValue<int>(), Is.EqualTo((int)status));
        Assert.That(problem["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        if (field is not null)
        {
            var named = problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
            if (problem["field"] is { } single) named.Add(single.GetValue<string>());
            Assert.That(named, Does.Contain(field), $"The problem should name '{field}': {problem.ToJsonString()}");
        }
        return problem;
    }

    /// <summary>Awaits the call, then asserts as <see cref="ShouldBe(HttpResponseMessage, HttpStatusCode)"/>.</summary>
    public static async Task<JsonNode> ShouldBe(this Task<HttpResponseMessage> response, HttpStatusCode status) =>
        await (await response).ShouldBe(status);

    /// <summary>Awaits the call, then asserts as <see cref="ShouldBeProblem(HttpResponseMessage, HttpStatusCode, string?)"/>.</summary>
    public static async Task<JsonNode> ShouldBeProblem(this Task<HttpResponseMessage> response, HttpStatusCode status, string? field = null) =>
        await (await response).ShouldBeProblem(status, field);

    /// <summary>Asserts the status and reads the body as the API's contract type <typeparamref name="T"/>.</summary>
    public static async Task<T> ShouldBe<T>(this HttpResponseMessage response, HttpStatusCode status) =>
        (await response.ShouldBe(status)).Read<T>();

    /// <summary>Awaits the call, asserts the status and reads the body as the API's contract type <typeparamref name="T"/>.</summary>
    public static async Task<T> ShouldBe<T>(this Task<HttpResponseMessage> response, HttpStatusCode status) =>
        (await response.ShouldBe(status)).Read<T>();

    /// <summary>The API's own JSON options (web defaults, kebab-case enums, strict numbers), so contract types read as it wrote them.</summary>
    public static readonly JsonSerializerOptions ApiJson = CreateApiJson();

    private static JsonSerializerOptions CreateApiJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        RelIntel.Api.Infrastructure.Json.Configure(options);
        return options;
    }

    /// <summary>The JSON as the API's contract type <typeparamref name="T"/>, read with the API's options.</summary>
    public static T Read<T>(this JsonNode node) => node.Deserialize<T>(ApiJson)!;

    /// <summary>JSON text as the API's contract type <typeparamref name="T"/>, read with the API's options.</summary>
    public static T Read<T>(this string json) => JsonSerializer.Deserialize<T>(json, ApiJson)!;
}
