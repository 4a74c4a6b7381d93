using RelIntel.Api.Domain;
using RelIntel.Api.Domain.Pursuit;
using RelIntel.Api.Rendering.Charts;


namespace RelIntel.Tests.Pictures;

/// <summary>Charts to draw: a 15-member power map with every marker, a generated division, and hostile text.</summary>
public static class ChartFixtures
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static ChartCard Member(string id, string name, string title, BuyingRole[] roles, Attitude attitude, int influence,
        double coverage, string? heldBy, bool coach = false, string? favors = null, bool stale = false, bool introduction = false) =>
        new(id, name, title, roles, attitude, influence, coach, favors, new CardCoverage(coverage, heldBy, introduction),
            Uncovered: heldBy is null, Stale: stale, Faded: false);

    /// <summary>
    /// Fifteen buying-center members of a customer, two faded managers who connect them, one external adviser with no
    /// reporting line, and informal lines of every kind.
    /// </summary>
    public static Chart FifteenMembers()
    {
        BuyingRole[] decider = [BuyingRole.Decider], approver = [BuyingRole.Approver], influencer = [BuyingRole.Influencer],
            user = [BuyingRole.User], buyer = [BuyingRole.Buyer], gatekeeper = [BuyingRole.Gatekeeper];
        var cards = new List<ChartCard>
        {
            Member("hale", "Morgan Hale", "Chief Executive Officer", approver, Attitude.Neutral, 5, 0.21, "Elena Marsh"),
            Member("okafor", "Lee Okafor", "Chief Financial Officer", [BuyingRole.Approver, BuyingRole.Buyer], Attitude.Neutral, 5, 0.3, "Victor Lang", stale: true),
            Member("ito", "Sam Ito", "Chief Technology Officer", decider, Attitude.Skeptic, 5, 0.41, "Sol Park", favors: "Initech"),
            Member("whitfield", "Dana Whitfield", "VP Operations", [BuyingRole.User, BuyingRole.Influencer], Attitude.Champion, 4, 0.7, "Ava Reyes", coach: true),
            Member("brandt", "Kim Brandt", "Head of Procurement", buyer, Attitude.Neutral, 3, 0.4, "Victor Lang", introduction: true),
            Member("novak", "Ana Novak", "IT Manager", gatekeeper, Attitude.Supporter, 3, 0.52, "Sol Park"),
            Member("chen", "Wei Chen", "Lead Data Engineer", user, Attitude.Supporter, 2, 0.8, "Sol Park"),
            Member("diaz", "Rosa Diaz", "Operations Analyst", user, Attitude.Champion, 2, 0.56, "Ava Reyes"),
            Member("osei", "Kofi Osei", "Plant Manager", user, Attitude.Opponent, 4, 0, null),
            Member("lind", "Eva Lind", "Security Architect", [BuyingRole.Influencer, BuyingRole.Gatekeeper], Attitude.Skeptic, 4, 0, null, favors: "Initech"),
            Member("moreau", "Luc Moreau", "Finance Controller", buyer, Attitude.Neutral, 2, 0.25, "Victor Lang"),
            Member("tanaka", "Yui Tanaka", "Data Scientist", user, Attitude.Supporter, 1, 0.33, "Sol Park"),
            Member("adeyemi", "Tunde Adeyemi", "Head of Legal", approver, Attitude.Skeptic, 3, 0, null),
            Member("kaur", "Priya Kaur", "Principal Consultant (Northwind)", influencer, Attitude.Supporter, 4, 0.6, "Ava Reyes"),
            Member("berg", "Nils Berg", "Maintenance Lead", [BuyingRole.User, BuyingRole.Influencer, BuyingRole.Gatekeeper, BuyingRole.Buyer], Attitude.Opponent, 2, 0, null),
            ChartCard.Connector("mills", "Jo Mills", "Director of Manufacturing"),
            ChartCard.Connector("garcia", "Luis Garcia", "General Counsel"),
        };
        var hierarchy = new List<HierarchyEdge>
        {
            Solid("hale", "okafor"), Solid("hale", "ito"), Solid("hale", "whitfield"), Solid("hale", "garcia"),
            Solid("okafor", "brandt"), Solid("okafor", "moreau"), Solid("ito", "novak"), Solid("novak", "chen"), Solid("ito", "lind"),
            Solid("ito", "tanaka"), Solid("whitfield", "diaz"), Solid("whitfield", "mills"), Solid("mills", "osei"), Solid("osei", "berg"),
            Solid("garcia", "adeyemi"),
            new("okafor", "whitfield", ReportingLineKind.Dotted), new("ito", "osei", ReportingLineKind.Dotted),
        };
        var informal = new List<InformalEdge>
        {
            new("kaur", "ito", InformalKind.Influence, 0.8),
            new("whitfield", "okafor", InformalKind.Influence, 0.6),
            new("chen", "tanaka", InformalKind.Sympathy),
            new("okafor", "ito", InformalKind.Rivalry, BlocksRoutes: true),
            new("lind", "novak", InformalKind.Antipathy),
            new("osei", "whitfield", InformalKind.Influence, 0.3),
            new("osei", "whitfield", InformalKind.Antipathy, BlocksRoutes: true),
        };
        var header = new ChartHeader("Power map", "Globex analytics platform", "Globex Corporation", AsOf,
            new ChartStatusLine(ChartStatus.Amber, "Dana Whitfield is supportive and influential, but no Decider or Approver is supportive."),
            [
                "None of ours has a route to Kofi Osei.",
                "Kofi Osei opposes us with influence 4 of 5, and none of ours has a route to them.",
                "The best route to Lee Okafor crosses a relationship that has not been refreshed: coverage 0.3 counts it at a discount.",
                "Sam Ito favors competitor 'Initech'.",
            ]);
        return new Chart(header, cards, hierarchy, informal);
    }

    private static HierarchyEdge Solid(string manager, string report) => new(manager, report, ReportingLineKind.Solid);

    /// <summary>
    /// A generated division of <paramref name="size"/> people, the same for the same seed: a VP, directors, managers
    /// and individual contributors with uneven spans, some dotted lines and informal lines, a few people faded.
    /// </summary>
    public static Chart Division(int size = 500, int seed = 20260601)
    {
        var random = new Random(seed);
        var attitudes = Enum.GetValues<Attitude>();
        var roles = Enum.GetValues<BuyingRole>();
        var cards = new List<ChartCard>();
        var hierarchy = new List<HierarchyEdge>();
        var managers = new List<string>();

        ChartCard Person(int n, string title)
        {
            var id = $"p{n:D4}";
            if (random.Next(12) == 0) return ChartCard.Connector(id, $"Person {n:D4}", title);
            var covered = random.Next(3) > 0;
            return new ChartCard(id, $"Person {n:D4}", title, [roles[random.Next(roles.Length)]], attitudes[random.Next(attitudes.Length)],
                random.Next(1, 6), random.Next(20) == 0, random.Next(15) == 0 ? "Initech" : null,
                new CardCoverage(covered ? Math.Round(random.NextDouble(), 2) : 0, covered ? "Ava Reyes" : null),
                Uncovered: !covered, Stale: covered && random.Next(8) == 0, Faded: false);
        }

        void Add(int n, string title, string? manager)
        {
            cards.Add(Person(n, title));
            if (manager is not null) hierarchy.Add(Solid(manager, cards[^1].PersonId));
        }

        Add(0, "VP Manufacturing", null);
        var next = 1;
        var directors = new List<string>();
        for (var d = 0; d < 5; d++, next++)
        {
            Add(next, "Director", "p0000");
            directors.Add(cards[^1].PersonId);
        }
        foreach (var director in directors)
            for (var m = random.Next(3, 7); m > 0 && next < size; m--, next++)
            {
                Add(next, "Manager", director);
                managers.Add(cards[^1].PersonId);
            }
        for (; next < size; next++) Add(next, "Engineer", managers[random.Next(managers.Count)]);

        var ids = cards.Select(c => c.PersonId).ToList();
        for (var i = 0; i < size / 25; i++)
        {
            var report = ids[random.Next(6, ids.Count)];
            var manager = managers[random.Next(managers.Count)];
            if (report != manager && !hierarchy.Any(h => h.ReportId == report && h.ManagerId == manager))
                hierarchy.Add(new HierarchyEdge(manager, report, ReportingLineKind.Dotted));
        }
        var informal = new List<InformalEdge>();
        var kinds = Enum.GetValues<InformalKind>();
        for (var i = 0; i < size / 20; i++)
        {
            var from = ids[random.Next(ids.Count)];
            var to = ids[random.Next(ids.Count)];
            if (from == to) continue;
            var kind = kinds[random.Next(kinds.Length)];
            informal.Add(new InformalEdge(from, to, kind, kind == InformalKind.Influence ? Math.Round(random.NextDouble(), 2) : null));
        }

        var header = new ChartHeader("Political org chart", "Manufacturing division", "Globex Corporation", AsOf, null,
            ["Most senior people on the plant floor have no route from our side."]);
        return new Chart(header, cards, hierarchy, informal);
    }

    /// <summary>Text that would break or subvert the SVG if it were not escaped.</summary>
    public const string Script = "<script>alert('x')</script>";

    public static readonly string[] HostileTexts =
    [
        Script,
        "Tom \"The Hammer\" O'Neil & Sons <b>bold</b>",
        "]]><svg onload=\"alert(1)\"><!-- -->",
        "Zoë Ñúñez — 李小龍 — Ωμέγα — مرحبا — 👩‍💼🚀",
        "javascript:alert(1)",
        "line\u0001with\u0007control\u001Fcharacters and a lone \uD800 surrogate",
    ];

    /// <summary>A chart whose every piece of text (names, titles, competitor, holder, header, gaps, even ids) is hostile.</summary>
    public static Chart Hostile()
    {
        var cards = HostileTexts.Select((text, i) => new ChartCard($"id-{i}-\"<x>&", text, text, [BuyingRole.Decider], Attitude.Champion, 3,
            true, text, new CardCoverage(0.5, text), false, false, false)).ToList();
        cards.Add(ChartCard.Connector("connector-<&>", Script, Script));
        var hierarchy = cards.Skip(1).Select(c => Solid(cards[0].PersonId, c.PersonId)).ToList();
        var informal = new List<InformalEdge> { new(cards[1].PersonId, cards[2].PersonId, InformalKind.Rivalry, BlocksRoutes: true) };
        var header = new ChartHeader(Script, Script, HostileTexts[1], AsOf, new ChartStatusLine(ChartStatus.Red, Script), HostileTexts);
        return new Chart(header, cards, hierarchy, informal);
    }
}
