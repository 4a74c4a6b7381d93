using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Demo;

/// <summary>
/// The README's walk-through account (deploy/demo/globex-account.json), loaded through the public API itself so the
/// demo exercises exactly what a CRM would call. Only mapped when <c>Demo:Enabled</c> (on in Development).
/// </summary>
public static class DemoEndpoints
{
    public const string SelfClient = "relintel-self";
    private const string Resource = "demo/globex-account.json";

    public sealed record DemoRequest(string Method, string Path, JsonNode? Body);

    public sealed record DemoFailure(string Method, string Path, int Status, string Answer);

    public sealed record DemoResponse(int Requests, int Succeeded, IReadOnlyList<DemoFailure> Failures);

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Demo:Enabled", false);

    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(SelfClient);
        if (IsEnabled(configuration) && configuration.GetValue("Demo:LoadOnStart", false))
            services.AddHostedService<DemoOnStart>();
        return services;
    }

    public static RouteGroupBuilder MapDemo(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/demo").WithTags("Demo").RequireAuthorization(Policies.Admin);
        // The caller's own (admin) key sends the demo's requests.
        group.MapPost("/", async (HttpRequest request, IHttpClientFactory clients, IServer server, CancellationToken cancellationToken) =>
                TypedResults.Ok(await LoadAsync(clients, server, request.Headers.Authorization.ToString(), cancellationToken)))
            .WithName("loadDemo")
            .WithSummary("Load the walk-through account (Development)")
            .WithDescription("Creates the Globex account of the README walk-through through this API: organizations, org charts, " +
                             "influence and rapport, relationships, an interaction, an opportunity with its buying center and team. " +
                             "Idempotent: loading again changes nothing.");
        return group;
    }

    /// <summary>Sends the demo's requests with <paramref name="authorization"/> (<c>Bearer &lt;admin key&gt;</c>).</summary>
    public static async Task<DemoResponse> LoadAsync(IHttpClientFactory clients, IServer server, string authorization,
        CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(SelfClient);
        client.BaseAddress ??= SelfAddress(server);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var requests = ReadRequests();
        var failures = new List<DemoFailure>();
        foreach (var request in requests)
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path)
            {
                Content = request.Body is null ? null : JsonContent.Create(request.Body),
            };
            using var response = await client.SendAsync(message, cancellationToken);
            if (!response.IsSuccessStatusCode || (int)response.StatusCode == StatusCodes.Status207MultiStatus)
                failures.Add(new DemoFailure(request.Method, request.Path, (int)response.StatusCode,
                    await response.Content.ReadAsStringAsync(cancellationToken)));
        }
        return new DemoResponse(requests.Count, requests.Count - failures.Count, failures);
    }

    private static IReadOnlyList<DemoRequest> ReadRequests()
    {
        using var stream = typeof(DemoEndpoints).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded.");
        return JsonSerializer.Deserialize<List<DemoRequest>>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{Resource} is empty.");
    }

    /// <summary>Where this process listens, with wildcard hosts replaced by loopback.</summary>
    private static Uri SelfAddress(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address to send the demo requests to.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost"));
        return uri.Uri;
    }

    /// <summary>Loads the demo once the server listens (it goes through the HTTP API).</summary>
    private sealed class DemoOnStart(IHostApplicationLifetime lifetime, IHttpClientFactory clients, IServer server,
        Microsoft.Extensions.Options.IOptions<AuthOptions> auth, StartupWork startup, ILogger<DemoOnStart> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (string.IsNullOrEmpty(auth.Value.BootstrapAdminKey))
            {
                logger.LogWarning("The demo account is not loaded at start: it needs RelIntel:Auth:BootstrapAdminKey");
                return Task.CompletedTask;
            }
            // Not ready until the demo is in: a walk-through started on a ready service finds the whole account.
            startup.Begin(Work);
            lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
            {
                try
                {
                    var result = await LoadAsync(clients, server, $"Bearer {auth.Value.BootstrapAdminKey}", lifetime.ApplicationStopping);
                    logger.LogInformation("Demo account loaded: {Succeeded}/{Requests} requests succeeded", result.Succeeded, result.Requests);
                    foreach (var failure in result.Failures)
                        logger.LogWarning("Demo request {Method} {Path} answered {Status}: {Answer}", failure.Method, failure.Path, failure.Status, failure.Answer);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
                {
                    logger.LogWarning(e, "The demo account could not be loaded");
                }
                finally
                {
                    startup.End(Work);
                }
            }));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        private const string Work = "the demo account is loading";
    }
}
