using Microsoft.Extensions.Options;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>The role weights by stage are configuration: a configured cell is the weight that applies, and the old single table is refused.</summary>
public sealed class StageWeightsTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Insights:StageRoleWeights:Qualification:User"] = "0.2",
    };

    [Test]
    public async Task A_configured_weight_applies_at_its_stage_and_the_others_keep_their_defaults()
    {
        await World.PursuitAsync();
        await World.TheirsAsync("Uma");
        await World.TheirsAsync("Gil");
        await World.MemberAsync("Uma", ["user"], influence: 5);
        await World.MemberAsync("Gil", ["gatekeeper"], influence: 5);
        await World.StageAsync("qualification");

        var answer = await World.RecommendationsAsync();

        var targets = answer.Targets;
        Assert.Multiple(() =>
        {
            Assert.That(targets.Select(t => World.Name(t.Person.Id)), Is.EqualTo(new[] { "Gil", "Uma" }));
            Assert.That(targets[1].PriorityFactors.RoleWeight, Is.EqualTo(0.2));
            Assert.That(targets[1].Priority, Is.EqualTo(0.2 * 1 * 0.9).Within(1e-6));
            Assert.That(targets[0].PriorityFactors.RoleWeight, Is.EqualTo(0.8), "the gatekeeper's default");
            Assert.That(targets.Select(t => t.PriorityFactors.Stage), Is.All.EqualTo(RelIntel.Api.Domain.OpportunityStage.Qualification));
            Assert.That(answer.ScoreNote, Does.Contain("role weight at the opportunity's stage"));
        });
    }

    [TestCase("Insights:RoleWeights:Decider", "0.9", "Insights:RoleWeights is replaced by Insights:StageRoleWeights")]
    [TestCase("Insights:StageRoleWeights:Negotiation:Buyer", "1.5", "must be between 0 and 1")]
    public void A_setting_the_service_cannot_honour_stops_it_at_start_up(string key, string value, string message)
    {
        var failure = Assert.CatchAsync(() => RunProgramAsync($"--{key}={value}"));
        var messages = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException) messages.Add(e.Message);
        Assert.That(messages, Has.Some.Contain(message), string.Join(" | ", messages));
        Assert.That(failure, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
    }

    /// <summary>
    /// Runs the program's own entry point, as <c>dotnet run</c> would. The test host is not used here: when a start fails,
    /// its deferred host may ask the already disposed services for the lifetime and report that instead of the cause.
    /// </summary>
    private static async Task RunProgramAsync(params string[] settings)
    {
        string[] args = [$"--Neo4j:Uri={TestNeo4j.Uri}", "--urls=http://127.0.0.1:0", "--Reports:SchedulerEnabled=false", "--Webhooks:WorkerEnabled=false", .. settings];
        var entryPoint = typeof(Program).Assembly.EntryPoint!;
        var run = (Task<int>)entryPoint.Invoke(null, [args])!;
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1))) != run)
            Assert.Fail("the service started (or hung) instead of refusing the setting");
        await run;
    }
}
