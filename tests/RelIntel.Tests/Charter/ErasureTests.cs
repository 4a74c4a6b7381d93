using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain;
using RelIntel.Api.Features.ApiKeys;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Charter;

/// <summary>
/// One erasure, by <c>DELETE /api/people/{id}</c>, of a person at their organization or of one who left it (an org-chart
/// <c>replace</c> left them out: that never erases, so their employment history and the changes feed's entries about
/// them exist until the erasure): the person's id, name and email appear in no property of any node or relationship
/// afterwards, their keys stop working, and everything that does not name them (other reports, other audit entries,
/// unrelated text) is unchanged.
/// </summary>
public sealed class ErasureTests : ApiTest
{
    public enum Path
    {
        DeleteThePerson,
        LeaveThenErase,
    }

    private static readonly string[] Copies = ["AuditEntry", "Report", "ApiKey", "IdempotencyRecord", "Opportunity", "Interaction"];

    /// <summary>A customer person with copies of their data all over the graph, and one unrelated person and deal beside them.</summary>
    private sealed record Scenario(string Own, string Customer, string Seller, string Erin, string Name, string Email, string Unique,
        string ErinsKeyId, string UnrelatedOpportunity);

    private async Task<Scenario> ScenarioAsync()
    {
        var own = await World.OrganizationAsync("own", "Us");
        var customer = await World.OrganizationAsync("customer", "Them");
        var unique = Guid.NewGuid().ToString("N")[..10];
        var name = $"Erin Erasable {unique}";
        var email = $"erin.{unique}@erasable.example";
        var seller = await World.PersonAsync(own, "Sal Seller");
        var colleague = await World.PersonAsync(own, "Cole League");
        var erin = await World.PersonAsync(customer, name, email);
        var boss = await World.PersonAsync(customer, "Bo Boss");
        await World.ReportsToAsync(erin, boss);

        // Copies: relationships (one owned by her colleague's person), an interaction, a deal's name and notes, a report,
        // an audited read by a key named after her, a stored bulk answer naming her id.
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = erin, strength = 0.5, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await PutAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = boss, strength = 0.4, visibility = "company" })
            .ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/interactions", new { id = NewId("ix"), at = App.Clock.GetUtcNow().AddDays(-3), kind = "meeting", participantIds = new[] { seller, colleague, erin, boss } })
            .ShouldBe(HttpStatusCode.Created);
        var opportunity = NewId("opp");
        await PutAsync($"/api/opportunities/{opportunity}", new
        {
            name = $"Deal for {name}", organizationId = customer, stage = "proposal",
            need = new { status = "confirmed", note = $"{name} ({email}) wants it. Also ask Bo." },
        }).ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{opportunity}/buying-center/{erin}", new { roles = new[] { "decider" }, attitude = "champion", influence = 4 })
            .ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/reports", new { opportunityId = opportunity }).ShouldBe(HttpStatusCode.Created);
        var key = await Keys.CreateAsync("integration", name: $"sync for {name}");
        using (var client = Keys.ClientFor(key.Secret))
            await client.GetAsync($"/api/people/{erin}/relationships").ShouldBe(HttpStatusCode.OK);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/relationships/batch")
               { Content = JsonContent.Create(new[] { new { ourPersonId = colleague, theirPersonId = erin, ownerId = seller } }) })
        {
            request.Headers.Add("Idempotency-Key", NewId("idem"));
            await Client.SendAsync(request).ShouldBe(HttpStatusCode.OK);
        }

        // Beside her: a deal and a report that do not name her, and the audit of reading them. The deal is at another
        // account: a report of hers names her joining it among the account's people changes.
        var elsewhere = await World.OrganizationAsync("customer", "Elsewhere");
        var other = await World.PersonAsync(elsewhere, "Ola Other");
        var unrelated = NewId("opp");
        await PutAsync($"/api/opportunities/{unrelated}", new
        {
            name = "Erin-free deal", organizationId = elsewhere, stage = "proposal",
            need = new { status = "identified", note = "Also Erasable-ish words stay: Erin's and erasing are not her." },
        }).ShouldBe(HttpStatusCode.Created);
        await PutAsync($"/api/opportunities/{unrelated}/buying-center/{other}", new { roles = new[] { "approver" }, attitude = "neutral" })
            .ShouldBe(HttpStatusCode.Created);
        await PostAsync("/api/reports", new { opportunityId = unrelated }).ShouldBe(HttpStatusCode.Created);
        await Client.GetAsync($"/api/people/{boss}/relationships").ShouldBe(HttpStatusCode.OK);
        return new Scenario(own, customer, seller, erin, name, email, unique, key.Id, unrelated);
    }

    private async Task EraseAsync(Scenario s, Path path)
    {
        if (path == Path.DeleteThePerson)
        {
            await Client.DeleteAsync($"/api/people/{s.Erin}").ShouldBe(HttpStatusCode.NoContent);
            return;
        }
        // The chart as the CRM now has it: everyone but Erin.
        var people = await Client.GetAsync($"/api/organizations/{s.Customer}/people?pageSize=500").ShouldBe<Paged<PersonResponse>>(HttpStatusCode.OK);
        var chart = people.Items.Where(p => p.Id != s.Erin).Select(p => new { id = p.Id, name = p.Name, managerId = (string?)null }).ToList();
        var answer = await PostAsync($"/api/organizations/{s.Customer}/org-chart", new { mode = "replace", people = chart })
            .ShouldBe<OrgChartResponse>(HttpStatusCode.OK);
        Assert.That(answer.Left, Is.EqualTo(1));
        var left = await Client.GetAsync($"/api/people/{s.Erin}").ShouldBe<PersonResponse>(HttpStatusCode.OK);
        Assert.That(left.LeftAt, Is.Not.Null, "a replace makes her leave; it does not erase her");
        await Client.DeleteAsync($"/api/people/{s.Erin}").ShouldBe(HttpStatusCode.NoContent);
    }

    [TestCase(Path.DeleteThePerson)]
    [TestCase(Path.LeaveThenErase)]
    public async Task Erasure_leaves_no_trace_of_the_id_name_or_email_anywhere_in_the_graph(Path path)
    {
        var s = await ScenarioAsync();
        Assert.That(await GraphScan.OccurrencesOf(s.Name), Is.GreaterThan(0));
        Assert.That(await GraphScan.OccurrencesOf(s.Email), Is.GreaterThan(0));
        Assert.That(await GraphScan.OccurrencesOf(s.Erin), Is.GreaterThan(0));

        await EraseAsync(s, path);

        Assert.That(await GraphScan.OccurrencesOf(s.Name), Is.Zero, "the name is still in the graph");
        Assert.That(await GraphScan.OccurrencesOf(s.Email), Is.Zero, "the email is still in the graph");
        Assert.That(await GraphScan.OccurrencesOf(s.Erin), Is.Zero, "the id is still in the graph");
        Assert.That(await GraphScan.OccurrencesOf(s.Unique), Is.Zero);
        await Client.GetAsync($"/api/people/{s.Erin}").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        // The fact of the read stays, and the report that named her is gone while the other stays.
        var audit = await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString("sync for [erased]")}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        var entry = audit.Items.Single(e => e.CallerKeyId == s.ErinsKeyId);
        Assert.That(entry.Path, Is.EqualTo("/api/people/[erased]/relationships"));
        Assert.That(entry.Relationships, Does.Contain($"{s.Seller}|[erased]"));
        var reports = await Client.GetAsync("/api/reports?pageSize=500").ShouldBe<Paged<ReportResponse>>(HttpStatusCode.OK);
        Assert.That(reports.Items.Select(r => r.OpportunityId), Does.Contain(s.UnrelatedOpportunity));
    }

    [TestCase(Path.DeleteThePerson)]
    [TestCase(Path.LeaveThenErase)]
    public async Task What_does_not_name_the_person_is_left_exactly_as_it_was(Path path)
    {
        var s = await ScenarioAsync();
        var before = await GraphScan.SnapshotAsync(Copies);
        await EraseAsync(s, path);
        var after = await GraphScan.SnapshotAsync(Copies);

        var unrelated = before.Where(n => !n.Value.Contains(s.Erin, StringComparison.Ordinal) &&
                                          !n.Value.Contains(s.Name, StringComparison.Ordinal) &&
                                          !n.Value.Contains(s.Email, StringComparison.Ordinal)).ToList();
        Assert.That(unrelated, Is.Not.Empty);
        foreach (var (id, properties) in unrelated)
        {
            Assert.That(after.ContainsKey(id), Is.True, $"an unrelated node went: {properties}");
            Assert.That(after[id], Is.EqualTo(properties), "an unrelated node changed");
        }
    }

    [TestCase(Path.DeleteThePerson)]
    [TestCase(Path.LeaveThenErase)]
    public async Task Keys_acting_as_an_erased_person_stop_working(Path path)
    {
        var own = await World.OrganizationAsync("own", "Us");
        var sam = await World.PersonAsync(own, $"Sam Leaving {Guid.NewGuid():N}"[..20]);
        var stays = await World.PersonAsync(own, "Stella Stays");
        var key = await Keys.CreateAsync("seller", sam);
        using var client = Keys.ClientFor(key.Secret);
        await client.GetAsync("/api/organizations?pageSize=1").ShouldBe(HttpStatusCode.OK);

        if (path == Path.DeleteThePerson) await Client.DeleteAsync($"/api/people/{sam}").ShouldBe(HttpStatusCode.NoContent);
        else
        {
            await PostAsync($"/api/organizations/{own}/org-chart", new { mode = "replace", people = new[] { new { id = stays, name = "Stella Stays" } } })
                .ShouldBe(HttpStatusCode.OK);
            // One of ours who left acts as nobody any more: their keys are revoked when they leave.
            await client.GetAsync("/api/organizations?pageSize=1").ShouldBeProblem(HttpStatusCode.Unauthorized);
            await Client.DeleteAsync($"/api/people/{sam}").ShouldBe(HttpStatusCode.NoContent);
        }

        await client.GetAsync("/api/organizations?pageSize=1").ShouldBeProblem(HttpStatusCode.Unauthorized);
        var keys = await Client.GetAsync("/api/api-keys?pageSize=500").ShouldBe<Paged<ApiKeyResponse>>(HttpStatusCode.OK);
        var listed = keys.Items.Single(k => k.Id == key.Id);
        Assert.That(listed.RevokedAt, Is.Not.Null);
        Assert.That(listed.PersonId, Is.EqualTo("[erased]"));
    }

    [Test]
    public async Task A_short_name_or_one_inside_other_words_is_replaced_only_where_it_stands_whole()
    {
        var customer = await World.OrganizationAsync("customer", "Them");
        var sync = await World.PersonAsync(customer, "Sync");
        var al = await World.PersonAsync(customer, "Al");
        var job = await Keys.CreateAsync("integration", name: "crm-Sync-job");
        using (var client = Keys.ClientFor(job.Secret))
            await client.GetAsync($"/api/people/{al}/relationships").ShouldBe(HttpStatusCode.OK);
        var opportunity = NewId("opp");
        await PutAsync($"/api/opportunities/{opportunity}", new
        {
            name = "Also a sync deal", organizationId = customer, stage = "proposal",
            need = new { status = "confirmed", note = "Alice and Sync met; Al said yes. Also re-sync." },
        }).ShouldBe(HttpStatusCode.Created);

        await Client.DeleteAsync($"/api/people/{sync}").ShouldBe(HttpStatusCode.NoContent);
        await Client.DeleteAsync($"/api/people/{al}").ShouldBe(HttpStatusCode.NoContent);

        var deal = await Client.GetAsync($"/api/opportunities/{opportunity}").ShouldBe<OpportunityResponse>(HttpStatusCode.OK);
        Assert.That(deal.Name, Is.EqualTo("Also a sync deal"), "\"sync\" is not the name \"Sync\"");
        Assert.That(deal.Need!.Note, Is.EqualTo("Alice and [erased] met; Al said yes. Also re-sync."),
            "the whole word Sync goes; a two-letter name only where a whole value equals it");
        var keys = await Client.GetAsync("/api/api-keys?pageSize=500").ShouldBe<Paged<ApiKeyResponse>>(HttpStatusCode.OK);
        Assert.That(keys.Items.Single(k => k.Id == job.Id).Name, Is.EqualTo("crm-Sync-job"),
            "a key named with the name inside an identifier keeps its name");
        var audit = await Client.GetAsync("/api/audit?pageSize=500&callerKeyName=crm-Sync-job").ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK);
        Assert.That(audit.Total, Is.EqualTo(1), "its audit trail is its own");
        Assert.That(audit.Items[0].Path, Is.EqualTo("/api/people/[erased]/relationships"));
    }
}
