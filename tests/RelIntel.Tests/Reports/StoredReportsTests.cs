using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Reports;

/// <summary>
/// A stored report keeps facts and ids; each read names people and applies today's charter for the report's audience
/// (every seller): a relationship made private, a person marked do-not-contact or erased after the report leaves no
/// trace in it, in any format, nor in the next report's changes.
/// </summary>
public sealed class StoredReportsTests : ApiTest
{
    private static readonly string[] Formats = ["application/json", "text/markdown", "text/html"];

    [Test]
    public async Task A_relationship_made_private_after_a_report_leaves_it_and_the_next_reports_changes()
    {
        var s = await World.ReportPursuitAsync();
        var first = await World.ReportAsync();
        var ula = first.Coverage.Single(m => m.Person.Id == s.Ula);
        Assert.That(ula.Coverage, Is.EqualTo(0.8).Within(1e-9), "the report shows Ava–Ula while it is company-visible");
        using var seller = Keys.ClientFor((await Keys.CreateAsync("seller", await World.PersonAsync(s.Own, "Sol Seller"))).Secret);
        foreach (var format in Formats)
            Assert.That(await ReadAsync(seller, first.Id, format), Does.Contain($"{s.AvaName} knows {s.UlaName}"), format);

        await Client.PutAsJsonAsync("/api/relationships", new { ourPersonId = s.Ava, theirPersonId = s.Ula, strength = 0.8, visibility = "private" })
            .ShouldBe(HttpStatusCode.OK);

        var read = await seller.GetAsync($"/api/reports/{first.Id}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        var member = read.Coverage.Single(m => m.Person.Id == s.Ula);
        Assert.Multiple(() =>
        {
            Assert.That(member.Coverage, Is.Zero);
            Assert.That(member.BestRoute, Is.Null);
            Assert.That(read.Plan.Select(p => p.TheirPerson.Id), Does.Not.Contain(s.Ula));
            Assert.That(read.Picture!.Lines.Where(l => l.FromId == s.Ava || l.ToId == s.Ava), Is.Empty);
            Assert.That(read.Account, Is.Null, "the account's score weighed the now-private strength");
        });
        foreach (var format in Formats)
        {
            var text = await ReadAsync(seller, first.Id, format);
            Assert.That(text, Does.Not.Contain($"knows {s.UlaName}").And.Not.Contain("strength 0.8").And.Not.Contain("0.8 (strength)"), format);
            Assert.That(text, Does.Contain(s.UlaName), $"{format}: Ula is still a member; only the relationship went");
        }

        var second = await World.ReportAsync();
        Assert.Multiple(() =>
        {
            var changes = second.Changes.CoverageGained.Concat(second.Changes.CoverageLost).ToList();
            Assert.That(changes.Select(c => c.Before), Has.None.EqualTo(0.8).Within(1e-9), "no change repeats the private strength");
            Assert.That(changes.Select(c => c.Target.Id), Does.Not.Contain(s.Ula));
            Assert.That(second.Changes.LostRoutes.Select(r => r.Target.Id), Does.Not.Contain(s.Ula));
        });
        Assert.That(await ReadAsync(seller, second.Id, "text/markdown"), Does.Not.Contain("strength 0.8").And.Not.Contain($"knows {s.UlaName}"));
    }

    [Test]
    public async Task An_erased_person_leaves_no_trace_in_stored_reports_the_audit_or_the_graph()
    {
        var s = await World.ReportPursuitAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = $"Erin Erased {tag}";
        var email = $"erin.{tag}@globex.example";
        var erin = await World.PersonAsync(s.Customer, name, email, seniority: "director");
        await World.MemberAsync(erin, ["approver"], "supporter", 4);
        await World.KnowsAsync(s.Ava, erin, 0.7);
        var report = await World.ReportAsync();
        Assert.That(report.Coverage.Select(m => m.Person.Id), Does.Contain(erin));
        var key = await Keys.CreateAsync("seller", s.Ava);
        using (var seller = Keys.ClientFor(key.Secret))
        {
            await seller.GetAsync($"/api/reports/{report.Id}").ShouldBe(HttpStatusCode.OK);
            await seller.GetAsync($"/api/people/{erin}/relationships").ShouldBe(HttpStatusCode.OK);
        }
        var audit = await Client.GetStringAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString(key.Name)}");
        Assert.That(audit, Does.Contain(erin), "the audit names her by id before the erasure");

        await Client.DeleteAsync($"/api/people/{erin}").ShouldBe(HttpStatusCode.NoContent);

        var texts = new List<string> { await Client.GetStringAsync("/api/audit?pageSize=500") };
        foreach (var format in Formats) texts.Add(await ReadAsync(Client, $"?opportunityId={s.OpportunityId}&pageSize=500", format, list: true));
        texts.Add(await Client.GetStringAsync("/api/reports?pageSize=500"));
        foreach (var text in texts)
            Assert.That(text, Does.Not.Contain(erin).And.Not.Contain(name).And.Not.Contain(email));
        foreach (var trace in new[] { erin, name, email })
            Assert.That(await GraphScan.OccurrencesOf(trace), Is.Zero, $"a stored property still holds '{trace}'");
        var entries = (await Client.GetAsync($"/api/audit?pageSize=500&callerKeyName={Uri.EscapeDataString(key.Name)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK)).Items;
        Assert.That(entries.Select(e => e.Path), Does.Contain("/api/people/[erased]/relationships"),
            "the audit keeps the fact of the read");
    }

    [Test]
    public async Task A_person_marked_do_not_contact_after_a_report_is_not_named_in_it_to_sellers()
    {
        var s = await World.ReportPursuitAsync();
        var report = await World.ReportAsync();
        using var seller = Keys.ClientFor((await Keys.CreateAsync("seller", s.Ava)).Secret);
        Assert.That(await ReadAsync(seller, report.Id, "text/html"), Does.Contain(s.DexName));

        await World.DoNotContactAsync(s.Dex);

        foreach (var format in Formats)
        {
            Assert.That(await ReadAsync(seller, report.Id, format), Does.Not.Contain(s.DexName).And.Not.Contain(s.Dex), format);
            Assert.That(await ReadAsync(seller, $"?opportunityId={s.OpportunityId}", format, list: true),
                Does.Not.Contain(s.DexName).And.Not.Contain(s.Dex), format);
        }
        var read = await seller.GetAsync($"/api/reports/{report.Id}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(read.Coverage.Select(m => m.Person.Id), Is.EqualTo(new[] { s.Ula }));
    }

    private static async Task<string> ReadAsync(HttpClient client, string idOrQuery, string accept, bool list = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, list ? $"/api/reports{idOrQuery}" : $"/api/reports/{idOrQuery}");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), accept);
        return WebUtility.HtmlDecode(ReportFacts.UnescapeMarkdown(await response.Content.ReadAsStringAsync()));
    }
}
