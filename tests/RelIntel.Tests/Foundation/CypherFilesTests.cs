using System.Reflection;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Tests.Foundation;

/// <summary>Queries live in cypher/*.cypher; code refers to them by name through static fields.</summary>
public sealed class CypherFilesTests
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
