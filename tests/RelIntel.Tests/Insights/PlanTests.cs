using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>The engagement plan: every reachable target covered, the pursuit team first, seniority matched, load capped.</summary>
public sealed class PlanTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Insights:LoadCap"] = "1" };

    private List<(string Ours, string Theirs)> Plan(RecommendationsResponse answer) =>
        answer.Plan.Select(e => (World.Name(e.OurPerson.Id), World.Name(e.TheirPerson.Id))).ToList();

    [Test]
    public async Task The_plan_covers_every_reachable_target_within_the_load_cap()
    {
        await World.PursuitAsync();
        await World.OursAsync("Alex");
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Uma");
        await World.TheirsAsync("Nobody");
        await World.TeamAsync("Alex");
        // Alex (on the team) could take both, but may take only one: Dana, who comes first, must go to Sam.
        await World.KnowsAsync("Alex", "Dana", 0.9);
        await World.KnowsAsync("Alex", "Uma", 0.9);
        await World.KnowsAsync("Sam", "Dana", 0.3);
        await World.MemberAsync("Dana", ["decider"], influence: 5);
        await World.MemberAsync("Uma", ["user"], influence: 2);
        await World.MemberAsync("Nobody", ["buyer"], influence: 3);

        var answer = await World.RecommendationsAsync();

        var plan = Plan(answer);
        Assert.Multiple(() =>
        {
            Assert.That(plan, Is.EquivalentTo(new[] { ("Sam", "Dana"), ("Alex", "Uma") }));
            Assert.That(plan.GroupBy(e => e.Ours).Max(g => g.Count()), Is.LessThanOrEqualTo(1));
            Assert.That(answer.Plan.Single(e => e.OurPerson.Name == "Alex").Reason, Does.Contain("on the pursuit team (account-executive)"));
        });
    }

    [Test]
    public async Task The_pursuit_team_goes_first_and_executives_meet_executives()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ed", "executive");
        await World.OursAsync("Sam", "individual");
        await World.OursAsync("Outsider", "individual");
        await World.TheirsAsync("Dana", "vp");
        await World.TeamAsync("Ed", "executive-sponsor");
        await World.TeamAsync("Sam");
        await World.KnowsAsync("Outsider", "Dana", 0.95);
        await World.KnowsAsync("Sam", "Dana", 0.9);
        await World.KnowsAsync("Ed", "Dana", 0.6);
        await World.MemberAsync("Dana", ["approver"], influence: 5);

        var answer = await World.RecommendationsAsync();

        var entry = answer.Plan.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Plan(answer), Is.EqualTo(new[] { ("Ed", "Dana") }));
            Assert.That(entry.Reason, Does.Contain("executive-sponsor").And.Contain("seniority matches (executive to vp)"));
            Assert.That(entry.Score, Is.EqualTo(0.6).Within(1e-6));
            Assert.That(entry.Via, Is.Empty);
        });
    }

    [Test]
    public async Task A_team_member_with_a_faint_route_does_not_push_aside_someone_who_knows_the_target_well()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava");
        await World.OursAsync("Sol");
        await World.TheirsAsync("Dana");
        await World.TeamAsync("Ava");
        await World.KnowsAsync("Ava", "Dana", 0.2);
        await World.KnowsAsync("Sol", "Dana", 0.8);
        await World.MemberAsync("Dana", ["decider"]);

        var answer = await World.RecommendationsAsync();

        Assert.That(Plan(answer), Is.EqualTo(new[] { ("Sol", "Dana") }));
        Assert.That(answer.Plan[0].Reason, Does.Contain("not on the pursuit team, but has a better route"));
    }

    [Test]
    public async Task The_plan_names_the_people_in_between()
    {
        await World.PursuitAsync();
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana");
        await World.TheirsAsync("Lee");
        await World.ReportsToAsync("Lee", "Dana");
        await World.KnowsAsync("Sam", "Lee", 0.8);
        await World.MemberAsync("Dana", ["decider"]);

        var answer = await World.RecommendationsAsync();

        var entry = answer.Plan.Single();
        Assert.That(World.Names(entry.Via), Is.EqualTo(new[] { "Lee" }));
        Assert.That(entry.Reason, Does.Contain("via Lee"));
    }
}
