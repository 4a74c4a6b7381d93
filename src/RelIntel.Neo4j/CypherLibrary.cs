using System.Collections.Concurrent;
using System.Reflection;

namespace RelIntel.Neo4j;

/// <summary>
/// The <c>.cypher</c> files embedded in an assembly as resources named <c>cypher/{folder}/{name}.cypher</c>.
/// A query is addressed by its path without the extension, e.g. <c>organizations/upsert</c>.
/// </summary>
public sealed class CypherLibrary(Assembly assembly)
{
    private const string Prefix = "cypher/";
    private const string Extension = ".cypher";
    private readonly ConcurrentDictionary<string, CypherQuery> cache = new();

    public IEnumerable<string> Names => assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^Extension.Length])
        .Order(StringComparer.Ordinal);

    public CypherQuery Load(string name) => cache.GetOrAdd(name, Read);

    private CypherQuery Read(string name)
    {
        using var stream = assembly.GetManifestResourceStream(Prefix + name + Extension)
            ?? throw new InvalidOperationException(
                $"The query file cypher/{name}{Extension} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return new CypherQuery(name, reader.ReadToEnd());
    }
}
