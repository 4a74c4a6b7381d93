using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.Demo;

namespace RelIntel.Tests.Demo;

/// <summary>
/// /health/ready answers ready only once the demo account loaded at start-up is in: a walk-through started on a ready
/// service finds the whole account. The demo's requests are held back here until the test lets them go.
/// </summary>
public sealed class ReadinessTests : ApiTest
{
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Demo:Enabled"] = "true",
        ["Demo:LoadOnStart"] = "true",
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(DemoEndpoints.SelfClient).AddHttpMessageHandler(() => new HeldBack(release.Task));

    [Test]
    public async Task Ready_only_after_the_start_up_demo_load_has_finished()
    {
        var loading = await Client.GetAsync("/health/ready").ShouldBe(HttpStatusCode.ServiceUnavailable);
        Assert.That(loading["checks"]!["start-up"]!["description"]!.GetValue<string>(), Does.Contain("demo account"));
        Assert.That(loading["checks"]!["neo4j"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));

        release.SetResult();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        HttpResponseMessage ready;
        while ((ready = await Client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await ready.ShouldBe(HttpStatusCode.OK);

        // Ready means the whole account is there, down to the last request of the load (the opportunity's team).
        var opportunity = await Client.GetAsync("/api/opportunities/opp-globex-platform").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(opportunity.BuyingCenter, Has.Count.EqualTo(6));
        Assert.That(opportunity.Team, Has.Count.EqualTo(3));
    }

    /// <summary>Holds every request until the test releases them.</summary>
    private sealed class HeldBack(Task released) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await released.WaitAsync(cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
