using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Features.Reports;

namespace RelIntel.Tests.Reports;

/// <summary>
/// A report's people changes: what changed among the account's people since the previous report of the opportunity
/// (left, joined, moved, new manager, new title), each with its date and the person, read through today's charter.
/// </summary>
public sealed class ReportPeopleChangesTests : ApiTest
{
    private static readonly string[] Formats = ["application/json", "text/markdown", "text/html"];

    /// <summary>The account's org chart: Kim, Dex (the deal's Decider) unless gone, and Ula under <paramref name="ulaManager"/>.</summary>
    private static object[] Chart(World.ReportPursuit s, string kim, string ulaTitle, string ulaManager, bool withDex = true) =>
    [
        new { id = kim, name = "Kim Vance", title = "VP Engineering" },
        .. withDex ? new object[] { new { id = s.Dex, name = s.DexName, title = "CTO" } } : [],
        new { id = s.Ula, name = s.UlaName, title = ulaTitle, managerId = ulaManager },
    ];

    /// <summary>Two reports around the nightly replace that drops Dex, retitles Ula and moves her under Kim.</summary>
    private async Task<(World.ReportPursuit S, string Kim, ReportResponse First, ReportResponse Second)> DexLeavesAsync()
    {
        var s = await World.ReportPursuitAsync();
        var kim = NewId("kim");
        await PostAsync($"/api/organizations/{s.Customer}/org-chart", new { people = Chart(s, kim, "Analyst", s.Dex) }).ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var first = await World.ReportAsync();
        App.Clock.Advance(TimeSpan.FromHours(1));
        await PostAsync($"/api/organizations/{s.Customer}/org-chart",
            new { mode = "replace", people = Chart(s, kim, "Senior Analyst", kim, withDex: false) }).ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(1));
        return (s, kim, first, await World.ReportAsync());
    }

    [Test]
    public async Task The_next_report_names_the_deciders_departure_a_new_title_and_a_new_manager_since_the_previous_one()
    {
        var (s, kim, first, second) = await DexLeavesAsync();

        Assert.That(first.PeopleChanges, Is.Not.Null);
        Assert.That(first.PeopleChanges!.Items.Select(c => c.Kind), Does.Not.Contain("left"));
        var changes = second.PeopleChanges!;
        Assert.That(changes.Since, Is.EqualTo(first.GeneratedAt), "since the previous report of the opportunity");
        Assert.That(changes.Items.Select(c => (c.Kind, c.Person.Id)), Is.EquivalentTo(new[]
        {
            ("left", s.Dex), ("title-changed", s.Ula), ("manager-changed", s.Ula),
        }), "only what changed after the first report");
        var left = changes.Items.Single(c => c.Kind == "left");
        Assert.Multiple(() =>
        {
            Assert.That(left.Person.Name, Is.EqualTo(s.DexName));
            Assert.That(left.At, Is.GreaterThan(first.GeneratedAt).And.LessThanOrEqualTo(second.GeneratedAt));
            var title = changes.Items.Single(c => c.Kind == "title-changed");
            Assert.That((title.PreviousTitle, title.Title), Is.EqualTo(("Analyst", "Senior Analyst")));
            var manager = changes.Items.Single(c => c.Kind == "manager-changed");
            Assert.That(manager.NewManager, Is.EqualTo(new PersonRef(kim, "Kim Vance")));
            Assert.That(second.Gaps.Any(g => g.Code == GapCode.MemberLeft && g.PersonId == s.Dex), "the member-left gap");
        });

        foreach (var format in Formats.Skip(1))
        {
            // As read: without the markup around names and ids.
            var text = Regex.Replace(await ReadAsync(Client, second.Id, format), "<[^>]+>|`|\\*", "");
            Assert.That(text, Does.Contain("People changes since").And.Contain($"{s.DexName} {s.Dex} left")
                .And.Contain("has a new title: Analyst → Senior Analyst").And.Contain("has a new manager: Kim Vance"), format);
        }
        var stored = await Client.GetAsync($"/api/reports/{second.Id}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(stored.PeopleChanges!.Items, Is.EquivalentTo(changes.Items), "read back as generated");
    }

    [Test]
    public async Task A_person_marked_do_not_contact_after_the_report_is_not_named_in_its_people_changes_to_a_seller()
    {
        var (s, kim, _, second) = await DexLeavesAsync();
        using var seller = Keys.ClientFor((await Keys.CreateAsync("seller", s.Ava)).Secret);
        Assert.That(await ReadAsync(seller, second.Id, "text/markdown"), Does.Contain("has a new title: Analyst → Senior Analyst"));

        await World.DoNotContactAsync(s.Ula);

        var read = await seller.GetAsync($"/api/reports/{second.Id}").ShouldBe<ReportResponse>(HttpStatusCode.OK);
        Assert.That(read.PeopleChanges!.Items.Select(c => (c.Kind, c.Person.Id)), Is.EqualTo(new[] { ("left", s.Dex) }));
        foreach (var format in Formats)
            Assert.That(await ReadAsync(seller, second.Id, format), Does.Not.Contain(s.UlaName).And.Not.Contain(s.Ula), format);

        // A report made now does not name her either.
        App.Clock.Advance(TimeSpan.FromHours(1));
        await PostAsync($"/api/organizations/{s.Customer}/org-chart",
            new { mode = "replace", people = Chart(s, kim, "Lead Analyst", kim, withDex: false) }).ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var third = await World.ReportAsync();
        Assert.That(third.PeopleChanges!.Items, Is.Empty, "her new title is a change about a do-not-contact person");
    }

    [Test]
    public async Task A_scheduled_reports_webhook_carries_its_people_changes()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var s = await World.ReportPursuitAsync();
        var kim = NewId("kim");
        await PostAsync($"/api/organizations/{s.Customer}/org-chart", new { people = Chart(s, kim, "Analyst", s.Dex) }).ShouldBe(HttpStatusCode.OK);
        var scheduler = App.Services.GetRequiredService<ReportScheduler>();
        var schedule = await World.ScheduleAsync("*/10 * * * *", receiver.Url);
        App.Clock.Advance(TimeSpan.FromMinutes(10));
        var first = (await scheduler.RunDueAsync(App.Clock.GetUtcNow())).Single(r => r.ScheduleId == schedule).ReportIds.Single();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync($"/api/organizations/{s.Customer}/org-chart",
            new { mode = "replace", people = Chart(s, kim, "Analyst", kim, withDex: false) }).ShouldBe(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(9));
        var second = (await scheduler.RunDueAsync(App.Clock.GetUtcNow())).Single(r => r.ScheduleId == schedule).ReportIds.Single();

        var delivered = receiver.Received.Where(r => r.ReportId == second).Select(r => JsonNode.Parse(r.Body)!.Read<ReportResponse>()).Single();
        Assert.That(receiver.Received.Select(r => r.ReportId), Does.Contain(first));
        Assert.That(delivered.PeopleChanges!.Items.Select(c => (c.Kind, c.Person.Id)), Is.EquivalentTo(new[] { ("left", s.Dex), ("manager-changed", s.Ula) }),
            "Dex left, and Ula, who reported to him, reports to Kim now");
        Assert.That(delivered.Gaps.Any(g => g.Code == GapCode.MemberLeft && g.PersonId == s.Dex), "the member-left gap");
    }

    private static async Task<string> ReadAsync(HttpClient client, string id, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
        request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), accept);
        return WebUtility.HtmlDecode(ReportFacts.UnescapeMarkdown(await response.Content.ReadAsStringAsync()));
    }
}
