using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Reports;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Reports;

/// <summary>Reports generated on request: what they hold, the diff, the three formats, and that they forget what is erased.</summary>
public sealed class ReportsTests : ApiTest
{
    [Test]
    public async Task The_diff_shows_exactly_the_relationship_that_covered_the_uncovered_decider()
    {
        var s = await World.ReportPursuitAsync();
        var first = await World.ReportAsync();
        Assert.That(first.Changes.PreviousReportId, Is.Null);
        Assert.That(first.Status, Is.EqualTo(PowerMapStatus.Amber), first.StatusReason);
        Assert.That(first.Gaps.Select(g => (g.Code, g.PersonId)), Does.Contain((GapCode.UncoveredTarget, (string?)s.Dex)));
        var dexBefore = first.Coverage.Single(m => m.Person.Id == s.Dex);
        Assert.That(dexBefore.Coverage, Is.Zero);
        Assert.That(dexBefore.BestRoute, Is.Null);

        await World.KnowsAsync(s.Ava, s.Dex, 0.9);
        App.Clock.Advance(TimeSpan.FromDays(7));
        var second = await World.ReportAsync();

        var changes = second.Changes;
        Assert.That(changes.PreviousReportId, Is.EqualTo(first.Id));
        Assert.That(changes.PreviousGeneratedAt, Is.EqualTo(first.GeneratedAt));
        Assert.That(changes.Status, Is.EqualTo(new StatusChange(PowerMapStatus.Amber, PowerMapStatus.Green)));
        var gained = changes.CoverageGained.Single();
        Assert.That(gained.Target.Id, Is.EqualTo(s.Dex));
        Assert.That(gained.Before, Is.Zero);
        Assert.That(gained.After, Is.EqualTo(0.9).Within(1e-9));
        Assert.That(changes.CoverageLost, Is.Empty);
        var route = changes.NewRoutes.Single();
        Assert.That(route.Target.Id, Is.EqualTo(s.Dex));
        Assert.That(route.Route.Key, Is.EqualTo($"{s.Ava}>{s.Dex}"));
        Assert.That(changes.LostRoutes, Is.Empty);
        Assert.That(changes.GapsClosed.Select(g => (g.Code, g.PersonId)), Is.EqualTo(new[] { (GapCode.UncoveredTarget, (string?)s.Dex) }));
        Assert.That(changes.GapsOpened, Is.Empty);
        Assert.That(second.Coverage.Single(m => m.Person.Id == s.Dex).BestRoute!.People.Select(p => p.Id), Is.EqualTo(new[] { s.Ava, s.Dex }));
    }

