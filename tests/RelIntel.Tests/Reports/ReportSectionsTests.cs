using System.Net;
using System.Text.Json;
using RelIntel.Api.Features.Reports;
using System.Text.RegularExpressions;
using RelIntel.Tests.Pictures;

namespace RelIntel.Tests.Reports;

/// <summary>A report's picture and account section: drawn inline in HTML, linked from Markdown, as every seller may see them.</summary>
public sealed partial class ReportSectionsTests : ApiTest
{
    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex InlineSvg();

    [Test]
    public async Task The_html_report_draws_its_power_map_inline_and_markdown_links_the_live_picture()
    {
        var s = await World.ReportPursuitAsync();
        var report = await World.ReportAsync();

        var html = await GetTextAsync($"/api/reports/{report.Id}", "text/html");
        var markdown = await GetTextAsync($"/api/reports/{report.Id}", "text/markdown");

        var svg = DrawnSvg.Parse(InlineSvg().Match(html).Value);
        Assert.Multiple(() =>
        {
            Assert.That(svg.CardIds, Is.EquivalentTo(report.Coverage.Select(m => m.Person.Id)));
            Assert.That(Overlaps.Among(svg.CardBoxes), Is.Empty);
            Assert.That(DrawnSvg.TextOf(svg.Card(s.Ula)), Does.Contain("route 0.8"));
            Assert.That(DrawnSvg.TextOf(svg.Card(s.Dex)), Does.Contain("NO ROUTE"));
            Assert.That(report.Picture!.Hierarchy.Select(p => p.Id), Is.EquivalentTo(new[] { s.Dex, s.Ula }));
            Assert.That(markdown, Does.Contain($"(</api/opportunities/{s.OpportunityId}/power-map>)").And.Contain("Accept: image/svg+xml"));
        });
    }

    [Test]
    public async Task The_account_section_counts_the_account_as_every_seller_sees_it()
    {
        var s = await World.ReportPursuitAsync();
        var bo = await World.PersonAsync(s.Own, "Bo Private");
        await World.KnowsAsync(bo, s.Dex, 0.61737, "private");

        var report = await World.ReportAsync();
        var json = await Client.GetStringAsync($"/api/reports/{report.Id}");
        var html = await GetTextAsync($"/api/reports/{report.Id}", "text/html");

        var account = report.Account!;
        var group = account.Departments.Single();
        var section = JsonSerializer.Serialize(account, ReportStore.PayloadJson);
        Assert.Multiple(() =>
        {
            Assert.That(account.OrganizationId, Is.EqualTo(s.Customer));
            Assert.That((account.People, account.Known, account.SeniorPeople, account.SeniorWithRoute), Is.EqualTo((2, 2, 1, 1)));
            Assert.That(group.Name, Is.EqualTo("(no department)"));
            Assert.That(group.KnownByIntroductionOnly, Is.EqualTo(1), "Bo's private one is only an introduction to every seller");
            Assert.That(group.OurPeople, Is.EqualTo(2), "Ava and Bo");
            Assert.That((group.BestScore, group.BestHeldBy!.Id), Is.EqualTo(((double?)0.8, s.Ava)));
            Assert.That(section, Does.Not.Contain(s.Dex).And.Not.Contain(s.Ula).And.Not.Contain(s.DexName), "the section names none of theirs");
            Assert.That(json, Does.Not.Contain("0.61737"));
            Assert.That(html, Does.Contain("Account coverage").And.Not.Contain("0.61737"));
        });
    }

    private async Task<string> GetTextAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", accept } } };
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
