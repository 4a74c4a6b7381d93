using System.Diagnostics;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Pictures;

/// <summary>The layout on its own: managers above reports, no overlaps, readable at 15 and at 500 people, always the same.</summary>
public sealed class HierarchyLayoutTests
{
    private static readonly Chart Fifteen = ChartFixtures.FifteenMembers();
    private static readonly Chart Division = ChartFixtures.Division();

    public static IEnumerable<TestCaseData> Charts()
    {
        yield return new TestCaseData(Fifteen).SetArgDisplayNames("15 members");
        yield return new TestCaseData(Division).SetArgDisplayNames("500-person division");
    }

    [TestCaseSource(nameof(Charts))]
    public void Every_card_is_placed_once_and_inside_the_layout(Chart chart)
    {
        var layout = HierarchyLayout.Compute(chart);

        Assert.That(layout.Cards.Select(c => c.PersonId), Is.EquivalentTo(chart.Cards.Select(c => c.PersonId)));
        Assert.That(layout.Cards.Where(b => b.X < 0 || b.Y < 0 || b.Right > layout.Width || b.Bottom > layout.Height), Is.Empty);
    }

    [TestCaseSource(nameof(Charts))]
    public void No_two_cards_overlap(Chart chart)
    {
        var layout = HierarchyLayout.Compute(chart);

        Assert.That(Overlaps.Among(layout.Cards), Is.Empty);
    }

    [TestCaseSource(nameof(Charts))]
    public void Every_manager_sits_above_their_solid_line_reports(Chart chart)
    {
        var layout = HierarchyLayout.Compute(chart);

        var upsideDown = chart.Hierarchy.Where(e => e.Kind == ReportingLineKind.Solid)
            .Where(e => layout.Box(e.ManagerId).Bottom >= layout.Box(e.ReportId).Y)
            .Select(e => $"{e.ManagerId} → {e.ReportId}");
        Assert.That(upsideDown, Is.Empty);
    }

    [TestCaseSource(nameof(Charts))]
    public void Every_solid_line_is_routed_from_manager_to_report_without_running_through_another_card(Chart chart)
    {
        var layout = HierarchyLayout.Compute(chart);

        Assert.That(layout.SolidLines.Select(r => (r.ManagerId, r.ReportId)),
            Is.EquivalentTo(chart.Hierarchy.Where(e => e.Kind == ReportingLineKind.Solid).Select(e => (e.ManagerId, e.ReportId))));
        var crossings = new List<string>();
        foreach (var route in layout.SolidLines)
        {
            var first = route.Points[0];
            var last = route.Points[^1];
            Assert.That(first.Y, Is.EqualTo(layout.Box(route.ManagerId).Bottom).Within(0.01), "A solid line leaves its manager's card at the bottom");
            Assert.That(Touches(layout.Box(route.ReportId), last), $"The line to {route.ReportId} ends on its card");
            foreach (var (from, to) in route.Points.Zip(route.Points.Skip(1)))
                crossings.AddRange(layout.Cards
                    .Where(box => box.PersonId != route.ManagerId && box.PersonId != route.ReportId && Crosses(from, to, box))
                    .Select(box => $"{route.ManagerId} → {route.ReportId} runs through {box.PersonId}"));
        }
        Assert.That(crossings, Is.Empty);
    }

    [Test]
    public void Dotted_lines_take_no_part_in_placing_the_cards()
    {
        var withoutDotted = Fifteen with { Hierarchy = Fifteen.Hierarchy.Where(e => e.Kind == ReportingLineKind.Solid).ToList() };

        Assert.That(HierarchyLayout.Compute(Fifteen).Cards, Is.EqualTo(HierarchyLayout.Compute(withoutDotted).Cards));
    }

    [Test]
    public void A_500_person_division_stays_readable_by_stacking_teams_in_columns()
    {
        var layout = HierarchyLayout.Compute(Division);
        var settings = LayoutSettings.Default;

        var aspect = layout.Width / layout.Height;
        var rows = layout.Cards.Select(c => c.Y).Distinct().Count();
        TestContext.Out.WriteLine($"500 people: {layout.Width:F0} × {layout.Height:F0}, {rows} rows of cards");
        Assert.Multiple(() =>
        {
            // Side by side, the 470 individual contributors alone would make a picture over 100,000 wide.
            Assert.That(layout.Width, Is.LessThan(40 * (settings.CardWidth + settings.SliceGap)));
            Assert.That(aspect, Is.InRange(0.4, settings.MaxTreeAspect));
        });
    }

    [Test]
    public void A_small_team_keeps_its_reports_side_by_side()
    {
        var team = Chart(["boss", "a", "b", "c"], [("boss", "a"), ("boss", "b"), ("boss", "c")]);

        var layout = HierarchyLayout.Compute(team);

        Assert.That(new[] { "a", "b", "c" }.Select(id => layout.Box(id).Y).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_wide_team_is_stacked_in_aligned_columns_beside_a_connector()
    {
        var reports = Enumerable.Range(0, 12).Select(i => $"r{i:D2}").ToList();
        var team = Chart(["boss", .. reports], reports.Select(r => ("boss", r)).ToList());

        var layout = HierarchyLayout.Compute(team);

        var columns = reports.GroupBy(r => layout.Box(r).X).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(columns, Has.Count.InRange(2, 6));
            Assert.That(layout.Width, Is.LessThanOrEqualTo(LayoutSettings.Default.MaxTreeAspect * layout.Height));
            // Each stacked report is reached from the column's left side, in the gap beside it.
            Assert.That(layout.SolidLines.All(r => r.Points[^1].X == layout.Box(r.ReportId).X), Is.True);
        });
    }

