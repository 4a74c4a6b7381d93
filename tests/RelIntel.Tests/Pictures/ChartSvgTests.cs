using System.Globalization;
using System.Xml.Linq;
using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Pictures;

/// <summary>The SVG: well-formed, every card and nothing else, no overlaps, escaped text, no script, always the same.</summary>
public sealed class ChartSvgTests
{
    private static readonly Chart Fifteen = ChartFixtures.FifteenMembers();
    private static readonly Chart Division = ChartFixtures.Division();
    private static readonly DrawnSvg FifteenSvg = DrawnSvg.Parse(ChartSvg.Render(Fifteen));

    public static IEnumerable<TestCaseData> Charts()
    {
        yield return new TestCaseData(Fifteen).SetArgDisplayNames("15 members");
        yield return new TestCaseData(Division).SetArgDisplayNames("500-person division");
        yield return new TestCaseData(ChartFixtures.Hostile()).SetArgDisplayNames("hostile text");
    }

    [TestCaseSource(nameof(Charts))]
    public void The_svg_is_well_formed_xml_with_an_accessible_name_and_description(Chart chart)
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(chart));

        var root = svg.Root;
        var labelledBy = ((string)root.Attribute("aria-labelledby")!).Split(' ');
        Assert.Multiple(() =>
        {
            Assert.That(root.Name, Is.EqualTo(DrawnSvg.Svg + "svg"));
            Assert.That((string?)root.Attribute("role"), Is.EqualTo("img"));
            Assert.That(root.Elements().First().Name, Is.EqualTo(DrawnSvg.Svg + "title"));
            Assert.That(root.Element(DrawnSvg.Svg + "title")!.Value, Does.Contain(SvgText.Clean(chart.Header.Title)));
            Assert.That(root.Element(DrawnSvg.Svg + "desc")!.Value, Does.Contain($"{chart.Cards.Count(c => !c.Faded)} people shown"));
            Assert.That(labelledBy.Select(id => root.Descendants().Any(e => (string?)e.Attribute("id") == id)), Is.All.True);
        });
    }

    [TestCaseSource(nameof(Charts))]
    public void The_view_box_is_sized_to_the_content(Chart chart)
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(chart));

        var viewBox = ((string)svg.Root.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var boxes = svg.CardBoxes;
        Assert.Multiple(() =>
        {
            Assert.That(viewBox[..2], Is.EqualTo(new[] { 0.0, 0.0 }));
            Assert.That(boxes.Where(b => b.X < 0 || b.Y < 0 || b.Right > viewBox[2] || b.Bottom > viewBox[3]), Is.Empty, "every card inside");
            // No more than a margin and the line labels beyond the outermost cards (or the header's minimum width).
            Assert.That(viewBox[3] - boxes.Max(b => b.Bottom), Is.LessThan(140));
            Assert.That(viewBox[2], Is.LessThan(Math.Max(1000, boxes.Max(b => b.Right) - boxes.Min(b => b.X) + 300)));
        });
    }

    [TestCaseSource(nameof(Charts))]
    public void The_svg_holds_every_card_given_and_nothing_else(Chart chart)
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(chart));

        Assert.That(svg.CardIds, Is.EquivalentTo(chart.Cards.Select(c => SvgText.Clean(c.PersonId))));
    }

    [TestCaseSource(nameof(Charts))]
    public void No_two_card_rectangles_in_the_svg_overlap(Chart chart)
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(chart));

        Assert.That(svg.CardBoxes, Has.Count.EqualTo(chart.Cards.Count));
        Assert.That(Overlaps.Among(svg.CardBoxes), Is.Empty);
    }

    [TestCaseSource(nameof(Charts))]
    public void The_svg_has_no_script_no_event_handler_and_no_external_reference(Chart chart)
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(chart));

        var elements = svg.Root.DescendantsAndSelf().ToList();
        var attributes = elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
        var ids = attributes.Where(a => a.Name == "id").Select(a => a.Value).ToHashSet();
        var references = attributes.SelectMany(a => System.Text.RegularExpressions.Regex.Matches(a.Value, @"url\(([^)]*)\)").Select(m => m.Groups[1].Value)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(elements.Select(e => e.Name.LocalName), Has.None.EqualTo("script").And.None.EqualTo("foreignObject")
                .And.None.EqualTo("a").And.None.EqualTo("image").And.None.EqualTo("use").And.None.EqualTo("style"));
            Assert.That(attributes.Select(a => a.Name.LocalName), Has.None.StartsWith("on").And.None.EqualTo("href").And.None.EqualTo("style"));
            Assert.That(attributes.Where(a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) && a.Name.LocalName != "data-person-id"
                && a.Name.LocalName != "data-from" && a.Name.LocalName != "data-to"), Is.Empty);
            Assert.That(references, Is.All.StartsWith("#"), "only references to the SVG's own markers and patterns");
            Assert.That(references.Select(r => r[1..]).Distinct(), Is.SubsetOf(ids));
            Assert.That(svg.Text, Does.Not.Contain("<script").IgnoreCase);
        });
    }

    [Test]
    public void Hostile_text_is_escaped_and_reads_back_as_the_same_text()
    {
        var chart = ChartFixtures.Hostile();

        var text = ChartSvg.Render(chart);
        var svg = DrawnSvg.Parse(text);

        var visible = string.Join("\n", svg.Root.Descendants().Where(e => !e.HasElements).Select(e => e.Value));
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("&lt;script&gt;alert('x')&lt;/script&gt;"));
            Assert.That(text, Does.Contain("&amp; Sons &lt;b&gt;"));
            foreach (var hostile in ChartFixtures.HostileTexts)
                Assert.That(visible, Does.Contain(SvgText.Clean(hostile)), "each text reads back whole in the header's gaps");
            Assert.That(visible, Does.Contain("Zoë Ñúñez — 李小龍 — Ωμέγα — مرحبا — 👩‍💼🚀"));
            Assert.That(visible, Does.Contain("line\uFFFDwith\uFFFDcontrol\uFFFDcharacters and a lone \uFFFD surrogate"));
            Assert.That(svg.CardIds, Does.Contain("id-0-\"<x>&"));
        });
    }

    [Test]
    public void Long_names_are_cut_on_the_card_and_kept_whole_in_its_tooltip()
    {
        var name = string.Join(" ", Enumerable.Repeat("Bartholomew", 6));
        var chart = Fifteen with { Cards = [.. Fifteen.Cards.Skip(1), Fifteen.Cards[0] with { Name = name }] };

        var card = DrawnSvg.Parse(ChartSvg.Render(chart)).Card("hale");

        Assert.Multiple(() =>
        {
            Assert.That(card.Descendants(DrawnSvg.Svg + "text").Select(t => t.Value),
                Has.Some.Matches<string>(t => t.StartsWith("Bartholomew Barth") && t.EndsWith('…') && t.Length < name.Length));
            Assert.That(card.Element(DrawnSvg.Svg + "title")!.Value, Does.Contain(name));
        });
    }

    [TestCaseSource(nameof(Charts))]
    public void The_same_chart_always_gives_the_same_svg_whatever_the_order_of_its_parts(Chart chart)
    {
        var random = new Random(11);
        var shuffled = chart with
        {
            Cards = chart.Cards.OrderBy(_ => random.Next()).ToList(),
            Hierarchy = chart.Hierarchy.OrderBy(_ => random.Next()).ToList(),
            Informal = chart.Informal.OrderBy(_ => random.Next()).ToList(),
        };

        Assert.That(ChartSvg.Render(shuffled), Is.EqualTo(ChartSvg.Render(chart)));
    }

    [Test]
    public void Each_member_card_names_its_attitude_in_words_so_it_survives_black_and_white()
    {
        foreach (var card in Fifteen.Cards.Where(c => !c.Faded))
        {
            var style = ChartStyle.For(card.Attitude);
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card(card.PersonId)), Does.Contain($"{style.Symbol} {style.Label}"), card.PersonId);
        }
    }

    [Test]
    public void The_attitude_palette_is_okabe_ito_and_tells_every_attitude_apart()
    {
        string[] okabeIto = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"];
        var styles = Enum.GetValues<Attitude>().Select(a => ChartStyle.For(a)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(styles.Where(s => s.Label != "Neutral").Select(s => s.Fill), Is.SubsetOf(okabeIto));
            Assert.That(styles.Select(s => s.Fill), Is.Unique);
            Assert.That(styles.Select(s => s.Symbol), Is.Unique);
        });
    }

    [Test]
    public void Coverage_is_a_measure_with_its_score_and_the_holders_name()
    {
        var coverage = FifteenSvg.Card("chen").Descendants(DrawnSvg.Svg + "g").Single(g => DrawnSvg.Classes(g).Contains("coverage"));
        var bars = coverage.Elements(DrawnSvg.Svg + "rect").ToList();

        Assert.Multiple(() =>
        {
            Assert.That((string?)coverage.Attribute("data-score"), Is.EqualTo("0.8"));
            Assert.That(DrawnSvg.TextOf(coverage), Is.EqualTo("route 0.8 · Sol Park"));
            Assert.That(double.Parse((string)bars[1].Attribute("width")!, CultureInfo.InvariantCulture),
                Is.EqualTo(0.8 * double.Parse((string)bars[0].Attribute("width")!, CultureInfo.InvariantCulture)).Within(0.01));
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card("brandt")), Does.Contain("route 0.4 · intro: Victor Lang"));
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card("okafor")), Does.Contain("STALE"));
        });
    }

    [Test]
    public void Uncovered_members_stand_out_with_a_thick_dashed_outline_and_no_route()
    {
        var uncovered = Fifteen.Cards.Where(c => c.Uncovered).Select(c => c.PersonId).ToList();

        Assert.That(uncovered, Is.Not.Empty);
        foreach (var id in FifteenSvg.CardIds)
        {
            var card = FifteenSvg.Card(id);
            var frame = card.Elements(DrawnSvg.Svg + "rect").Single(r => DrawnSvg.Classes(r).Contains("card-frame"));
            var standsOut = frame.Attribute("stroke-dasharray") is not null && DrawnSvg.TextOf(card).Contains("NO ROUTE");
            Assert.That(standsOut, Is.EqualTo(uncovered.Contains(id)), id);
            if (uncovered.Contains(id)) Assert.That(double.Parse((string)frame.Attribute("stroke-width")!, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(3));
        }
    }

    [Test]
    public void Markers_roles_and_influence_are_on_the_cards()
    {
        Assert.Multiple(() =>
        {
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card("whitfield")), Does.Contain("COACH").And.Contain("User").And.Contain("Influencer").And.Contain("4/5"));
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card("ito")), Does.Contain("favors Initech").And.Contain("Decider").And.Contain("5/5"));
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card("mills")), Does.Contain("not a member"));
            Assert.That((string?)FifteenSvg.Card("mills").Attribute("opacity"), Is.EqualTo("0.55"));
            // Four roles do not fit at full length: they are abbreviated rather than cut off.
            Assert.That(DrawnSvg.TextOf(FifteenSvg.Card("berg")), Does.Contain("Use").And.Contain("Inf").And.Contain("Gat").And.Contain("Buy"));
        });
    }

    [Test]
    public void The_header_shows_title_account_time_status_gaps_and_legend()
    {
        var header = FifteenSvg.Root.Descendants(DrawnSvg.Svg + "g").First(g => DrawnSvg.Classes(g).Contains("header"));
        var text = DrawnSvg.TextOf(header);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Power map: Globex analytics platform"));
            Assert.That(text, Does.Contain("Globex Corporation · data as of 2026-06-01 09:00 UTC"));
            Assert.That(text, Does.Contain("AMBER").And.Contain("no Decider or Approver is supportive"));
            foreach (var gap in Fifteen.Header.Gaps) Assert.That(text, Does.Contain(gap));
            foreach (var entry in ChartLegend.Entries) Assert.That(text, Does.Contain(entry.Text));
        });
    }

    [Test]
    public void Lines_are_drawn_for_every_reporting_and_informal_line_and_styled_apart()
    {
        var lines = FifteenSvg.Root.Descendants().Where(e => DrawnSvg.Classes(e).Contains("line")).ToList();
        var informal = FifteenSvg.Root.Descendants(DrawnSvg.Svg + "g").Where(g => DrawnSvg.Classes(g).Contains("informal-line")).ToList();
        string Dash(InformalKind kind) => (string?)informal.First(g => DrawnSvg.Classes(g).Contains(ChartStyle.For(kind).Label))
            .Element(DrawnSvg.Svg + "path")!.Attribute("stroke-dasharray") ?? "solid";

        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => DrawnSvg.Classes(l).Contains("solid")), Is.EqualTo(Fifteen.Hierarchy.Count(e => e.Kind == ReportingLineKind.Solid)));
            Assert.That(lines.Where(l => DrawnSvg.Classes(l).Contains("dotted")).Select(l => (string?)l.Attribute("stroke-dasharray")).ToList(),
                Has.Count.EqualTo(2).And.All.Not.Null);
            Assert.That(informal, Has.Count.EqualTo(Fifteen.Informal.Count));
            Assert.That(Enum.GetValues<InformalKind>().Select(Dash), Is.Unique);
            Assert.That(informal.Where(g => g.Descendants().Any(e => DrawnSvg.Classes(e).Contains("blocks-routes"))).Select(DrawnSvg.TextOf).ToList(),
                Has.Count.EqualTo(2).And.All.Contains("blocks routes"));
            Assert.That(informal.Select(DrawnSvg.TextOf), Has.Some.EqualTo("influence 0.8"));
        });
    }

    [Test]
    public void A_chart_with_nobody_on_it_still_draws_its_header()
    {
        var empty = Fifteen with { Cards = [], Hierarchy = [], Informal = [] };

        var svg = DrawnSvg.Parse(ChartSvg.Render(empty));

        Assert.That(svg.CardIds, Is.Empty);
        Assert.That(DrawnSvg.TextOf(svg.Root), Does.Contain("Nobody to show.").And.Contain("Power map: Globex analytics platform"));
    }

    [Test]
    public void The_id_prefix_keeps_two_pictures_on_one_page_apart_and_must_be_plain()
    {
        var svg = DrawnSvg.Parse(ChartSvg.Render(Fifteen, idPrefix: "powermap"));

        Assert.Multiple(() =>
        {
            Assert.That(svg.Root.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>(), Is.All.StartsWith("powermap-"));
            Assert.That(() => ChartSvg.Render(Fifteen, idPrefix: "x\" onload=\"alert(1)"), Throws.ArgumentException);
        });
    }

    [Test]
    public void A_500_person_division_is_drawn_in_well_under_a_second()
    {
        ChartSvg.Render(Fifteen); // warm up
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var text = ChartSvg.Render(Division);
        watch.Stop();

        TestContext.Out.WriteLine($"500 people laid out and drawn in {watch.ElapsedMilliseconds} ms, {text.Length / 1024} KiB");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void The_svg_is_the_same_xml_whether_written_as_text_or_built_as_an_element()
    {
        var element = ChartSvg.Build(Fifteen, HierarchyLayout.Compute(Fifteen));

        Assert.That(element.ToString(SaveOptions.DisableFormatting), Is.EqualTo(ChartSvg.Render(Fifteen)));
    }
}
