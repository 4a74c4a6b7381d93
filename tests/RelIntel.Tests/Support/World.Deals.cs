namespace RelIntel.Tests;

/// <summary>Opportunities, their buying centers and our pursuit teams.</summary>
public sealed partial class World
{
    /// <summary>The deal this world pursues (made by <see cref="PursuitAsync"/>); members and team join it unless told otherwise.</summary>
    public string Deal => scenario.Deal;

    /// <summary>An opportunity at <paramref name="organization"/> with a fresh id.</summary>
    public Task<string> OpportunityAsync(string organization, string stage = "qualification", string name = "Deal") =>
        CreateAsync($"/api/opportunities/{$"opp-{Guid.NewGuid():N}"[..16]}", new { name, organizationId = Id(organization), stage });

    /// <summary>
    /// A pursuit: our organization "Us", the customer Globex and the deal "Plant automation" at <paramref name="stage"/>
    /// (our people and theirs come next, named in the test).
    /// </summary>
    public async Task PursuitAsync(string stage = "proposal")
    {
        await AccountAsync("Globex");
        scenario.Deal = await CreateAsync($"/api/opportunities/opp-{Tag}", new { name = "Plant automation", organizationId = Customer, stage });
    }

    /// <summary>Moves the deal to another stage (its name and account stay).</summary>
    public Task StageAsync(string stage) =>
        PutAsync($"/api/opportunities/{Deal}", new { name = "Plant automation", organizationId = Customer, stage });

    /// <summary>Another opportunity at the customer, at <paramref name="stage"/>, with <paramref name="team"/> on its pursuit team.</summary>
    public async Task<string> OtherDealAsync(string stage, params string[] team)
    {
        var id = await OpportunityAsync(Customer, stage, "Another deal");
        foreach (var person in team) await TeamAsync(person, deal: id);
        return id;
    }

    /// <summary>Puts one of their people in the buying center of <paramref name="deal"/> (this world's deal by default).</summary>
    public Task MemberAsync(string person, string[] roles, string attitude = "neutral", int influence = 3, bool coach = false,
        string? favorsCompetitorId = null, string? deal = null) =>
        PutAsync($"/api/opportunities/{deal ?? Deal}/buying-center/{Id(person)}",
            new { roles, attitude, influence, coach, favorsCompetitorId });

    /// <summary>Puts one of ours on the pursuit team of <paramref name="deal"/> (this world's deal by default).</summary>
    public Task TeamAsync(string person, string role = "account-executive", string? deal = null) =>
        PutAsync($"/api/opportunities/{deal ?? Deal}/team/{Id(person)}", new { role });

    /// <summary>
    /// A pursuit whose plan changes with the stage. At qualification: Gil (gatekeeper, influence 5) leads, Dora (decider,
    /// influence 4) follows; from the proposal on the other way round. Ava and Sol are on the pursuit team; Ava knows both
    /// best (0.9), Sol knows both too (0.6). With one target each of ours, the leader gets Ava, so the two swap when the
    /// deal reaches the proposal.
    /// </summary>
    public async Task LeaderChangesAtProposalAsync()
    {
        await PursuitAsync();
        await OursAsync("Ava");
        await OursAsync("Sol");
        await TheirsAsync("Gil");
        await TheirsAsync("Dora");
        await TeamAsync("Ava");
        await TeamAsync("Sol");
        await KnowsAsync("Ava", "Gil", 0.9);
        await KnowsAsync("Ava", "Dora", 0.9);
        await KnowsAsync("Sol", "Gil", 0.6);
        await KnowsAsync("Sol", "Dora", 0.6);
        await MemberAsync("Gil", ["gatekeeper"], influence: 5);
        await MemberAsync("Dora", ["decider"], influence: 4);
        await StageAsync("qualification");
    }
}
