using RelIntel.Tests.Insights;

namespace RelIntel.Tests.Orchestration;

/// <summary>Pursuits whose plans change with the stage, built through the API.</summary>
public static class StageScenarios
{
    /// <summary>
    /// At qualification: Gil (gatekeeper, influence 5) leads, Dora (decider, influence 4) follows; from the proposal on the
    /// other way round. Ava and Sol are on the pursuit team; Ava knows both best (0.9), Sol knows both too (0.6). With one
    /// target each of ours, the leader gets Ava, so the two swap when the deal reaches the proposal.
    /// </summary>
    public static async Task<Pursuit> LeaderChangesAtProposalAsync(HttpClient client)
    {
        var pursuit = await Pursuit.StartAsync(client);
        await pursuit.OursAsync("Ava");
        await pursuit.OursAsync("Sol");
        await pursuit.TheirsAsync("Gil");
        await pursuit.TheirsAsync("Dora");
        await pursuit.TeamAsync("Ava");
        await pursuit.TeamAsync("Sol");
        await pursuit.KnowsAsync("Ava", "Gil", 0.9);
        await pursuit.KnowsAsync("Ava", "Dora", 0.9);
        await pursuit.KnowsAsync("Sol", "Gil", 0.6);
        await pursuit.KnowsAsync("Sol", "Dora", 0.6);
        await pursuit.MemberAsync("Gil", ["gatekeeper"], influence: 5);
        await pursuit.MemberAsync("Dora", ["decider"], influence: 4);
        await pursuit.StageAsync("qualification");
        return pursuit;
    }
}
