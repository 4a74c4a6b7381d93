using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Tests.Insights;

/// <summary>
/// On random small graphs (fixed seeds), the k best paths the service finds equal an independent enumeration of every
/// allowed path, written here from the rules in the product brief rather than from the query.
/// </summary>
public sealed class PathsAgainstBruteForceTests : ApiTest
{
    private const double OwnSolid = 0.9, OwnDotted = 0.7, Solid = 0.8, Dotted = 0.6, Sympathy = 0.6, HopPenalty = 0.9;

    private sealed record Line(string From, string To, string Type, string? Kind, double Strength);

    private sealed record Candidate(IReadOnlyList<string> People, double Score);

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(42)]
    public async Task The_k_best_paths_equal_a_brute_force_enumeration(int seed)
    {
        var random = new Random(seed);
        var pursuit = await Pursuit.StartAsync(Client);
        var ours = Enumerable.Range(1, 4).Select(i => $"Our{i}").ToList();
        var theirs = Enumerable.Range(1, 8).Select(i => $"Their{i}").ToList();
        foreach (var name in ours) await pursuit.OursAsync(name);
        var doNotContact = theirs[random.Next(theirs.Count)];
        foreach (var name in theirs) await pursuit.TheirsAsync(name, doNotContact: name == doNotContact);

        var lines = new List<Line>();
        // Our side: a small tree, with a dotted line.
        await AddAsync(lines, pursuit, new Line("Our2", "Our1", "REPORTS_TO", "solid", 0));
        await AddAsync(lines, pursuit, new Line("Our3", "Our1", "REPORTS_TO", "solid", 0));
        await AddAsync(lines, pursuit, new Line("Our4", "Our2", "REPORTS_TO", "solid", 0));
        await AddAsync(lines, pursuit, new Line("Our4", "Our3", "REPORTS_TO", "dotted", 0));
        // Their side: a random tree of solid lines, some dotted lines, influences and rapport.
        for (var i = 1; i < theirs.Count; i++)
            await AddAsync(lines, pursuit, new Line(theirs[i], theirs[random.Next(i)], "REPORTS_TO", "solid", 0));
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
                await AddAsync(lines, pursuit, line);
        }
        // Relationships: each of ours knows two or three of theirs.
        foreach (var our in ours)
        foreach (var their in theirs.OrderBy(_ => random.Next()).Take(2 + random.Next(2)))
            await AddAsync(lines, pursuit, new Line(our, their, "KNOWS", null, Math.Round(0.05 + random.Next(90) / 100.0, 2)));

        var compared = new List<Candidate>();
        foreach (var from in ours)
        foreach (var to in theirs.Where(t => t != doNotContact))
        foreach (var maxHops in new[] { 4, 2 })
        {
            var expected = Enumerate(lines, ours, doNotContact, from, to, maxHops);
            var answer = await Client.GetAsync($"/api/paths?from={pursuit.Id(from)}&to={pursuit.Id(to)}&k=3&maxHops={maxHops}").Result
                .ShouldBe(HttpStatusCode.OK);
            var actual = answer["paths"]!.AsArray()
                .Select(p => new Candidate(pursuit.Route(p!).Split(" > "), p!["score"]!.GetValue<double>())).ToList();
            AssertSameBest(actual, expected, k: 3, $"seed {seed}, {from} to {to}, maxHops {maxHops}");
            compared.AddRange(actual);
        }
        // The recommendations find the same k best paths to each buying-center member, from any of ours.
        foreach (var member in theirs) await pursuit.MemberAsync(member, ["influencer"]);
        var recommendations = await pursuit.RecommendationsAsync(pathsPerTarget: 3);
        foreach (var target in recommendations["targets"]!.AsArray())
        {
            var to = pursuit.Name(target!["person"]!["id"]!.GetValue<string>());
            var expected = ours.SelectMany(from => Enumerate(lines, ours, doNotContact, from, to, 4))
                .OrderByDescending(c => c.Score).ThenBy(c => string.Concat(c.People.Select(p => p + ">")), StringComparer.Ordinal).ToList();
            var actual = target["paths"]!.AsArray()
                .Select(p => new Candidate(pursuit.Route(p!).Split(" > "), p!["score"]!.GetValue<double>())).ToList();
            AssertSameBest(actual, expected, k: 3, $"seed {seed}, recommendations for {to}");
        }
        Assert.That(recommendations["targets"]!.AsArray().Select(t => pursuit.Name(t!["person"]!["id"]!.GetValue<string>())),
            Does.Not.Contain(doNotContact));

        // The comparison must have covered real work: many paths, some using our own line and two steps on their side.
        Assert.That(compared, Has.Count.GreaterThan(30));
        Assert.That(compared.Max(c => c.People.Count), Is.EqualTo(5), "some path has four hops");
    }

    private static async Task AddAsync(List<Line> lines, Pursuit pursuit, Line line)
    {
        lines.Add(line);
        await (line.Type switch
        {
            "REPORTS_TO" => pursuit.ReportsToAsync(line.From, line.To, line.Kind!),
            "INFLUENCES" => pursuit.InfluencesAsync(line.From, line.To, line.Strength),
            "RAPPORT" => pursuit.RapportAsync(line.From, line.To, line.Kind!),
            _ => pursuit.KnowsAsync(line.From, line.To, line.Strength),
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

            Walk([.. people, knows.To], [.. trusts, knows.Strength], 0);
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
