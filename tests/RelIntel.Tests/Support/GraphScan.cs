using RelIntel.Neo4j;

namespace RelIntel.Tests;

/// <summary>Looks behind the API: every string property of every node and relationship in the test database.</summary>
public static class GraphScan
{
    private static readonly CypherQuery Occurrences = new("test/occurrences", """
        CALL () {
          MATCH (n)
          UNWIND keys(n) AS key
          WITH n[key] AS value
          WHERE any(x IN (CASE WHEN value IS :: LIST<ANY> THEN value ELSE [value] END) WHERE x IS :: STRING AND x CONTAINS $text)
          RETURN count(*) AS onNodes
        }
        CALL () {
          MATCH ()-[r]->()
          UNWIND keys(r) AS key
          WITH r[key] AS value
          WHERE any(x IN (CASE WHEN value IS :: LIST<ANY> THEN value ELSE [value] END) WHERE x IS :: STRING AND x CONTAINS $text)
          RETURN count(*) AS onRelationships
        }
        RETURN onNodes + onRelationships AS count
        """);

    private static readonly CypherQuery Nodes = new("test/nodes", """
        MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels)
        RETURN elementId(n) AS id,
               [key IN keys(n) | key + '=' + CASE WHEN n[key] IS :: LIST<ANY> THEN reduce(s = '', x IN n[key] | s + toString(x) + ';')
                                                  ELSE toString(n[key]) END] AS properties
        """);

    private sealed record NodeRow(string Id, List<string> Properties);

    /// <summary>How many string properties (or list elements) contain <paramref name="text"/>.</summary>
    public static async Task<long> OccurrencesOf(string text) =>
        (await TestNeo4j.Graph().ReadAsync(Occurrences, new { text })).Scalar<long>("count");

    /// <summary>Each node of the labels and its properties, as text, to compare before and after.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(params string[] labels) =>
        (await TestNeo4j.Graph().ReadAsync(Nodes, new { labels })).As<NodeRow>()
            .ToDictionary(n => n.Id, n => string.Join("\n", n.Properties.Order(StringComparer.Ordinal)));
}
