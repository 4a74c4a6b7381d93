using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RelIntel.Api.Features.Demo;

namespace RelIntel.Tests;

/// <summary>The service in-process, on a real Neo4j, with a clock the test controls.</summary>
/// <param name="neo4jUri">The test Neo4j.</param>
/// <param name="settings">Settings on top of appsettings.json.</param>
/// <param name="services">Services the test adds or replaces (an in-memory telemetry exporter, faults on the wire to Neo4j).</param>
public sealed class RelIntelApp(Uri neo4jUri, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The bootstrap admin key every test service starts with; <see cref="WebApplicationFactory{T}.CreateClient()"/> sends it.</summary>
    public const string AdminKey = "test-bootstrap-admin-key-0123456789";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    private bool onLoopbackPort;

    /// <summary>
    /// The service on Kestrel at a free port of 127.0.0.1, started, for clients outside the process (a browser):
    /// the in-memory test server is reachable only through the factory's own clients.
    /// </summary>
    public static RelIntelApp OnLoopbackPort(Uri neo4jUri, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new RelIntelApp(neo4jUri, settings) { onLoopbackPort = true };
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    /// <summary>Where the service listens when started <see cref="OnLoopbackPort"/>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <summary>Every client created by the factory calls as the bootstrap admin unless told otherwise.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    /// <summary>A client that sends <paramref name="key"/> (none when null).</summary>
    public HttpClient CreateClientWithKey(string? key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Neo4j:Uri", neo4jUri.ToString());
        builder.UseSetting("RelIntel:Auth:BootstrapAdminKey", AdminKey);
        // Tests send many requests quickly; the rate-limit tests set a small bucket of their own.
        builder.UseSetting("RelIntel:RateLimit:TokenLimit", "1000000");
        builder.UseSetting("RelIntel:RateLimit:TokensPerPeriod", "1000000");
        builder.UseSetting("RelIntel:RateLimit:FailedAuthenticationLimit", "1000000");
        builder.UseSetting("RelIntel:RateLimit:FailedAuthenticationsPerPeriod", "1000000");
        // Tests share one Neo4j and move their own clocks: only fixtures that test the scheduler or the outbox worker run them.
        builder.UseSetting("Reports:SchedulerEnabled", "false");
        builder.UseSetting("Webhooks:WorkerEnabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(testServices =>
        {
            testServices.AddSingleton<TimeProvider>(Clock);
            services?.Invoke(testServices);
            // On a real port the demo loader calls the service as in production.
            if (onLoopbackPort) return;
            // The demo loader calls the API over HTTP; in tests that means the in-memory test server.
            testServices.AddHttpClient(DemoEndpoints.SelfClient)
                .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler())
                .ConfigureHttpClient(client => client.BaseAddress = new Uri("http://localhost"));
        });
    }
}
