using System.Text.RegularExpressions;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Charter;

/// <summary>
/// The charter's rules are written once, in <c>cypher/charter/rules/</c>, and every statement that reads relationships or
/// answers with people uses them; the Cypher library expands a rule call in place when a statement loads.
/// </summary>
public sealed partial class CharterRulesTests
{
    /// <summary>
    /// Statements that match people or relationships yet answer nothing the charter guards, each with the reason. A new
    /// statement touching people or KNOWS either uses the charter's rules or is added here, with its reason, for review.
    /// </summary>
    private static readonly Dictionary<string, string> AnswerNoPeople = new()
    {
        ["api-keys/create"] = "admins only; answers the key it made, with the person id the admin sent",
        ["charter/viewer"] = "works out the viewer's circle (ids) for the charter module itself",
        ["charter/erasure/find"] = "the erasure: reads the people it erases",
        ["charter/erasure/remove"] = "the erasure: removes people and hands their relationships over",
        ["audit/record"] = "writes audit entries; looks people up only to tell who is erased",
        ["influences/upsert"] = "answers an outcome only",
        ["influences/delete"] = "answers an outcome only",
        ["rapport/upsert"] = "answers an outcome only",
        ["rapport/delete"] = "answers an outcome only",
        ["reporting-lines/upsert"] = "answers an outcome only",
        ["reporting-lines/delete"] = "answers an outcome only",
        ["org-chart/context"] = "the import's plan needs every member; its answer holds only the ids the chart sent",
        ["org-chart/upsert-people"] = "answers nothing",
        ["org-chart/set-lines"] = "answers nothing",
        ["org-chart/record-manager-changes"] = "records changes; answers a count",
        ["people/record-title-changes"] = "records changes; answers a count",
        ["people/employ"] = "places people at an organization; answers a count",
        ["people/leave"] = "makes people leave; answers a count",
        ["org-chart/rekey-people"] = "gives people who left the new ids the chart sent; answers nothing",
        ["people/rekey"] = "gives a person who left the new id the caller sent; answers that id",
        ["people/upsert-check"] = "answers an outcome only",
        ["organizations/delete"] = "answers whether it deleted, no counts of people",
        ["sign-on/person"] = "answers whether a token's person is one of ours, for the sign-on of that caller",
        ["introductions/expire"] = "answers the ids of the requests it expired and of their two people, for their events and the audit",
        ["introductions/told-met"] = "answers the ids of the met requests it tells of and of their two people, for their events",
        ["insights/answer-neighbourhood"] = "answers whether a deal's answers reach beyond its account, for the answer cache's key",
        ["accounts/save-division-heads"] = "stores coverage's derived division heads on people; answers a count",
    };

    [GeneratedRegex(@":\s*(Person|KNOWS)\b")]
    private static partial Regex TouchesPeople();

    private static bool UsesCharter(string text, CypherLibrary library) =>
        text.Contains("charter.", StringComparison.Ordinal) ||
        library.Rules.Values.Any(rule => text.Contains(rule.Call + "(", StringComparison.Ordinal) && UsesCharter(rule.Body, library));

    private static bool Touches(string text, CypherLibrary library) =>
        TouchesPeople().IsMatch(text) ||
        library.Rules.Values.Any(rule => text.Contains(rule.Call + "(", StringComparison.Ordinal) && Touches(rule.Body, library));

    private static IEnumerable<string> Statements() =>
        Cypher.Library.Names.Where(n => !n.StartsWith(SchemaMigrator.Folder, StringComparison.Ordinal));

    [Test]
    public void Every_statement_that_reads_relationships_or_answers_people_uses_the_charters_rules()
    {
        var library = Cypher.Library;
        var missing = Statements()
            .Where(name => !AnswerNoPeople.ContainsKey(name))
            .Where(name => Touches(library.Source(name), library) && !UsesCharter(library.Source(name), library))
            .ToList();
        Assert.That(missing, Is.Empty, "these statements touch people or relationships without the charter's rules");
    }

    [Test]
    public void Every_exception_is_a_statement_that_touches_people_and_does_not_already_use_the_rules()
    {
        var library = Cypher.Library;
        foreach (var (name, reason) in AnswerNoPeople)
        {
            Assert.That(Statements(), Does.Contain(name), $"{name} ({reason}) is no statement");
            Assert.That(Touches(library.Source(name), library), Is.True, $"{name} touches no people: it needs no exception");
            Assert.That(UsesCharter(library.Source(name), library), Is.False, $"{name} uses the rules: it needs no exception");
        }
    }

