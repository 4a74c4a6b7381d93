using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>The queries under <c>cypher/</c>, embedded in this assembly. Features keep theirs in static fields.</summary>
public static class Cypher
{
    public static readonly CypherLibrary Library = new(typeof(Cypher).Assembly);

    public static CypherQuery Load(string name) => Library.Load(name);
}