    [Test]
    public void Separate_trees_and_people_with_no_line_are_packed_into_rows_without_overlap()
    {
        var ids = new List<string>();
        var lines = new List<(string, string)>();
        for (var t = 0; t < 30; t++)
        {
            ids.AddRange([$"t{t:D2}", $"t{t:D2}-a", $"t{t:D2}-b"]);
            lines.AddRange([($"t{t:D2}", $"t{t:D2}-a"), ($"t{t:D2}", $"t{t:D2}-b")]);
        }
        ids.AddRange(Enumerable.Range(0, 40).Select(i => $"loose{i:D2}"));

        var layout = HierarchyLayout.Compute(Chart(ids, lines));

        Assert.Multiple(() =>
        {
            Assert.That(Overlaps.Among(layout.Cards), Is.Empty);
            Assert.That(layout.Width / layout.Height, Is.InRange(0.5, 3.0));
        });
    }

    [TestCaseSource(nameof(Charts))]
    public void The_same_chart_in_any_order_gives_the_same_layout(Chart chart)
    {
        var random = new Random(7);
        var shuffled = chart with
        {
            Cards = chart.Cards.OrderBy(_ => random.Next()).ToList(),
            Hierarchy = chart.Hierarchy.OrderBy(_ => random.Next()).ToList(),
        };

        var first = HierarchyLayout.Compute(chart);
        var again = HierarchyLayout.Compute(shuffled);

        Assert.That(again.Cards, Is.EqualTo(first.Cards));
        Assert.That(again.SolidLines.Select(r => string.Join(" ", r.Points)), Is.EqualTo(first.SolidLines.Select(r => string.Join(" ", r.Points))));
    }

    [Test]
    public void A_500_person_division_is_laid_out_in_well_under_a_second()
    {
        HierarchyLayout.Compute(Fifteen); // warm up
        var watch = Stopwatch.StartNew();
        HierarchyLayout.Compute(Division);
        watch.Stop();

        TestContext.Out.WriteLine($"500 people laid out in {watch.ElapsedMilliseconds} ms");
        // Generous, so a busy CI machine does not fail it; a run here takes a small fraction.
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void Nobody_to_show_is_an_empty_layout()
    {
        var layout = HierarchyLayout.Compute(Chart([], []));

        Assert.That((layout.Cards.Count, layout.Width, layout.Height), Is.EqualTo((0, 0.0, 0.0)));
    }

    [Test]
    public void A_chart_that_breaks_the_hierarchy_rules_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => HierarchyLayout.Compute(Chart(["a", "b", "c"], [("a", "c"), ("b", "c")])),
                Throws.ArgumentException.With.Message.Contains("more than one solid manager"));
            Assert.That(() => HierarchyLayout.Compute(Chart(["a", "b"], [("a", "b"), ("b", "a")])),
                Throws.ArgumentException.With.Message.Contains("cycle"));
            Assert.That(() => HierarchyLayout.Compute(Chart(["a"], [("a", "ghost")])),
                Throws.ArgumentException.With.Message.Contains("ghost"));
            Assert.That(() => HierarchyLayout.Compute(Chart(["a", "a"], [])),
                Throws.ArgumentException.With.Message.Contains("twice"));
        });
    }

    internal static Chart Chart(IReadOnlyList<string> ids, IReadOnlyList<(string Manager, string Report)> solid) =>
        new(new ChartHeader("Org chart", "Test", "Test account", ChartFixtures.AsOf, null, []),
            ids.Select(id => ChartCard.Connector(id, id, null)).ToList(),
            solid.Select(l => new HierarchyEdge(l.Manager, l.Report, ReportingLineKind.Solid)).ToList(),
            []);

    private static bool Touches(CardBox box, LayoutPoint p) =>
        p.X >= box.X - 0.01 && p.X <= box.Right + 0.01 && p.Y >= box.Y - 0.01 && p.Y <= box.Bottom + 0.01 &&
        (Math.Abs(p.X - box.X) < 0.01 || Math.Abs(p.Y - box.Y) < 0.01);

    /// <summary>Whether an axis-parallel segment passes through the inside of a box.</summary>
    private static bool Crosses(LayoutPoint from, LayoutPoint to, CardBox box)
    {
        var (left, right) = (Math.Min(from.X, to.X), Math.Max(from.X, to.X));
        var (top, bottom) = (Math.Min(from.Y, to.Y), Math.Max(from.Y, to.Y));
        return left < box.Right && right > box.X && top < box.Bottom && bottom > box.Y;
    }
}
