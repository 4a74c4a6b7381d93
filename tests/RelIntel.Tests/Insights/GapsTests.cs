using System.Net;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>Each gap code fires in the scenario made for it, and none fires in a healthy pursuit.</summary>
public sealed class GapsTests : ApiTest
{
    /// <summary>
    /// A healthy pursuit: Dana, a supportive coach and the Decider, is known by Alex; Vic, the Approver, by Sam.
    /// <paramref name="change"/> spoils one thing.
    /// </summary>
    private async Task<List<(GapCode Code, string? Person)>> GapsAsync(Func<Task>? change = null,
        string[]? danaRoles = null, string[]? vicRoles = null, bool danaIsCoach = true, bool vicFavorsCompetitor = false)
    {
        await World.PursuitAsync();
        await World.OursAsync("Alex", "executive");
        await World.OursAsync("Sam");
        await World.TheirsAsync("Dana", "executive");
        await World.TheirsAsync("Vic", "vp");
        await World.KnowsAsync("Alex", "Dana", 0.8);
        await World.MemberAsync("Dana", danaRoles ?? ["decider"], "supporter", influence: 5, coach: danaIsCoach);
        var competitor = vicFavorsCompetitor ? await World.CompetitorAsync() : null;
        await World.MemberAsync("Vic", vicRoles ?? ["approver"], "neutral", influence: 4, favorsCompetitorId: competitor);
        if (change is not null) await change();
        else await World.KnowsAsync("Sam", "Vic", 0.7);

        var answer = await World.RecommendationsAsync();
        return answer.Gaps.Select(g => (g.Code, g.PersonId is { } id ? World.Name(id) : null)).ToList();
    }

    [Test]
    public async Task A_healthy_pursuit_has_no_gaps()
    {
        var gaps = await GapsAsync();
        Assert.That(gaps, Is.Empty);
    }

    [Test]
    public async Task No_decider()
    {
        var gaps = await GapsAsync(danaRoles: ["influencer"]);
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.NoDecider, (string?)null) }));
    }

    [Test]
    public async Task No_approver()
    {
        var gaps = await GapsAsync(vicRoles: ["buyer"]);
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.NoApprover, (string?)null) }));
    }

    [Test]
    public async Task No_coach()
    {
        var gaps = await GapsAsync(danaIsCoach: false);
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.NoCoach, (string?)null) }));
    }

    [Test]
    public async Task Single_threaded_when_one_of_ours_carries_all_coverage()
    {
        var gaps = await GapsAsync(() => World.KnowsAsync("Alex", "Vic", 0.7));
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.SingleThreaded, (string?)"Alex") }));
    }

    [Test]
    public async Task Uncovered_target()
    {
        var gaps = await GapsAsync(async () =>
        {
            await World.KnowsAsync("Sam", "Vic", 0.7);
            await World.TheirsAsync("Uma");
            await World.MemberAsync("Uma", ["user"], "supporter");
        });
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.UncoveredTarget, (string?)"Uma") }));
    }

    [Test]
    public async Task Influential_opponent_uncovered()
    {
        var gaps = await GapsAsync(async () =>
        {
            await World.KnowsAsync("Sam", "Vic", 0.7);
            await World.TheirsAsync("Otto");
            await World.MemberAsync("Otto", ["influencer"], "opponent", influence: 5);
        });
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.UncoveredTarget, (string?)"Otto"), (GapCode.InfluentialOpponentUncovered, "Otto") }));
    }

    [Test]
    public async Task A_covered_or_mild_opponent_is_not_an_influential_opponent_uncovered()
    {
        var gaps = await GapsAsync(async () =>
        {
            await World.KnowsAsync("Sam", "Vic", 0.7);
            await World.TheirsAsync("Otto");
            await World.TheirsAsync("Olga");
            await World.MemberAsync("Otto", ["influencer"], "opponent", influence: 5);
            await World.MemberAsync("Olga", ["user"], "opponent", influence: 2);
            await World.KnowsAsync("Sam", "Otto", 0.5);
        });
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.UncoveredTarget, (string?)"Olga") }));
    }

    [Test]
    public async Task Stale_coverage()
    {
        var gaps = await GapsAsync(async () =>
        {
            await World.KnowsAsync("Sam", "Vic", 0.7);
            // The last meeting between Sam and Vic was 300 days ago.
            await PostAsync("/api/interactions", new
            {
                id = NewId("meeting"), at = App.Clock.GetUtcNow().AddDays(-300), kind = "meeting",
                participantIds = new[] { World.Id("Sam"), World.Id("Vic") },
            }).ShouldBe(HttpStatusCode.Created);
        });
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.StaleCoverage, (string?)"Vic") }));
    }

    [Test]
    public async Task Competitor_supporter()
    {
        var gaps = await GapsAsync(vicFavorsCompetitor: true);
        Assert.That(gaps, Is.EqualTo(new[] { (GapCode.CompetitorSupporter, (string?)"Vic") }));
    }
}
