using System.Net;
using System.Text.Json.Nodes;

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

    private static JsonNode Stage(JsonNode answer, string stage) =>
        answer["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == stage)!;

    private List<(string Ours, string Theirs)> Plan(JsonNode stage) =>
        stage["plan"]!.AsArray()
            .Select(e => (World.Name(e!["ourPerson"]!["id"]!.GetValue<string>()), World.Name(e["theirPerson"]!["id"]!.GetValue<string>())))
            .ToList();

    private JsonNode Target(JsonNode stage, string name) =>
        stage["targets"]!.AsArray().Single(t => t!["person"]!["id"]!.GetValue<string>() == World.Id(name))!;

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

        var qualification = answer["stages"]!.AsArray().Single()!;
        var uma = Target(qualification, "Uma");
        Assert.Multiple(() =>
        {
            Assert.That(qualification["stage"]!.GetValue<string>(), Is.EqualTo("qualification"));
            Assert.That(qualification["current"]!.GetValue<bool>(), Is.True);
            Assert.That(Plan(qualification), Does.Contain(("Sol", "Uma")), "the initiator first, by the one of ours who matches her");
            Assert.That(qualification["targets"]![0]!["person"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Uma")),
                "user 1 × 4/5 × supporter 0.8 = 0.64 leads at qualification");
            Assert.That(uma["priority"]!.GetValue<double>(), Is.EqualTo(1.0 * 0.8 * 0.8).Within(1e-6));
            Assert.That(uma["priorityFactors"]!["stage"]!.GetValue<string>(), Is.EqualTo("qualification"));
            Assert.That(uma["status"]!.GetValue<string>(), Is.EqualTo("engaged"));
            Assert.That(Target(qualification, "Bea")["status"]!.GetValue<string>(), Is.EqualTo("kept-warm"),
                "the Buyer (0.3 at qualification) waits for the negotiation");
            Assert.That(qualification["focus"]!.GetValue<string>(), Does.Contain("kept warm: buyer 0.3"));
            var entry = qualification["plan"]!.AsArray().Single(e => e!["theirPerson"]!["id"]!.GetValue<string>() == World.Id("Uma"))!;
            Assert.That(entry["reason"]!.GetValue<string>(), Does.Contain("seniority matches (individual to individual)"));
            Assert.That(answer["transitions"]!.AsArray(), Is.Empty, "no stage ahead asked for");
        });
    }

    [Test]
    public async Task At_negotiation_the_plan_reaches_the_buyer_and_the_approver()
    {
        await BuyingProcessAsync();
        await World.StageAsync("negotiation");

        var answer = await World.OrchestrationAsync();

        var stages = answer["stages"]!.AsArray().Select(s => s!["stage"]!.GetValue<string>()).ToList();
        var negotiation = Stage(answer, "negotiation");
        Assert.Multiple(() =>
        {
            Assert.That(stages, Is.EqualTo(new[] { "negotiation", "closed-won" }), "the current stage and the next one");
            Assert.That(Plan(negotiation), Is.EquivalentTo(new[] { ("Ava", "Otto"), ("Sol", "Bea") }));
            Assert.That(Target(negotiation, "Uma")["status"]!.GetValue<string>(), Is.EqualTo("kept-warm"));
            Assert.That(Target(negotiation, "Bea")["priorityFactors"]!["roleWeight"]!.GetValue<double>(), Is.EqualTo(1.0));
            Assert.That(Target(negotiation, "Bea")["reason"]!.GetValue<string>(), Does.Contain("buyer weighs 1 at negotiation"));
        });

        // The recommendations and the power map weigh the same stage, and say so.
        var recommendations = await World.RecommendationsAsync();
        var powerMap = await World.PowerMapAsync();
        Assert.Multiple(() =>
        {
            Assert.That(recommendations["targets"]!.AsArray().Select(t => t!["priorityFactors"]!["stage"]!.GetValue<string>()),
                Is.All.EqualTo("negotiation"));
            Assert.That(recommendations["targets"]!.AsArray().Select(t => World.Name(t!["person"]!["id"]!.GetValue<string>())).Take(2),
                Is.EqualTo(new[] { "Otto", "Bea" }));
            Assert.That(powerMap["members"]!.AsArray().Select(m => World.Name(m!["person"]!["id"]!.GetValue<string>())).Take(2),
                Is.EqualTo(new[] { "Otto", "Bea" }));
            Assert.That(powerMap["members"]![0]!["priorityFactors"]!["stage"]!.GetValue<string>(), Is.EqualTo("negotiation"));
            Assert.That(powerMap["members"]![0]!["priority"]!.GetValue<double>(), Is.EqualTo(0.9).Within(1e-6));
        });
    }

    [Test]
    public async Task The_same_data_at_two_stages_gives_two_plans_and_the_answer_explains_the_difference()
    {
        await BuyingProcessAsync();
        await World.StageAsync("qualification");

        var answer = await World.OrchestrationAsync(ahead: 2);

        var qualification = Stage(answer, "qualification");
        var negotiation = Stage(answer, "negotiation");
        Assert.That(Plan(qualification), Is.Not.EquivalentTo(Plan(negotiation)));
        var transitions = answer["transitions"]!.AsArray();
        Assert.That(transitions.Select(t => $"{t!["from"]} > {t["to"]}"), Is.EqualTo(new[] { "qualification > proposal", "proposal > negotiation" }));

        // Every difference between the two plans is one change of the transitions, with its reason.
        var changes = transitions.SelectMany(t => t!["changes"]!.AsArray()).ToList();
        var before = Plan(qualification).ToDictionary(e => e.Theirs, e => e.Ours);
        var after = Plan(negotiation).ToDictionary(e => e.Theirs, e => e.Ours);
        foreach (var theirs in before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)))
        {
            var about = changes.Where(c => c!["theirPerson"]!["id"]!.GetValue<string>() == World.Id(theirs)).ToList();
            Assert.That(about, Is.Not.Empty, $"the change for {theirs} is explained");
            Assert.That(about.Select(c => c!["reason"]!.GetValue<string>()), Is.All.Not.Empty);
        }

        var toNegotiation = transitions.Last()!["changes"]!.AsArray();
        var umaSteps = toNegotiation.Concat(transitions.First()!["changes"]!.AsArray())
            .Single(c => c!["theirPerson"]!["id"]!.GetValue<string>() == World.Id("Uma"))!;
        var beaStarts = transitions.SelectMany(t => t!["changes"]!.AsArray())
            .Single(c => c!["theirPerson"]!["id"]!.GetValue<string>() == World.Id("Bea"))!;
        Assert.Multiple(() =>
        {
            Assert.That(umaSteps["kind"]!.GetValue<string>(), Is.EqualTo("steps-back"));
            Assert.That(umaSteps["before"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Sol")));
            Assert.That(umaSteps["reason"]!.GetValue<string>(), Does.Contain("user weighs 1 at qualification, 0.4 at proposal")
                .And.Contain("below the focus weight 0.5"));
            Assert.That(beaStarts["kind"]!.GetValue<string>(), Is.EqualTo("starts"));
            Assert.That(beaStarts["reason"]!.GetValue<string>(), Does.Contain("buyer weighs 0.3 at qualification, 0.8 at proposal"));
            Assert.That(transitions[0]!["summary"]!.GetValue<string>(), Does.StartWith("From qualification to proposal:"));
        });
    }

    [Test]
    public async Task Who_comes_first_at_a_stage_keeps_the_best_route_and_the_other_is_handed_over()
    {
        await World.LeaderChangesAtProposalAsync();

        var answer = await World.OrchestrationAsync();

        Assert.That(Plan(Stage(answer, "qualification")), Is.EquivalentTo(new[] { ("Ava", "Gil"), ("Sol", "Dora") }));
        Assert.That(Plan(Stage(answer, "proposal")), Is.EquivalentTo(new[] { ("Ava", "Dora"), ("Sol", "Gil") }));
        var changes = answer["transitions"]![0]!["changes"]!.AsArray();
        var dora = changes.Single(c => c!["theirPerson"]!["id"]!.GetValue<string>() == World.Id("Dora"))!;
        var gil = changes.Single(c => c!["theirPerson"]!["id"]!.GetValue<string>() == World.Id("Gil"))!;
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c!["kind"]!.GetValue<string>()), Is.All.EqualTo("hands-over"));
            Assert.That(dora["before"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Sol")));
            Assert.That(dora["after"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Ava")));
            Assert.That(dora["reason"]!.GetValue<string>(), Does.Contain("decider weighs 0.7 at qualification, 1 at proposal")
                .And.Contain("priority 0.504 → 0.72"));
            Assert.That(gil["reason"]!.GetValue<string>(), Does.Contain($"hands Gil over to Sol").And.Contain("is full at proposal with Dora"));
            Assert.That(answer["transitions"]![0]!["summary"]!.GetValue<string>(), Does.Contain("2 are handed over (Dora, Gil)"));
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

        var proposal = answer["stages"]![0]!;
        var load = answer["load"]!.AsArray().ToDictionary(l => World.Name(l!["person"]!["id"]!.GetValue<string>()), l => l!);
        Assert.Multiple(() =>
        {
            Assert.That(Plan(proposal), Is.EquivalentTo(new[] { ("Sol", "Dora"), ("Kai", "Otto") }),
                "Ava has the better route to Dora, but no room left; Kai has room for one more");
            Assert.That(load["Ava"]["otherOpenDeals"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(load["Ava"]["otherOpportunityIds"]!.AsArray().Select(i => i!.GetValue<string>()), Is.EquivalentTo(new[] { open1, open2 }));
            Assert.That(load["Ava"]["room"]!.GetValue<int>(), Is.Zero);
            Assert.That(load["Ava"]["explanation"]!.GetValue<string>(), Does.Contain("2 other open deals"));
            Assert.That(load["Kai"]["otherOpenDeals"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(load["Kai"]["room"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(load["Sol"]["otherOpenDeals"]!.GetValue<int>(), Is.Zero);
            var kai = proposal["plan"]!.AsArray().Single(e => e!["ourPerson"]!["id"]!.GetValue<string>() == World.Id("Kai"))!;
            Assert.That(kai["reason"]!.GetValue<string>(), Does.Contain("carries 1 here and 1 on other open deals, 2 of 2 across open deals"));
        });

        // Without Sol, Dora has nobody with room: the answer says whose load keeps her out.
        await Client.DeleteAsync($"/api/relationships?ourPersonId={World.Id("Sol")}&theirPersonId={World.Id("Dora")}")
            .ShouldBe(HttpStatusCode.NoContent);
        var without = await World.OrchestrationAsync(ahead: 0);
        var dora = Target(without["stages"]![0]!, "Dora");
        Assert.That(dora["status"]!.GetValue<string>(), Is.EqualTo("no-room"));
        Assert.That(dora["reason"]!.GetValue<string>(), Does.Contain("Ava (0 here and 2 on other open deals, 2 of 2 across open deals)"));

        // The recommendations' plan is this deal's alone: there Ava still takes Dora (documented in docs/scoring.md).
        var recommendations = await World.RecommendationsAsync();
        Assert.That(recommendations["plan"]!.AsArray().Select(e => World.Name(e!["ourPerson"]!["id"]!.GetValue<string>())), Does.Contain("Ava"));
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
        await PostAsync("/api/interactions", new
        {
            id = NewId("ix"), at = App.Clock.GetUtcNow().AddDays(-400), kind = "meeting",
            participantIds = new[] { World.Id("Ava"), World.Id("Cora") },
        }).ShouldBe(HttpStatusCode.Created);
        await World.MemberAsync("Dora", ["decider"], "neutral", influence: 5);
        await World.MemberAsync("Opal", ["influencer"], "opponent", influence: 5, favorsCompetitorId: competitor);
        await World.MemberAsync("Cora", ["user", "influencer"], "champion", influence: 4, coach: true);
        await World.MemberAsync("Nia", ["approver"], "neutral", influence: 4);

        var answer = await World.OrchestrationAsync();

        var conversations = answer["nextConversations"]!.AsArray().Select(c => c!).ToList();
        string Kind(JsonNode c) => c["kind"]!.GetValue<string>();
        JsonNode With(string name) => conversations.First(c => c["theirPerson"]!["id"]!.GetValue<string>() == World.Id(name));
        Assert.Multiple(() =>
        {
            Assert.That(conversations.Select(c => c["rank"]!.GetValue<int>()), Is.EqualTo(Enumerable.Range(1, conversations.Count)));
            Assert.That(conversations.Count, Is.InRange(1, 5));
            Assert.That(conversations.Select(c => c["urgency"]!.GetValue<double>()), Is.Ordered.Descending);
            foreach (var c in conversations)
            {
                Assert.That(c["urgency"]!.GetValue<double>(),
                    Is.EqualTo(c["urgencyFactors"]!["reasonWeight"]!.GetValue<double>() * c["urgencyFactors"]!["priority"]!.GetValue<double>()).Within(1e-6));
                Assert.That(c["reason"]!.GetValue<string>(), Is.Not.Empty);
                Assert.That(c["closes"]!["message"]!.GetValue<string>(), Is.Not.Empty);
            }

            // Dora: Sol reaches her only through Lee, whom to ask for an introduction.
            var dora = With("Dora");
            Assert.That(Kind(dora), Is.EqualTo("uncovered-priority-target"));
            Assert.That(dora["ourPerson"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Sol")));
            Assert.That(dora["via"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { World.Id("Lee") }));
            Assert.That(dora["reason"]!.GetValue<string>(), Does.Contain("ask Lee for an introduction"));
            Assert.That(dora["closes"]!["code"]!.GetValue<string>(), Is.EqualTo("no-direct-contact"));
            Assert.That(conversations[0]["theirPerson"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Dora")), "the Decider first: 1 × 1 × 0.9");

            // Opal opposes us with influence 5 and favors a competitor.
            var opal = With("Opal");
            Assert.That(Kind(opal), Is.EqualTo("influential-opponent"));
            Assert.That(opal["reason"]!.GetValue<string>(), Does.Contain("opposes us with influence 5 of 5"));
            Assert.That(opal["closes"]!["code"]!.GetValue<string>(), Is.EqualTo("opponent-unaddressed"));

            // Nia has no route: ask the coach (the coach conversation also briefs her on what comes next).
            var viaCoach = conversations.Where(c => c["theirPerson"]!["id"]!.GetValue<string>() == World.Id("Cora")).ToList();
            Assert.That(viaCoach.Select(Kind), Is.EquivalentTo(new[] { "uncovered-priority-target" }), "one conversation per pair of people");
            Assert.That(viaCoach[0]["about"]!["id"]!.GetValue<string>(), Is.EqualTo(World.Id("Nia")));
            Assert.That(viaCoach[0]["closes"]!["code"]!.GetValue<string>(), Is.EqualTo("uncovered-target"));
            Assert.That(viaCoach[0]["reason"]!.GetValue<string>(), Does.Contain("ask our coach Cora").And.Contain("Also:")
                .And.Contain("went stale"));
        });
    }

    [Test]
    public async Task A_closed_deal_has_only_its_own_stage_and_prospecting_looks_ahead_to_the_win()
    {
        await BuyingProcessAsync();
        await World.StageAsync("closed-lost");
        var lost = await World.OrchestrationAsync(ahead: 4);
        Assert.That(lost["stages"]!.AsArray().Select(s => s!["stage"]!.GetValue<string>()), Is.EqualTo(new[] { "closed-lost" }));
        Assert.That(lost["transitions"]!.AsArray(), Is.Empty);

        await World.StageAsync("prospecting");
        var prospecting = await World.OrchestrationAsync(ahead: 4);
        Assert.That(prospecting["stages"]!.AsArray().Select(s => s!["stage"]!.GetValue<string>()),
            Is.EqualTo(new[] { "prospecting", "qualification", "proposal", "negotiation", "closed-won" }));
        Assert.That(prospecting["transitions"]!.AsArray(), Has.Count.EqualTo(4));
        Assert.That(prospecting["stages"]!.AsArray().Select(s => s!["current"]!.GetValue<bool>()), Is.EqualTo(new[] { true, false, false, false, false }));
    }

    [Test]
    public async Task An_empty_buying_center_gives_empty_plans()
    {
        await World.PursuitAsync();
        var answer = await World.OrchestrationAsync();
        Assert.That(answer["stages"]!.AsArray().Select(s => s!["plan"]!.AsArray().Count), Is.All.Zero);
        Assert.That(answer["nextConversations"]!.AsArray(), Is.Empty);
        Assert.That(answer["load"]!.AsArray(), Is.Empty);
        Assert.That(answer["scoreNote"]!.GetValue<string>(), Does.Contain("not probabilities"));
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

        var audit = await Client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString(key.Name)}").ShouldBe(HttpStatusCode.OK);
        var entry = audit["items"]!.AsArray().Single()!;
        Assert.That(entry["endpoint"]!.GetValue<string>(), Is.EqualTo("/api/opportunities/{id}/orchestration"));
        var shown = entry["relationships"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        Assert.That(shown, Does.Contain($"{World.Id("Ava")}|{World.Id("Otto")}").And.Contain($"{World.Id("Sol")}|{World.Id("Bea")}"),
            "the plans' routes");
    }
}
