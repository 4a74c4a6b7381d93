using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsCheck;
using RelIntel.Api.Domain;
using RelIntel.Api.Rendering.Charts;
using RelIntel.Tests.Insights;

namespace RelIntel.Tests.Pictures;

/// <summary>
/// Pictures never fail on the shape of the data: random org charts and power maps of every shape the data can hold
/// (deep, wide, several roots, dotted lines across branches, faded connectors, people the charter removed) lay out with
/// every card drawn once, no two cards overlapping and every solid line running from its manager's card to its report's.
/// </summary>
public sealed class AnyShapeLayoutTests
{
    private static readonly string[] Names = ["Ava", "Ben", "Cy", "Dee", "Eve", "Ava"];

    /// <summary>A random forest: each person's solid manager is someone before them, or nobody; then dotted and informal lines anywhere.</summary>
    private static readonly Gen<Chart> Charts =
        from size in Gen.Int[1, 90]
        from rootShare in Gen.Int[0, 30]
        from seed in Gen.Int
        select RandomChart(size, rootShare, seed);

    private static Chart RandomChart(int size, int rootShare, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, size).Select(i => $"p{i}").ToList();
        var solid = new List<HierarchyEdge>();
        for (var i = 1; i < size; i++)
        {
            if (random.Next(100) < rootShare) continue;
            // Favour recent people as managers for depth, or early ones for width.
            var manager = random.Next(2) == 0 ? random.Next(i) : Math.Max(0, i - 1 - random.Next(3));
            solid.Add(new HierarchyEdge(ids[manager], ids[i], ReportingLineKind.Solid));
        }
        var dotted = Enumerable.Range(0, random.Next(size / 3 + 1))
            .Select(_ => (random.Next(size), random.Next(size))).Where(p => p.Item1 != p.Item2).Distinct()
            .Select(p => new HierarchyEdge(ids[p.Item1], ids[p.Item2], ReportingLineKind.Dotted));
        var informal = Enumerable.Range(0, random.Next(size / 2 + 1))
            .Select(_ => (random.Next(size), random.Next(size))).Where(p => p.Item1 != p.Item2).Distinct()
            .Select(p => new InformalEdge(ids[p.Item1], ids[p.Item2], (InformalKind)random.Next(4), Math.Round(random.NextDouble(), 2)));
        var cards = ids.Select(id => random.Next(3) == 0
            ? ChartCard.Connector(id, Names[random.Next(Names.Length)], null)
            : new ChartCard(id, Names[random.Next(Names.Length)], "Title", [(BuyingRole)random.Next(6)], (Attitude)random.Next(5),
                random.Next(1, 6), random.Next(4) == 0, null, random.Next(2) == 0 ? new CardCoverage(0.5, "Ava") : null,
                random.Next(3) == 0, random.Next(4) == 0, false, DoNotContact: random.Next(8) == 0)).ToList();
        return new Chart(new ChartHeader("Power map", "Deal", "Account", ChartFixtures.AsOf, null, []),
            cards, [.. solid, .. dotted], informal.ToList());
    }

    /// <summary>What is wrong with a chart's layout and picture; empty when nothing is.</summary>
    private static List<string> Faults(Chart chart)
    {
        var layout = HierarchyLayout.Compute(chart);
        var faults = new List<string>();
        if (layout.Cards.Count != chart.Cards.Count || layout.Cards.Select(c => c.PersonId).Distinct().Count() != chart.Cards.Count)
            faults.Add("not every card placed exactly once");
        faults.AddRange(Overlaps.Among(layout.Cards).Select(o => $"overlap {o}"));
        faults.AddRange(layout.Cards.Where(b => b.X < 0 || b.Y < 0 || b.Right > layout.Width + 0.01 || b.Bottom > layout.Height + 0.01)
            .Select(b => $"{b.PersonId} outside the picture"));
        foreach (var route in layout.SolidLines)
        {
            var manager = layout.Box(route.ManagerId);
            var report = layout.Box(route.ReportId);
            if (!OnBorder(manager, route.Points[0])) faults.Add($"{route.ManagerId} → {route.ReportId} does not start on the manager's card");
            if (!OnBorder(report, route.Points[^1])) faults.Add($"{route.ManagerId} → {route.ReportId} does not end on the report's card");
            if (manager.Bottom >= report.Y) faults.Add($"{route.ManagerId} is not above {route.ReportId}");
        }
        var svg = DrawnSvg.Parse(ChartSvg.Render(chart));
        var drawn = svg.Document.Descendants().Select(e => (string?)e.Attribute("data-person-id")).OfType<string>().ToHashSet();
        faults.AddRange(chart.Cards.Where(c => !drawn.Contains(c.PersonId)).Select(c => $"{c.PersonId} not drawn"));
        return faults;
    }

    private static bool OnBorder(CardBox box, LayoutPoint point)
    {
        const double tolerance = 0.01;
        var inX = point.X >= box.X - tolerance && point.X <= box.Right + tolerance;
        var inY = point.Y >= box.Y - tolerance && point.Y <= box.Bottom + tolerance;
        var onEdge = Math.Abs(point.X - box.X) < tolerance || Math.Abs(point.X - box.Right) < tolerance ||
                     Math.Abs(point.Y - box.Y) < tolerance || Math.Abs(point.Y - box.Bottom) < tolerance;
        return inX && inY && onEdge;
    }

    [Test]
    public void Thousands_of_random_shapes_lay_out_and_draw_without_a_fault()
    {
        Charts.Sample(chart => Faults(chart).Count == 0, iter: 3000, seed: null);
    }

    /// <summary>Shapes that once failed, kept by name.</summary>
    public static IEnumerable<TestCaseData> OnceFailed()
    {
        yield return new TestCaseData(Forest(("ceo", "a"), ("ceo", "b"), ("ceo", "c"), ("a", "dir"), ("dir", "x"), ("dir", "y"), ("dir", "z")))
            .SetArgDisplayNames("a CEO with three reports, one with a director with three reports");
        yield return new TestCaseData(Forest(("ceo", "a"), ("ceo", "b"), ("a", "dir"), ("dir", "x"), ("dir", "y"), ("dir", "z"), ("b", "w")))
            .SetArgDisplayNames("the same with a do-not-contact report hidden");
        yield return new TestCaseData(Forest(("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "g"), ("g", "h")))
            .SetArgDisplayNames("a chain of eight");
    }

    [TestCaseSource(nameof(OnceFailed))]
    public void A_shape_that_once_failed_lays_out(Chart chart)
    {
        Assert.That(Faults(chart), Is.Empty);
    }

    private static Chart Forest(params (string Manager, string Report)[] lines)
    {
        var ids = lines.SelectMany(l => new[] { l.Manager, l.Report }).Distinct().ToList();
        return HierarchyLayoutTests.Chart(ids, lines);
    }
}

/// <summary>The shape that crashed the pictures, built through the API: the org chart, the power map and the HTML report draw.</summary>
public sealed class AnyShapeThroughTheApiTests : ApiTest
{
    [Test]
    public async Task A_ceo_with_three_reports_one_with_a_director_with_three_reports_is_drawn_everywhere()
    {
        await World.PursuitAsync();
        await World.OursAsync("Ava");
        foreach (var name in new[] { "Cleo", "Abe", "Bo", "Cid", "Dora", "Xu", "Yan", "Zed" }) await World.TheirsAsync(name);
        foreach (var name in new[] { "Abe", "Bo", "Cid" }) await World.ReportsToAsync(name, "Cleo");
        await World.ReportsToAsync("Dora", "Abe");
        foreach (var name in new[] { "Xu", "Yan", "Zed" }) await World.ReportsToAsync(name, "Dora");
        foreach (var member in new[] { "Cleo", "Abe", "Bo", "Cid", "Dora", "Xu", "Yan", "Zed" }) await World.MemberAsync(member, ["influencer"]);
        await World.KnowsAsync("Ava", "Xu", 0.6);

        foreach (var path in new[] { $"/api/organizations/{World.Customer}/org-chart", $"/api/opportunities/{World.Deal}/power-map" })
        {
            var svg = DrawnSvg.Parse(await GetTextAsync(path, ChartSvg.MediaType, HttpStatusCode.OK));
            var drawn = svg.Document.Descendants().Select(e => (string?)e.Attribute("data-person-id")).OfType<string>().ToList();
            Assert.That(drawn, Is.SupersetOf(new[] { "Cleo", "Dora", "Xu", "Zed" }.Select(World.Id)), path);
        }
        var id = (await World.ReportAsync()).Id;
        var html = await GetTextAsync($"/api/reports/{id}", "text/html", HttpStatusCode.OK);
        Assert.That(html, Does.Contain("<svg"));
    }

    private async Task<string> GetTextAsync(string path, string accept, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        return text;
    }
}
