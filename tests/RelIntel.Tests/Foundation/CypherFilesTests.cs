using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Foundation;

/// <summary>Queries live in cypher/*.cypher; code refers to them by name through static fields; rules are shared, not copied.</summary>
public sealed partial class CypherFilesTests
{
    private static IEnumerable<FieldInfo> QueryFields() =>
        typeof(Cypher).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(CypherQuery));

    [Test]
    public void Every_query_the_code_refers_to_exists_as_a_file()
    {
        var fields = QueryFields().ToList();
        Assert.That(fields, Is.Not.Empty);
        foreach (var field in fields)
        {
            // Reading the field runs the type's initializer, which loads the file or throws naming it.
            Assert.DoesNotThrow(() => field.GetValue(null), $"{field.DeclaringType!.Name}.{field.Name}");
        }
    }

    [Test]
    public void Every_query_file_is_used_by_the_code()
    {
        var used = QueryFields().Select(f => ((CypherQuery)f.GetValue(null)!).Name).ToHashSet();
        var unused = Cypher.Library.Names.Where(n => !n.StartsWith(SchemaMigrator.Folder, StringComparison.Ordinal) && !used.Contains(n));
        Assert.That(unused, Is.Empty, "query files no code loads");
    }

    [Test]
    public void Every_rule_is_called_by_a_statement_or_another_rule()
    {
        var texts = Cypher.Library.Names.Select(Cypher.Library.Source).Concat(Cypher.Library.Rules.Values.Select(r => r.Body)).ToList();
        var uncalled = Cypher.Library.Rules.Keys.Where(call => !texts.Any(t => t.Contains(call + "(", StringComparison.Ordinal)));
        Assert.That(uncalled, Is.Empty, "rules no statement uses");
    }

    [Test]
    public async Task Every_statement_is_valid_cypher_once_its_rules_are_expanded()
    {
        // EXPLAIN plans without running; the plan itself is not read (it is deeper than the client's JSON reads).
        using var http = new HttpClient { BaseAddress = TestNeo4j.Uri };
        var failures = new List<string>();
        foreach (var name in Cypher.Library.Names.Where(n => !n.StartsWith(SchemaMigrator.Folder, StringComparison.Ordinal)))
        {
            var query = Cypher.Library.Load(name);
            using var response = await http.PostAsJsonAsync("db/neo4j/query/v2", new { statement = "EXPLAIN " + query.Text });
            var answer = await response.Content.ReadAsStringAsync();
            if (answer.Contains("\"errors\"", StringComparison.Ordinal)) failures.Add($"{name}: {answer}\n{query.Text}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void A_missing_query_file_is_reported_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Cypher.Load("nowhere/nothing"));
        Assert.That(error!.Message, Does.Contain("cypher/nowhere/nothing.cypher"));
    }

    [Test]
    public void Schema_statements_are_split_on_semicolons_and_comments_dropped()
    {
        var statements = SchemaMigrator.Statements("// why\nCREATE A;\nCREATE B\n  MORE;\n").ToList();
        Assert.That(statements, Is.EqualTo(new[] { "CREATE A", "CREATE B\n  MORE" }));
    }
}