    [Test]
    public async Task Markdown_and_html_render_the_same_facts_as_json()
    {
        var s = await World.ReportPursuitAsync();
        await World.ReportAsync();
        await World.KnowsAsync(s.Ava, s.Dex, 0.9);
        var report = await World.ReportAsync();
        Assert.That(report.Changes.CoverageGained, Is.Not.Empty);
        Assert.That(report.Plan, Is.Not.Empty);

        var json = await GetAsync($"/api/reports/{report.Id}", "application/json");
        Assert.That(json.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        var read = await json.ShouldBe<ReportResponse>(HttpStatusCode.OK);
        var markdown = await GetAsync($"/api/reports/{report.Id}", "text/markdown");
        Assert.That(markdown.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(markdown.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/markdown"));
        var html = await GetAsync($"/api/reports/{report.Id}", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        Assert.That(html.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        var markdownText = ReportFacts.UnescapeMarkdown(await markdown.Content.ReadAsStringAsync());
        var htmlText = WebUtility.HtmlDecode(await html.Content.ReadAsStringAsync());
        Assert.That(htmlText, Does.StartWith("<!DOCTYPE html>"));

        var facts = ReportFacts.Of(read).ToList();
        Assert.That(facts, Does.Contain(s.DexName));
        foreach (var fact in facts)
        {
            Assert.That(markdownText, Does.Contain(fact), $"Markdown lacks '{fact}'");
            Assert.That(htmlText, Does.Contain(fact), $"HTML lacks '{fact}'");
        }

        // No Accept header: JSON. Something we cannot make: 406 problem.
        var plain = await Client.GetAsync($"/api/reports/{report.Id}");
        Assert.That(plain.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        await (await GetAsync($"/api/reports/{report.Id}", "application/pdf")).ShouldBeProblem(HttpStatusCode.NotAcceptable);
        var list = await GetAsync($"/api/reports?opportunityId={s.OpportunityId}", "text/markdown");
        Assert.That(ReportFacts.UnescapeMarkdown(await list.Content.ReadAsStringAsync()), Does.Contain(s.DexName));
    }

    [Test]
    public async Task Names_are_escaped_in_html_and_markdown()
    {
        var s = await World.ReportPursuitAsync();
        var evil = await World.PersonAsync(s.Customer, "<script>alert('x')</script> *Mal*");
        await World.MemberAsync(evil, ["influencer"], "opponent", 4);
        var report = await World.ReportAsync();
        var html = await (await GetAsync($"/api/reports/{report.Id}", "text/html")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Not.Contain("<script>"));
        Assert.That(html, Does.Contain("&lt;script&gt;"));
        var markdown = await (await GetAsync($"/api/reports/{report.Id}", "text/markdown")).Content.ReadAsStringAsync();
        Assert.That(markdown, Does.Not.Contain("<script>"));
        Assert.That(markdown, Does.Contain(@"\*Mal\*"));
    }

    [Test]
    public async Task A_private_relationship_never_shows_in_a_stored_report()
    {
        var s = await World.ReportPursuitAsync();
        await World.KnowsAsync(s.Ava, s.Dex, 0.77, visibility: "private");
        var report = await World.ReportAsync();
        var dex = report.Coverage.Single(m => m.Person.Id == s.Dex);
        Assert.That(dex.Coverage, Is.LessThan(0.77), "at most an introduction route, never the private strength");
        var stored = await Client.GetStringAsync($"/api/reports/{report.Id}");
        Assert.That(stored, Does.Not.Contain("0.77"));
    }

    [Test]
    public async Task A_relationship_that_went_stale_since_the_previous_report_is_listed_once()
    {
        var s = await World.ReportPursuitAsync();
        var declaredAt = App.Clock.GetUtcNow();
        var first = await World.ReportAsync();
        Assert.That(first.WentStale, Is.Empty);

        App.Clock.Advance(TimeSpan.FromDays(181));
        var second = await World.ReportAsync();
        var stale = second.WentStale.Single();
        Assert.That((stale.OurPerson.Id, stale.TheirPerson.Id), Is.EqualTo((s.Ava, s.Ula)));
        Assert.That(stale.StaleSince, Is.EqualTo(declaredAt.AddDays(180)));
        Assert.That(stale.LastInteractionAt, Is.Null);

        var third = await World.ReportAsync();
        Assert.That(third.WentStale, Is.Empty, "already reported as stale last time");
    }

    [Test]
    public async Task Reports_are_listed_newest_first_and_filtered()
    {
        var s = await World.ReportPursuitAsync();
        var first = await World.ReportAsync();
        App.Clock.Advance(TimeSpan.FromHours(1));
        var second = await World.ReportAsync();
        var all = await World.ReportsAsync(s.OpportunityId);
        Assert.That(all.Select(r => r.Id), Is.EqualTo(new[] { second.Id, first.Id }));
        var since = Uri.EscapeDataString(second.GeneratedAt.ToString("O"));
        var recent = await Client.GetAsync($"/api/reports?opportunityId={s.OpportunityId}&since={since}")
            .ShouldBe<Paged<ReportResponse>>(HttpStatusCode.OK);
        Assert.That(recent.Total, Is.EqualTo(1));
        Assert.That(recent.Items[0].Id, Is.EqualTo(second.Id));
        var paged = await Client.GetAsync($"/api/reports?opportunityId={s.OpportunityId}&page=2&pageSize=1")
            .ShouldBe<Paged<ReportResponse>>(HttpStatusCode.OK);
        Assert.That(paged.Items[0].Id, Is.EqualTo(first.Id));
        await Client.GetAsync("/api/reports?since=yesterday").ShouldBeProblem(HttpStatusCode.BadRequest, "since");
        await Client.GetAsync("/api/reports?pageSize=0").ShouldBeProblem(HttpStatusCode.BadRequest, "pageSize");
    }

    [Test]
    public async Task Generating_for_all_covers_every_open_opportunity_and_no_closed_one()
    {
        var open = await World.ReportPursuitAsync();
        var closed = await World.ReportPursuitAsync(stage: "closed-lost");
        // No body at all, as curl -X POST sends it.
        var answer = await Client.PostAsync("/api/reports", null).ShouldBe(HttpStatusCode.Created);
        var ids = answer.Read<List<ReportResponse>>().Select(r => r.OpportunityId).ToList();
        Assert.That(ids, Does.Contain(open.OpportunityId));
        Assert.That(ids, Does.Not.Contain(closed.OpportunityId));
    }

    [Test]
    public async Task Unknown_ids_are_404_problems()
    {
        await PostAsync("/api/reports", new { opportunityId = "opp-nowhere-x" }).ShouldBeProblem(HttpStatusCode.NotFound, "opportunityId");
        await Client.GetAsync("/api/reports/rep-nowhere").ShouldBeProblem(HttpStatusCode.NotFound, "id");
        await PostAsync("/api/reports", new { opportunityId = "not valid!" }).ShouldBeProblem(HttpStatusCode.BadRequest, "opportunityId");
    }

    [Test]
    public async Task Erasing_a_person_deletes_the_reports_that_name_them()
    {
        var s = await World.ReportPursuitAsync();
        var report = await World.ReportAsync();
        Assert.That(await Client.GetStringAsync($"/api/reports/{report.Id}"), Does.Contain(s.DexName));

        await Client.DeleteAsync($"/api/people/{s.Dex}").ShouldBe(HttpStatusCode.NoContent);

        await Client.GetAsync($"/api/reports/{report.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        using var graph = TestNeo4j.Graph();
        var left = await graph.ReadAsync(new CypherQuery("test/report-names",
            "MATCH (r:Report) WHERE r.payload CONTAINS $name OR $id IN r.mentionedIds RETURN count(r) AS n"), new { name = s.DexName, id = s.Dex });
        Assert.That(left.Scalar<long>("n"), Is.Zero);
    }

    [Test]
    public async Task Reading_a_report_is_audited_with_the_relationships_it_shows()
    {
        var s = await World.ReportPursuitAsync();
        var report = await World.ReportAsync();
        var key = await Keys.CreateAsync("seller", s.Ava);
        using (var seller = Keys.ClientFor(key.Secret))
            await seller.GetAsync($"/api/reports/{report.Id}").ShouldBe(HttpStatusCode.OK);

        var entry = (await World.AuditOfAsync(key.Name)).Single();
        Assert.That(entry.Endpoint, Is.EqualTo("/api/reports/{id}"));
        Assert.That(entry.Relationships, Is.EqualTo(new[] { $"{s.Ava}|{s.Ula}" }));
    }

    [Test]
    public async Task A_person_marked_do_not_contact_after_a_report_leaves_it_and_the_next_reports_changes()
    {
        var s = await World.ReportPursuitAsync();
        var first = await World.ReportAsync();
        Assert.That(first.Coverage.Select(m => m.Person.Id), Does.Contain(s.Ula));
        var ulaName = (await Client.GetAsync($"/api/people/{s.Ula}").ShouldBe<PersonResponse>(HttpStatusCode.OK)).Name;

        await World.DoNotContactAsync(s.Ula);

        var stored = await Client.GetStringAsync($"/api/reports/{first.Id}");
        var listed = await Client.GetStringAsync($"/api/reports?opportunityId={s.OpportunityId}");
        var html = await (await GetAsync($"/api/reports/{first.Id}", "text/html")).Content.ReadAsStringAsync();
        var second = await World.ReportAsync();
        var secondText = await Client.GetStringAsync($"/api/reports/{second.Id}");
        foreach (var text in new[] { stored, listed, html, secondText })
            Assert.That(text, Does.Not.Contain(s.Ula).And.Not.Contain(ulaName));
        Assert.That(second.Changes.CoverageLost, Is.Empty, "nobody was lost: she is simply not there");
        Assert.That(second.Coverage.Select(m => m.Person.Id), Is.EqualTo(new[] { s.Dex }));
    }

    [Test]
    public async Task Deleting_an_opportunity_deletes_its_reports()
    {
        var s = await World.ReportPursuitAsync();
        var report = await World.ReportAsync();
        await Client.DeleteAsync($"/api/opportunities/{s.OpportunityId}").ShouldBe(HttpStatusCode.NoContent);
        await Client.GetAsync($"/api/reports/{report.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return Client.SendAsync(request);
    }
}
