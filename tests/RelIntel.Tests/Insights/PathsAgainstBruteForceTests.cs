using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>
/// On random small graphs (fixed seeds), the k best paths the service finds equal an independent enumeration of every
/// allowed path, written here from the rules in the product brief and docs/charter.md rather than from the query.
/// </summary>
public sealed class PathsAgainstBruteForceTests : ApiTest
{
    private const double OwnSolid = 0.9, OwnDotted = 0.7, Solid = 0.8, Dotted = 0.6, Sympathy = 0.6, HopPenalty = 0.9;

    private const double Introduction = 0.4, StaleFactor = 0.5;

    /// <summary>A line of the graph; a relationship (KNOWS) also says whether the caller sees it and whether it went stale.</summary>
    private sealed record Line(string From, string To, string Type, string? Kind, double Strength, bool Hidden = false, bool Stale = false);

    private sealed record Candidate(IReadOnlyList<string> People, double Score);

    /// <summary>One random account as built through the API, and what the enumeration needs to know of it.</summary>
    private sealed record Graph(List<Line> Lines, List<string> Ours, List<string> Theirs, string DoNotContact);

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(42)]
    public async Task The_k_best_paths_equal_a_brute_force_enumeration(int seed)
    {
        var graph = await BuildAsync(new Random(seed), withHidden: false);
        await CompareAsync(graph, Client, seed, expectIntroductions: false);
    }

    /// <summary>
    /// The same comparison for a caller who sees only company relationships, some of the others fresh and some stale: a
    /// hidden relationship is a route only where its own worth (strength, halved when stale) is at least the introduction
    /// trust, and then counts exactly that trust.
    /// </summary>
    [TestCase(3)]
    [TestCase(8)]
    [TestCase(11)]
    public async Task The_k_best_paths_a_seller_sees_equal_a_brute_force_enumeration_with_introductions_by_worth(int seed)
    {
        var graph = await BuildAsync(new Random(seed), withHidden: true);
        using var integration = await ClientAsAsync("integration");
        await CompareAsync(graph, integration, seed, expectIntroductions: true);
        var hidden = graph.Lines.Where(l => l is { Type: "KNOWS", Hidden: true }).ToList();
        Assert.That(hidden.Where(l => Worth(l) >= Introduction), Is.Not.Empty, "hidden relationships worth an introduction");
        Assert.That(hidden.Where(l => l.Strength >= Introduction && Worth(l) < Introduction), Is.Not.Empty,
            "hidden relationships strong enough, but too stale, to be worth one");
    }

    private async Task<Graph> BuildAsync(Random random, bool withHidden)
    {
        await World.PursuitAsync();
        var ours = Enumerable.Range(1, 4).Select(i => $"Our{i}").ToList();
        var theirs = Enumerable.Range(1, 8).Select(i => $"Their{i}").ToList();
        foreach (var name in ours) await World.OursAsync(name);
        var doNotContact = theirs[random.Next(theirs.Count)];
        foreach (var name in theirs) await World.TheirsAsync(name, doNotContact: name == doNotContact);

        var lines = new List<Line>();
        // Our side: a small tree, with a dotted line.
        await AddAsync(lines, new Line("Our2", "Our1", "REPORTS_TO", "solid", 0));
        await AddAsync(lines, new Line("Our3", "Our1", "REPORTS_TO", "solid", 0));
        await AddAsync(lines, new Line("Our4", "Our2", "REPORTS_TO", "solid", 0));
        await AddAsync(lines, new Line("Our4", "Our3", "REPORTS_TO", "dotted", 0));
        // Their side: a random tree of solid lines, some dotted lines, influences and rapport.
        for (var i = 1; i < theirs.Count; i++)
            await AddAsync(lines, new Line(theirs[i], theirs[random.Next(i)], "REPORTS_TO", "solid", 0));
        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i < 10; i++)
        {
            var a = theirs[random.Next(theirs.Count)];
            var b = theirs[random.Next(theirs.Count)];
            if (a == b || !pairs.Add((a, b)) || pairs.Contains((b, a))) continue;
            var line = random.Next(4) switch
            {
                0 => new Line(a, b, "INFLUENCES", "advisor", Math.Round(0.11 + random.Next(9) * 0.1, 2)),
                1 => new Line(a, b, "RAPPORT", "sympathy", 0),
                2 => new Line(a, b, "RAPPORT", random.Next(2) == 0 ? "rivalry" : "antipathy", 0),
                _ when !lines.Any(l => l.Type == "REPORTS_TO" && l.From == b && l.To == a) => new Line(a, b, "REPORTS_TO", "dotted", 0),
                _ => null,
            };
            if (line is not null && !(line.Type == "REPORTS_TO" && lines.Any(l => l.Type == "REPORTS_TO" && l.From == a && l.To == b)))
                await AddAsync(lines, line);
        }
        // Relationships: each of ours knows two or three of theirs. With hidden ones: the first half are sent, then time
        // passes beyond staleAfterDays, then the second half, so the first half is stale when the paths are asked for.
        var knows = ours.SelectMany(our => theirs.OrderBy(_ => random.Next()).Take(2 + random.Next(2))
            .Select(their => new Line(our, their, "KNOWS", null, Math.Round(0.05 + random.Next(90) / 100.0, 2),
                Hidden: withHidden && random.Next(3) > 0)))
            .ToList();
        if (!withHidden)
        {
            foreach (var line in knows) await AddAsync(lines, line);
            return new Graph(lines, ours, theirs, doNotContact);
        }
        var stale = knows.Count / 2;
        foreach (var line in knows.Take(stale)) await AddAsync(lines, line with { Stale = true });
        App.Clock.Advance(TimeSpan.FromDays(181));
        foreach (var line in knows.Skip(stale)) await AddAsync(lines, line);
        return new Graph(lines, ours, theirs, doNotContact);
    }

    private async Task CompareAsync(Graph graph, HttpClient caller, int seed, bool expectIntroductions)
    {
        var (lines, ours, theirs, doNotContact) = graph;
        var compared = new List<Candidate>();
        var introductions = 0;
        foreach (var from in ours)
        foreach (var to in theirs.Where(t => t != doNotContact))
        foreach (var maxHops in new[] { 4, 2 })
        {
            var expected = Enumerate(lines, ours, doNotContact, from, to, maxHops);
            var paths = (await World.As(caller).PathsAsync(from, to, k: 3, maxHops: maxHops)).Paths;
            var actual = paths.Select(p => new Candidate(World.Route(p).Split(" > "), p.Score)).ToList();
            AssertSameBest(actual, expected, k: 3, $"seed {seed}, {from} to {to}, maxHops {maxHops}");
            compared.AddRange(actual);
            var shown = paths.SelectMany(p => p.Hops).Where(h => h.Type == HopType.Introduction).ToList();
            Assert.That(shown.Select(h => h.Trust), Is.All.EqualTo(Introduction), "an introduction shows its fixed trust");
            introductions += shown.Count;
        }
        // The recommendations find the same k best paths to each buying-center member, from any of ours.
        foreach (var member in theirs) await World.MemberAsync(member, ["influencer"]);
        var recommendations = await World.As(caller).RecommendationsAsync(pathsPerTarget: 3);
        foreach (var target in recommendations.Targets)
        {
            var to = World.Name(target.Person.Id);
            var expected = ours.SelectMany(from => Enumerate(lines, ours, doNotContact, from, to, 4))
                .OrderByDescending(c => c.Score).ThenBy(c => string.Concat(c.People.Select(p => p + ">")), StringComparer.Ordinal).ToList();
            var actual = target.Paths.Select(p => new Candidate(World.Route(p).Split(" > "), p.Score)).ToList();
            AssertSameBest(actual, expected, k: 3, $"seed {seed}, recommendations for {to}");
        }
        Assert.That(recommendations.Targets.Select(t => World.Name(t.Person.Id)),
            Does.Not.Contain(doNotContact));

        // The comparison must have covered real work: many paths, some using our own line and two steps on their side.
        Assert.That(compared, Has.Count.GreaterThan(30));
        Assert.That(compared.Max(c => c.People.Count), Is.EqualTo(5), "some path has four hops");
        Assert.That(introductions, expectIntroductions ? Is.GreaterThan(0) : Is.Zero, "introductions answered");
    }

    /// <summary>What a relationship is worth on a route: its strength, halved when stale.</summary>
    private static double Worth(Line knows) => knows.Strength * (knows.Stale ? StaleFactor : 1);

    /// <summary>
    /// The trust a relationship carries on a route, by the charter as docs/charter.md states it: its worth when seen;
    /// when hidden, the fixed introduction trust where it is worth at least that, else no route at all (null).
    /// </summary>
    private static double? CrossTrust(Line knows) => !knows.Hidden ? Worth(knows) : Worth(knows) >= Introduction ? Introduction : null;

    private async Task AddAsync(List<Line> lines, Line line)
    {
        lines.Add(line);
        await (line.Type switch
        {
            "REPORTS_TO" => World.ReportsToAsync(line.From, line.To, line.Kind!),
            "INFLUENCES" => World.InfluencesAsync(line.From, line.To, line.Strength),
            "RAPPORT" => World.RapportAsync(line.From, line.To, line.Kind!),
            _ => World.KnowsAsync(line.From, line.To, line.Strength, visibility: line.Hidden ? "private" : "company"),
        });
    }

    /// <summary>Every allowed path from one of ours to a target, best first, by the brief's rules.</summary>
    private static List<Candidate> Enumerate(List<Line> lines, List<string> ours, string doNotContact, string from, string to, int maxHops)
    {
        bool Hostile(string a, string b) => lines.Any(l => l.Type == "RAPPORT" && l.Kind is "rivalry" or "antipathy"
                                                           && ((l.From == a && l.To == b) || (l.From == b && l.To == a)));

        // Steps a message can take on their side from a: (next person, trust).
        IEnumerable<(string Next, double Trust)> TheirSteps(string a)
        {
            foreach (var l in lines)
            {
                var trust = l.Type switch
                {
                    "REPORTS_TO" => l.Kind == "solid" ? Solid : Dotted,
                    "INFLUENCES" => l.Strength,
                    "RAPPORT" when l.Kind == "sympathy" => Sympathy,
                    _ => -1,
                };
                if (trust < 0) continue;
                if (l.From == a) yield return (l.To, trust);
                else if (l.To == a && l.Type != "INFLUENCES") yield return (l.From, trust);
            }
        }

        var found = new List<Candidate>();
        var starts = new List<(List<string> People, List<double> Trusts)> { ([from], []) };
        foreach (var l in lines.Where(l => l.Type == "REPORTS_TO" && ours.Contains(l.From) && (l.From == from || l.To == from)))
            starts.Add(([from, l.From == from ? l.To : l.From], [l.Kind == "solid" ? OwnSolid : OwnDotted]));

        foreach (var (people, trusts) in starts)
        foreach (var knows in lines.Where(l => l.Type == "KNOWS" && l.From == people[^1] && l.To != doNotContact))
        {
            if (CrossTrust(knows) is not { } crossTrust) continue;
            void Walk(List<string> path, List<double> pathTrusts, int theirSteps)
            {
                if (path.Count - 1 > maxHops) return;
                if (path[^1] == to)
                {
                    var product = pathTrusts.Aggregate(1.0, (p, t) => p * t);
                    found.Add(new Candidate(path, product * Math.Pow(HopPenalty, pathTrusts.Count - 1)));
                }
                if (theirSteps == 2) return;
                foreach (var (next, trust) in TheirSteps(path[^1]))
                {
                    if (next == doNotContact || path.Contains(next) || Hostile(path[^1], next)) continue;
                    Walk([.. path, next], [.. pathTrusts, trust], theirSteps + 1);
                }
            }

            Walk([.. people, knows.To], [.. trusts, crossTrust], 0);
        }
        // Each chain of people counts once, by its best lines.
        return found.GroupBy(c => string.Concat(c.People.Select(p => p + ">")))
            .Select(chain => chain.MaxBy(c => c.Score)!)
            .OrderByDescending(c => c.Score).ThenBy(c => string.Concat(c.People.Select(p => p + ">")), StringComparer.Ordinal).ToList();
    }

    /// <summary>Same scores in the same order; paths of equal score may come in any order, and the last group may be cut.</summary>
    private static void AssertSameBest(List<Candidate> actual, List<Candidate> expected, int k, string context)
    {
        static string Key(double score) => Math.Round(score, 6).ToString("0.000000", CultureInfo.InvariantCulture);

        var best = expected.Take(k).ToList();
        Assert.That(actual.Select(c => Key(c.Score)), Is.EqualTo(best.Select(c => Key(c.Score))), context);
        foreach (var group in actual.GroupBy(c => Key(c.Score)))
        {
            var allowed = expected.Where(c => Key(c.Score) == group.Key).Select(c => string.Join(" > ", c.People)).ToList();
            Assert.That(group.Select(c => string.Join(" > ", c.People)), Is.SubsetOf(allowed), $"{context}, score {group.Key}");
        }
    }
}
