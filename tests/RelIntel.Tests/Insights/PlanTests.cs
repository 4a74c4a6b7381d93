namespace RelIntel.Tests.Insights;

/// <summary>The engagement plan: every reachable target covered, the pursuit team first, seniority matched, load capped.</summary>
public sealed class PlanTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Insights:LoadCap"] = "1" };

    private static List<(string Ours, string Theirs)> Plan(Pursuit pursuit, System.Text.Json.Nodes.JsonNode answer) =>
        answer["plan"]!.AsArray()
            .Select(e => (pursuit.Name(e!["ourPerson"]!["id"]!.GetValue<string>()), pursuit.Name(e["theirPerson"]!["id"]!.GetValue<string>())))
            .ToList();

    [Test]
    public async Task The_plan_covers_every_reachable_target_within_the_load_cap()
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Alex");
        await pursuit.OursAsync("Sam");
        await pursuit.TheirsAsync("Dana");
        await pursuit.TheirsAsync("Uma");
        await pursuit.TheirsAsync("Nobody");
        await pursuit.TeamAsync("Alex");
        // Alex (on the team) could take both, but may take only one: Dana, who comes first, must go to Sam.
        await pursuit.KnowsAsync("Alex", "Dana", 0.9);
        await pursuit.KnowsAsync("Alex", "Uma", 0.9);
        await pursuit.KnowsAsync("Sam", "Dana", 0.3);
        await pursuit.MemberAsync("Dana", ["decider"], influence: 5);
        await pursuit.MemberAsync("Uma", ["user"], influence: 2);
        await pursuit.MemberAsync("Nobody", ["buyer"], influence: 3);

        var answer = await pursuit.RecommendationsAsync();

        var plan = Plan(pursuit, answer);
        Assert.Multiple(() =>
        {
            Assert.That(plan, Is.EquivalentTo(new[] { ("Sam", "Dana"), ("Alex", "Uma") }));
            Assert.That(plan.GroupBy(e => e.Ours).Max(g => g.Count()), Is.LessThanOrEqualTo(1));
            Assert.That(answer["plan"]!.AsArray().Single(e => e!["ourPerson"]!["name"]!.GetValue<string>() == "Alex")!["reason"]!
                .GetValue<string>(), Does.Contain("on the pursuit team (account-executive)"));
        });
    }

    [Test]
    public async Task The_pursuit_team_goes_first_and_executives_meet_executives()
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Ed", "executive");
        await pursuit.OursAsync("Sam", "individual");
        await pursuit.OursAsync("Outsider", "individual");
        await pursuit.TheirsAsync("Dana", "vp");
        await pursuit.TeamAsync("Ed", "executive-sponsor");
        await pursuit.TeamAsync("Sam");
        await pursuit.KnowsAsync("Outsider", "Dana", 0.95);
        await pursuit.KnowsAsync("Sam", "Dana", 0.9);
        await pursuit.KnowsAsync("Ed", "Dana", 0.6);
        await pursuit.MemberAsync("Dana", ["approver"], influence: 5);

        var answer = await pursuit.RecommendationsAsync();

        var entry = answer["plan"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(Plan(pursuit, answer), Is.EqualTo(new[] { ("Ed", "Dana") }));
            Assert.That(entry["reason"]!.GetValue<string>(), Does.Contain("executive-sponsor").And.Contain("seniority matches (executive to vp)"));
            Assert.That(entry["score"]!.GetValue<double>(), Is.EqualTo(0.6).Within(1e-6));
            Assert.That(entry["via"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public async Task A_team_member_with_a_faint_route_does_not_push_aside_someone_who_knows_the_target_well()
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Ava");
        await pursuit.OursAsync("Sol");
        await pursuit.TheirsAsync("Dana");
        await pursuit.TeamAsync("Ava");
        await pursuit.KnowsAsync("Ava", "Dana", 0.2);
        await pursuit.KnowsAsync("Sol", "Dana", 0.8);
        await pursuit.MemberAsync("Dana", ["decider"]);

        var answer = await pursuit.RecommendationsAsync();

        Assert.That(Plan(pursuit, answer), Is.EqualTo(new[] { ("Sol", "Dana") }));
        Assert.That(answer["plan"]![0]!["reason"]!.GetValue<string>(), Does.Contain("not on the pursuit team, but has a better route"));
    }

    [Test]
    public async Task The_plan_names_the_people_in_between()
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Sam");
        await pursuit.TheirsAsync("Dana");
        await pursuit.TheirsAsync("Lee");
        await pursuit.ReportsToAsync("Lee", "Dana");
        await pursuit.KnowsAsync("Sam", "Lee", 0.8);
        await pursuit.MemberAsync("Dana", ["decider"]);

        var answer = await pursuit.RecommendationsAsync();

        var entry = answer["plan"]!.AsArray().Single()!;
        Assert.That(entry["via"]!.AsArray().Select(v => pursuit.Name(v!.GetValue<string>())), Is.EqualTo(new[] { "Lee" }));
        Assert.That(entry["reason"]!.GetValue<string>(), Does.Contain("via Lee"));
    }
}
