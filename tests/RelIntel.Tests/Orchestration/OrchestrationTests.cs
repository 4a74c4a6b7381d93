using System.Net;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Orchestration;

/// <summary>
/// The plan follows the buying process: each stage weighs the buying center with its own role weights and engages the
/// roles in its focus; with a load cap of one, who comes first decides who of ours engages whom, so the stages differ
/// where an expert would expect them to.
/// </summary>
public sealed class OrchestrationTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Insights:LoadCap"] = "1",
        ["Insights:OpenDealsLoadCap"] = "2",
    };

    private static StagePlan Stage(OrchestrationResponse answer, OpportunityStage stage) => answer.Stages.Single(s => s.Stage == stage);

    private List<(string Ours, string Theirs)> Plan(StagePlan stage) =>
        stage.Plan.Select(e => (World.Name(e.OurPerson.Id), World.Name(e.TheirPerson.Id))).ToList();

    private StageTarget Target(StagePlan stage, string name) => stage.Targets.Single(t => t.Person.Id == World.Id(name));

    /// <summary>
    /// Uma, a user, initiated the need; Gil guards the information; Otto approves; Bea buys. Ava (account executive) knows
    /// Otto and Bea, Sol (solution engineer, like Uma an individual contributor) knows Uma, Gil and Bea.
    /// </summary>
    private async Task BuyingProcessAsync()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava", "manager");
        await World.OursAsync("Sol", "individual");
        await World.TheirsAsync("Uma", "individual");
        await World.TheirsAsync("Gil", "manager");
        await World.TheirsAsync("Otto", "executive");
        await World.TheirsAsync("Bea", "director");
        await World.TeamAsync("Ava");
        await World.TeamAsync("Sol", "solution-engineer");
        await World.KnowsAsync("Ava", "Otto", 0.6);
        await World.KnowsAsync("Ava", "Bea", 0.6);
        await World.KnowsAsync("Ava", "Uma", 0.5);
        await World.KnowsAsync("Sol", "Uma", 0.8);
        await World.KnowsAsync("Sol", "Gil", 0.7);
        await World.KnowsAsync("Sol", "Bea", 0.5);
        await World.MemberAsync("Uma", ["user"], "supporter", influence: 4);
        await World.MemberAsync("Gil", ["gatekeeper"], influence: 3);
        await World.MemberAsync("Otto", ["approver"], influence: 5);
        await World.MemberAsync("Bea", ["buyer"], influence: 3);
    }

    [Test]
    public async Task At_qualification_the_plan_reaches_the_user_who_initiated_the_need()
    {
        await BuyingProcessAsync();
        await World.StageAsync("qualification");

        var answer = await World.OrchestrationAsync(ahead: 0);

        var qualification = answer.Stages.Single();
        var uma = Target(qualification, "Uma");
        Assert.Multiple(() =>
        {
            Assert.That(qualification.Stage, Is.EqualTo(OpportunityStage.Qualification));
            Assert.That(qualification.Current, Is.True);
            Assert.That(Plan(qualification), Does.Contain(("Sol", "Uma")), "the initiator first, by the one of ours who matches her");
            Assert.That(qualification.Targets[0].Person.Id, Is.EqualTo(World.Id("Uma")),
                "user 1 × 4/5 × supporter 0.8 = 0.64 leads at qualification");
            Assert.That(uma.Priority, Is.EqualTo(1.0 * 0.8 * 0.8).Within(1e-6));
            Assert.That(uma.PriorityFactors.Stage, Is.EqualTo(OpportunityStage.Qualification));
            Assert.That(uma.Status, Is.EqualTo(StageTargetStatus.Engaged));
            Assert.That(Target(qualification, "Bea").Status, Is.EqualTo(StageTargetStatus.KeptWarm),
                "the Buyer (0.3 at qualification) waits for the negotiation");
            Assert.That(qualification.Focus, Does.Contain("kept warm: buyer 0.3"));
            var entry = qualification.Plan.Single(e => e.TheirPerson.Id == World.Id("Uma"));
            Assert.That(entry.Reason, Does.Contain("seniority matches (individual to individual)"));
            Assert.That(answer.Transitions, Is.Empty, "no stage ahead asked for");
        });
    }

    [Test]
    public async Task At_negotiation_the_plan_reaches_the_buyer_and_the_approver()
    {
        await BuyingProcessAsync();
        await World.StageAsync("negotiation");

        var answer = await World.OrchestrationAsync();

        var stages = answer.Stages.Select(s => s.Stage).ToList();
        var negotiation = Stage(answer, OpportunityStage.Negotiation);
        Assert.Multiple(() =>
        {
            Assert.That(stages, Is.EqualTo(new[] { OpportunityStage.Negotiation, OpportunityStage.ClosedWon }), "the current stage and the next one");
            Assert.That(Plan(negotiation), Is.EquivalentTo(new[] { ("Ava", "Otto"), ("Sol", "Bea") }));
            Assert.That(Target(negotiation, "Uma").Status, Is.EqualTo(StageTargetStatus.KeptWarm));
            Assert.That(Target(negotiation, "Bea").PriorityFactors.RoleWeight, Is.EqualTo(1.0));
            Assert.That(Target(negotiation, "Bea").Reason, Does.Contain("buyer weighs 1 at negotiation"));
        });

        // The recommendations and the power map weigh the same stage, and say so.
        var recommendations = await World.RecommendationsAsync();
        var powerMap = await World.PowerMapAsync();
        Assert.Multiple(() =>
        {
            Assert.That(recommendations.Targets.Select(t => t.PriorityFactors.Stage), Is.All.EqualTo(OpportunityStage.Negotiation));
            Assert.That(recommendations.Targets.Select(t => World.Name(t.Person.Id)).Take(2), Is.EqualTo(new[] { "Otto", "Bea" }));
            Assert.That(powerMap.Members.Select(m => World.Name(m.Person.Id)).Take(2), Is.EqualTo(new[] { "Otto", "Bea" }));
            Assert.That(powerMap.Members[0].PriorityFactors!.Stage, Is.EqualTo(OpportunityStage.Negotiation));
            Assert.That(powerMap.Members[0].Priority, Is.EqualTo(0.9).Within(1e-6));
        });
    }

    [Test]
    public async Task The_same_data_at_two_stages_gives_two_plans_and_the_answer_explains_the_difference()
    {
        await BuyingProcessAsync();
        await World.StageAsync("qualification");

        var answer = await World.OrchestrationAsync(ahead: 2);

        var qualification = Stage(answer, OpportunityStage.Qualification);
        var negotiation = Stage(answer, OpportunityStage.Negotiation);
        Assert.That(Plan(qualification), Is.Not.EquivalentTo(Plan(negotiation)));
        var transitions = answer.Transitions;
        Assert.That(transitions.Select(t => (t.From, t.To)), Is.EqualTo(new[]
        {
            (OpportunityStage.Qualification, OpportunityStage.Proposal), (OpportunityStage.Proposal, OpportunityStage.Negotiation),
        }));

        // Every difference between the two plans is one change of the transitions, with its reason.
        var changes = transitions.SelectMany(t => t.Changes).ToList();
        var before = Plan(qualification).ToDictionary(e => e.Theirs, e => e.Ours);
        var after = Plan(negotiation).ToDictionary(e => e.Theirs, e => e.Ours);
        foreach (var theirs in before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)))
        {
            var about = changes.Where(c => c.TheirPerson.Id == World.Id(theirs)).ToList();
            Assert.That(about, Is.Not.Empty, $"the change for {theirs} is explained");
            Assert.That(about.Select(c => c.Reason), Is.All.Not.Empty);
        }

        var toNegotiation = transitions[^1].Changes;
        var umaSteps = toNegotiation.Concat(transitions[0].Changes).Single(c => c.TheirPerson.Id == World.Id("Uma"));
        var beaStarts = transitions.SelectMany(t => t.Changes).Single(c => c.TheirPerson.Id == World.Id("Bea"));
        Assert.Multiple(() =>
        {
            Assert.That(umaSteps.Kind, Is.EqualTo(StageChangeKind.StepsBack));
            Assert.That(umaSteps.Before!.Id, Is.EqualTo(World.Id("Sol")));
            Assert.That(umaSteps.Reason, Does.Contain("user weighs 1 at qualification, 0.4 at proposal")
                .And.Contain("below the focus weight 0.5"));
            Assert.That(beaStarts.Kind, Is.EqualTo(StageChangeKind.Starts));
            Assert.That(beaStarts.Reason, Does.Contain("buyer weighs 0.3 at qualification, 0.8 at proposal"));
            Assert.That(transitions[0].Summary, Does.StartWith("From qualification to proposal:"));
        });
    }

    [Test]
    public async Task Who_comes_first_at_a_stage_keeps_the_best_route_and_the_other_is_handed_over()
    {
        await World.LeaderChangesAtProposalAsync();

        var answer = await World.OrchestrationAsync();

        Assert.That(Plan(Stage(answer, OpportunityStage.Qualification)), Is.EquivalentTo(new[] { ("Ava", "Gil"), ("Sol", "Dora") }));
        Assert.That(Plan(Stage(answer, OpportunityStage.Proposal)), Is.EquivalentTo(new[] { ("Ava", "Dora"), ("Sol", "Gil") }));
        var changes = answer.Transitions[0].Changes;
        var dora = changes.Single(c => c.TheirPerson.Id == World.Id("Dora"));
        var gil = changes.Single(c => c.TheirPerson.Id == World.Id("Gil"));
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.Kind), Is.All.EqualTo(StageChangeKind.HandsOver));
            Assert.That(dora.Before!.Id, Is.EqualTo(World.Id("Sol")));
            Assert.That(dora.After!.Id, Is.EqualTo(World.Id("Ava")));
            Assert.That(dora.Reason, Does.Contain("decider weighs 0.7 at qualification, 1 at proposal")
                .And.Contain("priority 0.504 → 0.72"));
            Assert.That(gil.Reason, Does.Contain($"hands Gil over to Sol").And.Contain("is full at proposal with Dora"));
            Assert.That(answer.Transitions[0].Summary, Does.Contain("2 are handed over (Dora, Gil)"));
        });
    }

    [Test]
    public async Task A_seller_already_carrying_the_cap_on_other_deals_is_not_given_more()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava");
        await World.OursAsync("Sol");
        await World.OursAsync("Kai");
        await World.TheirsAsync("Dora");
        await World.TheirsAsync("Otto");
        await World.TeamAsync("Ava");
        await World.KnowsAsync("Ava", "Dora", 0.9);
        await World.KnowsAsync("Sol", "Dora", 0.5);
        await World.KnowsAsync("Kai", "Otto", 0.8);
        await World.MemberAsync("Dora", ["decider"], influence: 5);
        await World.MemberAsync("Otto", ["approver"], influence: 4);
        // Ava is on two other open deals (the cap across open deals is 2); a closed one does not count. Kai is on one.
        var open1 = await World.OtherDealAsync("qualification", "Ava", "Kai");
        var open2 = await World.OtherDealAsync("negotiation", "Ava");
        await World.OtherDealAsync("closed-won", "Ava", "Kai");

        var answer = await World.OrchestrationAsync(ahead: 0);

        var proposal = answer.Stages[0];
        var load = answer.Load.ToDictionary(l => World.Name(l.Person.Id));
        Assert.Multiple(() =>
        {
            Assert.That(Plan(proposal), Is.EquivalentTo(new[] { ("Sol", "Dora"), ("Kai", "Otto") }),
                "Ava has the better route to Dora, but no room left; Kai has room for one more");
            Assert.That(load["Ava"].OtherOpenDeals, Is.EqualTo(2));
            Assert.That(load["Ava"].OtherOpportunityIds, Is.EquivalentTo(new[] { open1, open2 }));
            Assert.That(load["Ava"].Room, Is.Zero);
            Assert.That(load["Ava"].Explanation, Does.Contain("2 other open deals"));
            Assert.That(load["Kai"].OtherOpenDeals, Is.EqualTo(1));
            Assert.That(load["Kai"].Room, Is.EqualTo(1));
            Assert.That(load["Sol"].OtherOpenDeals, Is.Zero);
            var kai = proposal.Plan.Single(e => e.OurPerson.Id == World.Id("Kai"));
            Assert.That(kai.Reason, Does.Contain("carries 1 here and 1 on other open deals, 2 of 2 across open deals"));
        });

        // Without Sol, Dora has nobody with room: the answer says whose load keeps her out.
        await Client.DeleteAsync($"/api/relationships?ourPersonId={World.Id("Sol")}&theirPersonId={World.Id("Dora")}")
            .ShouldBe(HttpStatusCode.NoContent);
        var without = await World.OrchestrationAsync(ahead: 0);
        var dora = Target(without.Stages[0], "Dora");
        Assert.That(dora.Status, Is.EqualTo(StageTargetStatus.NoRoom));
        Assert.That(dora.Reason, Does.Contain("Ava (0 here and 2 on other open deals, 2 of 2 across open deals)"));

        // The recommendations' plan is this deal's alone: there Ava still takes Dora (documented in docs/scoring.md).
        var recommendations = await World.RecommendationsAsync();
        Assert.That(recommendations.Plan.Select(e => World.Name(e.OurPerson.Id)), Does.Contain("Ava"));
    }

    [Test]
    public async Task The_next_conversations_are_ranked_with_their_reason_and_the_gap_each_closes()
    {
        await World.PursuitAsync();
        var competitor = await World.CompetitorAsync();
        await World.OursAsync("Ava");
        await World.OursAsync("Sol");
        await World.TheirsAsync("Dora");
        await World.TheirsAsync("Lee");
        await World.TheirsAsync("Opal");
        await World.TheirsAsync("Cora");
        await World.TheirsAsync("Nia");
        await World.TeamAsync("Ava");
        await World.TeamAsync("Sol");
        // Dora (decider) is reached only through Lee, who reports to her; Opal opposes us, Sol knows her; Cora is our coach,
        // Ava knows her, but that relationship went stale; Nia (approver) has no route at all.
        await World.ReportsToAsync("Lee", "Dora");
        await World.KnowsAsync("Sol", "Lee", 0.8);
        await World.KnowsAsync("Sol", "Opal", 0.7);
        await World.KnowsAsync("Ava", "Cora", 0.9);
        await World.MetAsync(App.Clock.GetUtcNow().AddDays(-400), "Ava", "Cora");
        await World.MemberAsync("Dora", ["decider"], "neutral", influence: 5);
        await World.MemberAsync("Opal", ["influencer"], "opponent", influence: 5, favorsCompetitorId: competitor);
        await World.MemberAsync("Cora", ["user", "influencer"], "champion", influence: 4, coach: true);
        await World.MemberAsync("Nia", ["approver"], "neutral", influence: 4);

        var answer = await World.OrchestrationAsync();

        var conversations = answer.NextConversations;
        NextConversation With(string name) => conversations.First(c => c.TheirPerson.Id == World.Id(name));
        Assert.Multiple(() =>
        {
            Assert.That(conversations.Select(c => c.Rank), Is.EqualTo(Enumerable.Range(1, conversations.Count)));
            Assert.That(conversations.Count, Is.InRange(1, 5));
            Assert.That(conversations.Select(c => c.Urgency), Is.Ordered.Descending);
            foreach (var c in conversations)
            {
                Assert.That(c.Urgency, Is.EqualTo(c.UrgencyFactors.ReasonWeight * c.UrgencyFactors.Priority).Within(1e-6));
                Assert.That(c.Reason, Is.Not.Empty);
                Assert.That(c.Closes.Message, Is.Not.Empty);
            }

            // Dora: Sol reaches her only through Lee, whom to ask for an introduction.
            var dora = With("Dora");
            Assert.That(dora.Kind, Is.EqualTo(NextConversationKind.UncoveredPriorityTarget));
            Assert.That(dora.OurPerson.Id, Is.EqualTo(World.Id("Sol")));
            Assert.That(dora.Via, Is.EqualTo(new[] { World.Id("Lee") }));
            Assert.That(dora.Reason, Does.Contain("ask Lee for an introduction"));
            Assert.That(dora.Closes.Code, Is.EqualTo(ConversationGapCode.NoDirectContact));
            Assert.That(conversations[0].TheirPerson.Id, Is.EqualTo(World.Id("Dora")), "the Decider first: 1 × 1 × 0.9");

            // Opal opposes us with influence 5 and favors a competitor.
            var opal = With("Opal");
            Assert.That(opal.Kind, Is.EqualTo(NextConversationKind.InfluentialOpponent));
            Assert.That(opal.Reason, Does.Contain("opposes us with influence 5 of 5"));
            Assert.That(opal.Closes.Code, Is.EqualTo(ConversationGapCode.OpponentUnaddressed));

            // Nia has no route: ask the coach (the coach conversation also briefs her on what comes next).
            var viaCoach = conversations.Where(c => c.TheirPerson.Id == World.Id("Cora")).ToList();
            Assert.That(viaCoach.Select(c => c.Kind), Is.EquivalentTo(new[] { NextConversationKind.UncoveredPriorityTarget }),
                "one conversation per pair of people");
            Assert.That(viaCoach[0].About!.Id, Is.EqualTo(World.Id("Nia")));
            Assert.That(viaCoach[0].Closes.Code, Is.EqualTo(ConversationGapCode.UncoveredTarget));
            Assert.That(viaCoach[0].Reason, Does.Contain("ask our coach Cora").And.Contain("Also:").And.Contain("went stale"));
        });
    }

    [Test]
    public async Task A_closed_deal_has_only_its_own_stage_and_prospecting_looks_ahead_to_the_win()
    {
        await BuyingProcessAsync();
        await World.StageAsync("closed-lost");
        var lost = await World.OrchestrationAsync(ahead: 4);
        Assert.That(lost.Stages.Select(s => s.Stage), Is.EqualTo(new[] { OpportunityStage.ClosedLost }));
        Assert.That(lost.Transitions, Is.Empty);

        await World.StageAsync("prospecting");
        var prospecting = await World.OrchestrationAsync(ahead: 4);
        Assert.That(prospecting.Stages.Select(s => s.Stage), Is.EqualTo(new[]
        {
            OpportunityStage.Prospecting, OpportunityStage.Qualification, OpportunityStage.Proposal, OpportunityStage.Negotiation,
            OpportunityStage.ClosedWon,
        }));
        Assert.That(prospecting.Transitions, Has.Count.EqualTo(4));
        Assert.That(prospecting.Stages.Select(s => s.Current), Is.EqualTo(new[] { true, false, false, false, false }));
    }

    [Test]
    public async Task An_empty_buying_center_gives_empty_plans()
    {
        await World.PursuitAsync();
        var answer = await World.OrchestrationAsync();
        Assert.That(answer.Stages.Select(s => s.Plan.Count), Is.All.Zero);
        Assert.That(answer.NextConversations, Is.Empty);
        Assert.That(answer.Load, Is.Empty);
        Assert.That(answer.ScoreNote, Does.Contain("not probabilities"));
    }

    [Test]
    public async Task Unknown_opportunities_bad_ids_and_bad_parameters_are_problems_naming_the_field()
    {
        await Client.GetAsync($"/api/opportunities/{NewId("opp")}/orchestration").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await Client.GetAsync("/api/opportunities/bad%20id/orchestration").ShouldBeProblem(HttpStatusCode.BadRequest, "id");
        await World.PursuitAsync();
        var path = $"/api/opportunities/{World.Deal}/orchestration";
        await Client.GetAsync($"{path}?ahead=5").ShouldBeProblem(HttpStatusCode.BadRequest, "ahead");
        await Client.GetAsync($"{path}?ahead=-1").ShouldBeProblem(HttpStatusCode.BadRequest, "ahead");
        await Client.GetAsync($"{path}?ahead=soon").ShouldBeProblem(HttpStatusCode.BadRequest, "ahead");
        using var anonymous = App.CreateClientWithKey(null);
        await anonymous.GetAsync(path).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_orchestration_is_audited_with_the_relationships_its_routes_show()
    {
        await BuyingProcessAsync();
        var key = await Keys.CreateAsync("seller", World.Id("Ava"));
        using var ava = Keys.ClientFor(key.Secret);
        await ava.GetAsync($"/api/opportunities/{World.Deal}/orchestration").ShouldBe(HttpStatusCode.OK);

        var entry = (await World.AuditOfAsync(key.Name)).Single();
        Assert.That(entry.Endpoint, Is.EqualTo("/api/opportunities/{id}/orchestration"));
        var shown = entry.Relationships;
        Assert.That(shown, Does.Contain($"{World.Id("Ava")}|{World.Id("Otto")}").And.Contain($"{World.Id("Sol")}|{World.Id("Bea")}"),
            "the plans' routes");
    }
}
