using System.Net;

namespace RelIntel.Tests.Insights;

/// <summary>Each gap code fires in the scenario made for it, and none fires in a healthy pursuit.</summary>
public sealed class GapsTests : ApiTest
{
    /// <summary>
    /// A healthy pursuit: Dana, a supportive coach and the Decider, is known by Alex; Vic, the Approver, by Sam.
    /// <paramref name="change"/> spoils one thing.
    /// </summary>
    private async Task<(Pursuit Pursuit, List<(string Code, string? Person)> Gaps)> GapsAsync(Func<Pursuit, Task>? change = null,
        string[]? danaRoles = null, string[]? vicRoles = null, bool danaIsCoach = true, bool vicFavorsCompetitor = false)
    {
        var pursuit = await Pursuit.StartAsync(Client);
        await pursuit.OursAsync("Alex", "executive");
        await pursuit.OursAsync("Sam");
        await pursuit.TheirsAsync("Dana", "executive");
        await pursuit.TheirsAsync("Vic", "vp");
        await pursuit.KnowsAsync("Alex", "Dana", 0.8);
        await pursuit.MemberAsync("Dana", danaRoles ?? ["decider"], "supporter", influence: 5, coach: danaIsCoach);
        var competitor = vicFavorsCompetitor ? await pursuit.CompetitorAsync() : null;
        await pursuit.MemberAsync("Vic", vicRoles ?? ["approver"], "neutral", influence: 4, favorsCompetitorId: competitor);
        if (change is not null) await change(pursuit);
        else await pursuit.KnowsAsync("Sam", "Vic", 0.7);

        var answer = await pursuit.RecommendationsAsync();
        var gaps = answer["gaps"]!.AsArray()
            .Select(g => (g!["code"]!.GetValue<string>(), g["personId"]?.GetValue<string>() is { } id ? pursuit.Name(id) : null))
            .ToList();
        return (pursuit, gaps);
    }

    [Test]
    public async Task A_healthy_pursuit_has_no_gaps()
    {
        var (_, gaps) = await GapsAsync();
        Assert.That(gaps, Is.Empty);
    }

    [Test]
    public async Task No_decider()
    {
        var (_, gaps) = await GapsAsync(danaRoles: ["influencer"]);
        Assert.That(gaps, Is.EqualTo(new[] { ("no-decider", (string?)null) }));
    }

    [Test]
    public async Task No_approver()
    {
        var (_, gaps) = await GapsAsync(vicRoles: ["buyer"]);
        Assert.That(gaps, Is.EqualTo(new[] { ("no-approver", (string?)null) }));
    }

    [Test]
    public async Task No_coach()
    {
        var (_, gaps) = await GapsAsync(danaIsCoach: false);
        Assert.That(gaps, Is.EqualTo(new[] { ("no-coach", (string?)null) }));
    }

    [Test]
    public async Task Single_threaded_when_one_of_ours_carries_all_coverage()
    {
        var (_, gaps) = await GapsAsync(pursuit => pursuit.KnowsAsync("Alex", "Vic", 0.7));
        Assert.That(gaps, Is.EqualTo(new[] { ("single-threaded", (string?)"Alex") }));
    }

    [Test]
    public async Task Uncovered_target()
    {
        var (_, gaps) = await GapsAsync(async pursuit =>
        {
            await pursuit.KnowsAsync("Sam", "Vic", 0.7);
            await pursuit.TheirsAsync("Uma");
            await pursuit.MemberAsync("Uma", ["user"], "supporter");
        });
        Assert.That(gaps, Is.EqualTo(new[] { ("uncovered-target", (string?)"Uma") }));
    }

    [Test]
    public async Task Influential_opponent_uncovered()
    {
        var (_, gaps) = await GapsAsync(async pursuit =>
        {
            await pursuit.KnowsAsync("Sam", "Vic", 0.7);
            await pursuit.TheirsAsync("Otto");
            await pursuit.MemberAsync("Otto", ["influencer"], "opponent", influence: 5);
        });
        Assert.That(gaps, Is.EqualTo(new[] { ("uncovered-target", (string?)"Otto"), ("influential-opponent-uncovered", "Otto") }));
    }

    [Test]
    public async Task A_covered_or_mild_opponent_is_not_an_influential_opponent_uncovered()
    {
        var (_, gaps) = await GapsAsync(async pursuit =>
        {
            await pursuit.KnowsAsync("Sam", "Vic", 0.7);
            await pursuit.TheirsAsync("Otto");
            await pursuit.TheirsAsync("Olga");
            await pursuit.MemberAsync("Otto", ["influencer"], "opponent", influence: 5);
            await pursuit.MemberAsync("Olga", ["user"], "opponent", influence: 2);
            await pursuit.KnowsAsync("Sam", "Otto", 0.5);
        });
        Assert.That(gaps, Is.EqualTo(new[] { ("uncovered-target", (string?)"Olga") }));
    }

    [Test]
    public async Task Stale_coverage()
    {
        var (_, gaps) = await GapsAsync(async pursuit =>
        {
            await pursuit.KnowsAsync("Sam", "Vic", 0.7);
            // The last meeting between Sam and Vic was 300 days ago.
            await PostAsync("/api/interactions", new
            {
                id = NewId("meeting"), at = App.Clock.GetUtcNow().AddDays(-300), kind = "meeting",
                participantIds = new[] { pursuit.Id("Sam"), pursuit.Id("Vic") },
            }).ShouldBe(HttpStatusCode.Created);
        });
        Assert.That(gaps, Is.EqualTo(new[] { ("stale-coverage", (string?)"Vic") }));
    }

    [Test]
    public async Task Competitor_supporter()
    {
        var (_, gaps) = await GapsAsync(vicFavorsCompetitor: true);
        Assert.That(gaps, Is.EqualTo(new[] { ("competitor-supporter", (string?)"Vic") }));
    }
}
