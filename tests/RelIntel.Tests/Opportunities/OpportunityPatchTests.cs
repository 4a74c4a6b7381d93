using System.Net;
using System.Text.Json.Nodes;
using RelIntel.Api.Domain;

namespace RelIntel.Tests.Opportunities;

/// <summary>PATCH with a JSON Merge Patch (RFC 7396) on opportunities and buying-center members.</summary>
public sealed class OpportunityPatchTests : ApiTest
{

    private Task<HttpResponseMessage> PatchAsync(string path, string patch) =>
        SendRawAsync(HttpMethod.Patch, path, patch, "application/merge-patch+json");

    private async Task<(string Org, string Id)> QualifiedDealAsync()
    {
        var org = await World.OrganizationAsync("customer");
        var id = NewId("opp");
        await PutAsync($"/api/opportunities/{id}", new
        {
            name = "Plant automation",
            organizationId = org,
            stage = "proposal",
            amount = 1_200_000m,
            currency = "EUR",
            closeDate = "2026-09-30",
            budget = new { status = "confirmed", note = "Capex approved" },
            authority = new { status = "identified", note = "CFO signs" },
            need = new { status = "confirmed" },
            timing = new { status = "unknown" },
        }).ShouldBe(HttpStatusCode.Created);
        return (org, id);
    }

    [Test]
    public async Task A_patch_of_one_bant_criterion_leaves_the_others_and_the_rest_of_the_deal()
    {
        var (_, id) = await QualifiedDealAsync();
        var before = await Client.GetAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.OK);

        var patched = await PatchAsync($"/api/opportunities/{id}", """{"timing": {"status": "confirmed", "note": "Go-live in Q3"}}""")
            .ShouldBe(HttpStatusCode.OK);
        var timing = patched.Read<OpportunityResponse>().Timing;
        Assert.That(timing!.Status, Is.EqualTo(BantStatus.Confirmed));
        Assert.That(timing.Note, Is.EqualTo("Go-live in Q3"));
        // The rest as it was on the wire, property by property.
        foreach (var kept in new[] { "name", "organizationId", "stage", "amount", "currency", "closeDate", "budget", "authority", "need" })
            Assert.That(patched[kept]!.ToJsonString(), Is.EqualTo(before[kept]!.ToJsonString()), kept);

        // A criterion merges member by member: the note changes, the status stays.
        var noted = await PatchAsync($"/api/opportunities/{id}", """{"budget": {"note": "Capex approved in March"}}""").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(noted.Budget!.Status, Is.EqualTo(BantStatus.Confirmed));
        Assert.That(noted.Budget!.Note, Is.EqualTo("Capex approved in March"));

        var cleared = await PatchAsync($"/api/opportunities/{id}", """{"authority": null, "amount": null}""").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(cleared.Authority, Is.Null);
        Assert.That(cleared.Amount, Is.Null);
        Assert.That(cleared.Need!.Status, Is.EqualTo(BantStatus.Confirmed));
    }

    [Test]
    public async Task A_patch_is_checked_as_the_put_is_and_writes_nothing_when_refused()
    {
        var (_, id) = await QualifiedDealAsync();
        var before = await Client.GetAsync($"/api/opportunities/{id}").ShouldBe(HttpStatusCode.OK);
        var path = $"/api/opportunities/{id}";

        await PatchAsync(path, """{"stage": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "stage");
        await PatchAsync(path, """{"amount": "5"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "amount");
        await PatchAsync(path, """{"amount": -1}""").ShouldBeProblem(HttpStatusCode.BadRequest, "amount");
        await PatchAsync(path, """{"currency": "euro"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "currency");
        await PatchAsync(path, """{"budget": {"status": null}}""").ShouldBeProblem(HttpStatusCode.BadRequest, "budget.status");
        await PatchAsync(path, """{"closeDate": "30/09/2026"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "closeDate");
        var own = await World.OrganizationAsync("own");
        await PatchAsync(path, $$"""{"organizationId": "{{own}}"}""").ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "organizationId");
        await PatchAsync($"/api/opportunities/{NewId("opp")}", """{"stage": "proposal"}""").ShouldBeProblem(HttpStatusCode.NotFound, "id");

        var after = await Client.GetAsync(path).ShouldBe(HttpStatusCode.OK);
        Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
    }

    [Test]
    public async Task A_buying_center_member_is_patched_field_by_field()
    {
        var (org, id) = await QualifiedDealAsync();
        var dana = await World.PersonAsync(org, "Dana");
        var member = $"/api/opportunities/{id}/buying-center/{dana}";
        await PutAsync(member, new { roles = new[] { "decider", "user" }, attitude = "supporter", influence = 4, coach = true })
            .ShouldBe(HttpStatusCode.Created);

        var patched = await PatchAsync(member, """{"attitude": "champion"}""").ShouldBe<BuyingCenterMemberResponse>(HttpStatusCode.OK);
        Assert.That(patched.Attitude, Is.EqualTo(Attitude.Champion));
        Assert.That(patched.Roles, Is.EquivalentTo(new[] { BuyingRole.Decider, BuyingRole.User }));
        Assert.That(patched.Influence, Is.EqualTo(4));
        Assert.That(patched.Coach, Is.True);

        var roles = await PatchAsync(member, """{"roles": ["approver"]}""").ShouldBe<BuyingCenterMemberResponse>(HttpStatusCode.OK);
        Assert.That(roles.Roles, Is.EqualTo(new[] { BuyingRole.Approver }), "a list is replaced whole");

        await PatchAsync(member, """{"influence": "5"}""").ShouldBeProblem(HttpStatusCode.BadRequest, "influence");
        await PatchAsync(member, """{"influence": 9}""").ShouldBeProblem(HttpStatusCode.BadRequest, "influence");
        await PatchAsync(member, """{"roles": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "roles");
        await PatchAsync(member, """{"attitude": null}""").ShouldBeProblem(HttpStatusCode.BadRequest, "attitude");

        var stranger = await World.PersonAsync(org, "Not in it");
        await PatchAsync($"/api/opportunities/{id}/buying-center/{stranger}", """{"influence": 2}""")
            .ShouldBeProblem(HttpStatusCode.NotFound, "personId");
        var read = await Client.GetAsync($"/api/opportunities/{id}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(read.BuyingCenter.Select(m => m.PersonId), Is.EqualTo(new[] { dana }));
        Assert.That(read.BuyingCenter[0].Influence, Is.EqualTo(4));
    }
}