    [Test]
    public void The_visibility_and_do_not_contact_predicates_are_written_nowhere_but_in_the_rules()
    {
        // The words of each rule, as a statement that restated it would write them.
        var restated = new Dictionary<string, Regex>
        {
            ["visibility"] = new(@"\.visibility\s*=\s*'(company|team)'"),
            ["do-not-contact"] = new(@"NOT\s+coalesce\(\s*\w+\.doNotContact"),
            ["staleness"] = new(@"coalesce\([^)]*lastInteractionAt"),
            ["learned strength"] = new(@"exp\(\s*-"),
        };
        foreach (var name in Statements())
        {
            var text = Cypher.Library.Source(name);
            foreach (var (rule, pattern) in restated)
                Assert.That(pattern.IsMatch(text), Is.False, $"{name} restates the {rule} rule instead of calling the charter's");
        }
    }

    private static CypherLibrary Library(params (string Name, string Text)[] files) => new(files.ToDictionary(f => f.Name, f => f.Text));

    [Test]
    public void A_rule_call_is_replaced_by_its_fragment_with_the_arguments_in_place()
    {
        var library = Library(
            ("x/rules/near", "// x.near(a, b): whether a is near b.\nabs(a.position - b.position) < $distance"),
            ("x/rules/nearAll", "// x.nearAll(a, list): whether a is near each.\nall(n IN list WHERE x.near(a, n))"),
            ("q/statement", "MATCH (p), (q) WHERE x.near(p, q) AND x.nearAll(p, [q]) RETURN 'x.near(p, q)' AS text // x.near(p, q)"));
        var text = library.Load("q/statement").Text;
        Assert.That(text, Is.EqualTo(
            "MATCH (p), (q) WHERE (abs(p.position - q.position) < $distance) AND (all(n IN ([q]) WHERE (abs(p.position - n.position) < $distance)))" +
            " RETURN 'x.near(p, q)' AS text // x.near(p, q)"));
    }

    [Test]
    public void A_parameter_is_replaced_only_where_it_stands_as_a_variable()
    {
        var library = Library(
            ("x/rules/pick", "// x.pick(k): k's name.\n{k: k.k, name: 'k', other: $k, also: k}"),
            ("q/statement", "RETURN x.pick(node)"));
        Assert.That(library.Load("q/statement").Text, Is.EqualTo("RETURN ({k: node.k, name: 'k', other: $k, also: node})"));
    }

    [Test]
    public void Unknown_rules_wrong_arguments_and_rules_calling_themselves_are_refused_when_loading()
    {
        var library = Library(
            ("x/rules/one", "// x.one(a): one.\na = 1"),
            ("x/rules/loop", "// x.loop(a): never ends.\nx.loop(a)"),
            ("q/unknown", "RETURN x.two(1)"),
            ("q/arity", "RETURN x.one(1, 2)"),
            ("q/loop", "RETURN x.loop(1)"),
            ("q/open", "RETURN x.one(1"));
        Assert.That(() => library.Load("q/unknown"), Throws.InvalidOperationException.With.Message.Contains("cypher/x/rules/two.cypher"));
        Assert.That(() => library.Load("q/arity"), Throws.InvalidOperationException.With.Message.Contains("takes 1 argument"));
        Assert.That(() => library.Load("q/loop"), Throws.InvalidOperationException.With.Message.Contains("calls itself"));
        Assert.That(() => library.Load("q/open"), Throws.InvalidOperationException.With.Message.Contains("not closed"));
    }

    [Test]
    public void A_rule_file_must_start_with_its_signature()
    {
        var library = Library(("x/rules/bad", "a = 1"), ("q/statement", "RETURN 1"));
        Assert.That(() => library.Rules, Throws.InvalidOperationException.With.Message.Contains("must start with its signature"));
    }

    [Test]
    public void The_charter_rules_are_the_statements_only_source_of_visibility()
    {
        var sees = Cypher.Library.Rules["charter.seesRelationship"];
        Assert.That(sees.File, Is.EqualTo("cypher/charter/rules/seesRelationship.cypher"));
        Assert.That(sees.Parameters, Is.EqualTo(new[] { "k" }));
        // A loaded statement carries the rule's text, not the call.
        var list = Cypher.Load("relationships/list-by-person").Text;
        Assert.That(list, Does.Not.Match(@"charter\.\w+\("), "no rule call is left");
        Assert.That(list, Does.Contain("k.visibility = 'company'"));
    }
}
