using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Reports;

/// <summary>
/// When the deal moves to another stage or its buying center changes, the next report says which targets and plan entries
/// changed, and why. With one target per person of ours, who comes first decides who engages whom.
/// </summary>
public sealed class ReportStageChangesTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Insights:LoadCap"] = "1" };

    [Test]
    public async Task The_next_report_says_which_targets_and_plan_entries_changed_with_the_stage_and_the_buying_center()
    {
        // Gil leads at qualification, Dora from the proposal on (World.LeaderChangesAtProposalAsync); Kai knows Bea, who joins later.
        await World.LeaderChangesAtProposalAsync();
        await World.OursAsync("Kai");
        await World.TheirsAsync("Bea");
        await World.KnowsAsync("Kai", "Bea", 0.6);
        var first = await World.ReportAsync();
        Assert.That(first.Stage, Is.EqualTo(OpportunityStage.Qualification));
        Assert.That(first.Coverage.Select(m => m.PriorityFactors!.Stage), Is.All.EqualTo(OpportunityStage.Qualification));

        // The deal moves on, and a Buyer joins the buying center.
        await World.StageAsync("proposal");
        await World.MemberAsync("Bea", ["buyer"], influence: 3);
        App.Clock.Advance(TimeSpan.FromDays(7));
        var second = await World.ReportAsync();

        var changes = second.Changes;
        var targets = changes.Targets.ToDictionary(t => World.Name(t.Target.Id));
        var plan = changes.PlanEntries.ToDictionary(p => World.Name(p.Target.Id));
        Assert.Multiple(() =>
        {
            Assert.That(changes.Stage, Is.EqualTo(new StageMove(OpportunityStage.Qualification, OpportunityStage.Proposal)));
            Assert.That(targets.Keys, Is.EquivalentTo(new[] { "Gil", "Dora", "Bea" }));
            Assert.That(targets["Dora"].PriorityBefore, Is.EqualTo(0.504).Within(1e-6));
            Assert.That(targets["Dora"].PriorityAfter, Is.EqualTo(0.72).Within(1e-6));
            Assert.That(targets["Dora"].Reason, Does.Contain("the stage moved qualification → proposal: decider weighs 0.7 → 1"));
            Assert.That(targets["Gil"].Reason, Does.Contain("gatekeeper weighs 0.8 → 0.6"));
            Assert.That(targets["Bea"].PriorityBefore, Is.Null);
            Assert.That(targets["Bea"].Reason, Does.Contain("joined the buying center as buyer").And.Contain("buyer weighs 0.8 at proposal"));

            Assert.That(plan.Keys, Is.EquivalentTo(new[] { "Gil", "Dora", "Bea" }));
            Assert.That((World.Name(plan["Dora"].Before!.Id), World.Name(plan["Dora"].After!.Id)), Is.EqualTo(("Sol", "Ava")));
            Assert.That(plan["Dora"].Reason, Does.StartWith("Dora moves from Sol to Ava").And.Contain("decider weighs 0.7 → 1"));
            Assert.That((World.Name(plan["Gil"].Before!.Id), World.Name(plan["Gil"].After!.Id)), Is.EqualTo(("Ava", "Sol")));
            Assert.That(plan["Bea"].Before, Is.Null);
            Assert.That(plan["Bea"].Reason, Does.StartWith("Kai now engages Bea").And.Contain("joined the buying center"));
        });

        // The same changes in Markdown; a third report with nothing new says nothing of stages.
        var markdown = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{second.Id}")
        {
            Headers = { { "Accept", "text/markdown" } },
        });
        var text = ReportFacts.UnescapeMarkdown(await markdown.Content.ReadAsStringAsync());
        Assert.That(text, Does.Contain("- stage: qualification → proposal"));
        Assert.That(text, Does.Contain("- plan: " + plan["Dora"].Reason));
        var third = await World.ReportAsync();
        Assert.That(third.Changes.Stage, Is.Null);
        Assert.That(third.Changes.Targets, Is.Empty);
        Assert.That(third.Changes.PlanEntries, Is.Empty);
    }

    [Test]
    public async Task A_member_who_leaves_is_a_change_of_targets_and_of_the_plan()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava");
        await World.TheirsAsync("Dora");
        await World.TheirsAsync("Uma");
        await World.KnowsAsync("Ava", "Dora", 0.9);
        await World.KnowsAsync("Ava", "Uma", 0.9);
        await World.MemberAsync("Dora", ["decider"], influence: 4);
        await World.MemberAsync("Uma", ["user"], "supporter", influence: 4);
        await World.ReportAsync();

        await Client.DeleteAsync($"/api/opportunities/{World.Deal}/buying-center/{World.Id("Dora")}")
            .ShouldBe(HttpStatusCode.NoContent);
        var second = await World.ReportAsync();

        var left = second.Changes.Targets.Single();
        var moved = second.Changes.PlanEntries.Select(p => (World.Name(p.Target.Id), p.Before?.Id, p.After?.Id, p.Reason)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(World.Name(left.Target.Id), Is.EqualTo("Dora"));
            Assert.That(left.PriorityAfter, Is.Null);
            Assert.That(left.Reason, Does.Contain("left the buying center"));
            Assert.That(moved.Select(m => m.Item1), Is.EquivalentTo(new[] { "Dora", "Uma" }));
            Assert.That(moved.Single(m => m.Item1 == "Dora").Reason, Does.Contain("Ava no longer engages Dora: they left the buying center"));
            Assert.That(moved.Single(m => m.Item1 == "Uma").Reason, Does.StartWith("Ava now engages Uma"),
                "with Dora gone, Ava has room for Uma");
        });
    }
}
