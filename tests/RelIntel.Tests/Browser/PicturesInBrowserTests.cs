using System.Net;
using Microsoft.Playwright;
using RelIntel.Tests.Pictures;
using RelIntel.Tests.Reports;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Browser;

/// <summary>The pictures and the HTML report as a reader's browser shows them: rendered, every card visible, no errors.</summary>
public sealed class PicturesInBrowserTests : ChromiumPageTest
{
    /// <summary>The demo account is loaded through the API (POST /api/demo), as in Development.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };

    /// <summary>Answers <paramref name="svg"/> as <c>image/svg+xml</c> at a path of the service, as the picture endpoints will.</summary>
    private async Task<string> ServeAsync(string path, string svg)
    {
        var url = new Uri(BaseAddress, path).ToString();
        await Page.RouteAsync(url, route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200,
            ContentType = ChartSvg.MediaType,
            Body = svg,
        }));
        return url;
    }

    /// <summary>The cards the browser actually draws, with the boxes it draws them in.</summary>
    private async Task<IReadOnlyList<CardBox>> DrawnCardsAsync() =>
        (await Page.EvaluateAsync<DrawnCard[]>(
            """
            () => [...document.querySelectorAll('svg g.card')].map(card => {
              const frame = card.querySelector('rect.card-frame').getBoundingClientRect();
              const style = getComputedStyle(card);
              return { id: card.dataset.personId, x: frame.x + scrollX, y: frame.y + scrollY, width: frame.width, height: frame.height,
                       shown: style.display !== 'none' && style.visibility !== 'hidden' };
            })
            """))
        .Where(c => c.Shown && c.Width > 0 && c.Height > 0)
        .Select(c => new CardBox(c.Id, c.X, c.Y, c.Width, c.Height))
        .ToList();

    private sealed class DrawnCard
    {
        public string Id { get; set; } = "";
        public double X { get; set; }
        public double Y { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
        public bool Shown { get; set; }
    }

    [Test]
    public async Task A_power_map_svg_renders_with_every_card_visible_and_no_errors()
    {
        var chart = ChartFixtures.FifteenMembers();
        var url = await ServeAsync("/pictures/fixture-power-map.svg", ChartSvg.Render(chart));

        var response = await Page.GotoAsync(url);

        var cards = await DrawnCardsAsync();
        await Expect(Page.Locator("g.card[data-person-id='whitfield']")).ToBeVisibleAsync();
        await ScreenshotAsync("fixture-power-map", Page.Locator("svg").First);
        Assert.Multiple(() =>
        {
            Assert.That(response!.Headers["content-type"], Does.StartWith(ChartSvg.MediaType));
            Assert.That(cards.Select(c => c.PersonId), Is.EquivalentTo(chart.Cards.Select(c => c.PersonId)));
            Assert.That(Overlaps.Among(cards), Is.Empty);
            Assert.That(PageProblems, Is.Empty);
        });
    }

    [Test]
    public async Task A_500_person_division_renders_with_every_card_visible_and_no_errors()
    {
        var chart = ChartFixtures.Division();
        await Page.SetViewportSizeAsync(1600, 1000);
        var url = await ServeAsync("/pictures/fixture-division.svg", ChartSvg.Render(chart));

        await Page.GotoAsync(url);

        var cards = await DrawnCardsAsync();
        // The top of the picture, as a reader first sees it; the whole 500 would make a very large image.
        await ScreenshotAsync("fixture-division-top", fullPage: false);
        Assert.Multiple(() =>
        {
            Assert.That(cards, Has.Count.EqualTo(500));
            Assert.That(Overlaps.Among(cards), Is.Empty);
            Assert.That(PageProblems, Is.Empty);
        });
    }

    [Test]
    public async Task A_power_map_svg_inline_in_an_html_page_renders_with_every_card_visible()
    {
        var chart = ChartFixtures.Hostile();
        var page = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Inline picture</title></head><body>{ChartSvg.Render(chart)}</body></html>";
        await Page.RouteAsync(new Uri(BaseAddress, "/pictures/inline.html").ToString(),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = page }));
        var dialogs = new List<string>();
        Page.Dialog += (_, dialog) => dialogs.Add(dialog.Message);

        await Page.GotoAsync(new Uri(BaseAddress, "/pictures/inline.html").ToString());

        var cards = await DrawnCardsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(cards, Has.Count.EqualTo(chart.Cards.Count));
            Assert.That(dialogs, Is.Empty, "the hostile names ran no script");
            Assert.That(PageProblems, Is.Empty);
        });
    }

    [Test]
    public async Task The_html_report_renders_with_no_errors()
    {
        using var admin = AdminClient();
        var world = new World(admin);
        var scenario = await world.ReportPursuitAsync();
        var report = await world.ReportAsync();
        await Page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {RelIntelApp.AdminKey}" });

        var response = await Page.GotoAsync(new Uri(BaseAddress, $"/api/reports/{report.Id}").ToString());

        await Expect(Page.Locator("body")).ToContainTextAsync(scenario.DexName);
        await Expect(Page.Locator("figure.power-map-picture svg")).ToBeVisibleAsync();
        var cards = await DrawnCardsAsync();
        await ScreenshotAsync("html-report");
        Assert.Multiple(() =>
        {
            Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.OK));
            Assert.That(response.Headers["content-type"], Does.StartWith("text/html"));
            Assert.That(cards.Select(c => c.PersonId), Is.EquivalentTo(report.Coverage.Select(m => m.Person.Id)), "the inline power map");
            Assert.That(Overlaps.Among(cards), Is.Empty);
            Assert.That(PageProblems, Is.Empty);
        });
    }

    /// <summary>
    /// The demo account's pictures as the service answers them to a browser that asks for SVG: drawn with every card
    /// visible, no overlap and no error. Their screenshots are the ones docs/pictures.md shows (docs/demo-power-map.png,
    /// docs/demo-org-chart.png).
    /// </summary>
    [TestCase("/api/opportunities/opp-globex-platform/power-map", "demo-power-map", 7)]
    [TestCase("/api/organizations/globex/org-chart", "demo-org-chart", 8)]
    public async Task The_demo_accounts_pictures_render_with_every_card_visible_and_no_errors(string path, string screenshot, int cardCount)
    {
        using (var admin = AdminClient())
        {
            var load = await admin.PostAsync("/api/demo", null).ShouldBe(HttpStatusCode.OK);
            Assert.That(load["failures"]!.AsArray(), Is.Empty, load.ToJsonString());
        }
        // A browser navigating to a URL asks for HTML (and */*), which is JSON here: ask for the picture as a client would.
        var url = new Uri(BaseAddress, path).ToString();
        await Page.RouteAsync(url, async route => await route.ContinueAsync(new RouteContinueOptions
        {
            Headers = new Dictionary<string, string>(route.Request.Headers)
            {
                ["authorization"] = $"Bearer {RelIntelApp.AdminKey}",
                ["accept"] = ChartSvg.MediaType,
            },
        }));

        var response = await Page.GotoAsync(url);

        await Expect(Page.Locator("svg g.card").First).ToBeVisibleAsync();
        var cards = await DrawnCardsAsync();
        await ScreenshotAsync(screenshot, Page.Locator("svg").First);
        Assert.Multiple(() =>
        {
            Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.OK));
            Assert.That(response.Headers["content-type"], Does.StartWith(ChartSvg.MediaType));
            Assert.That(cards, Has.Count.EqualTo(cardCount));
            Assert.That(Overlaps.Among(cards), Is.Empty);
            Assert.That(PageProblems, Is.Empty);
        });
    }
}
