using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace RelIntel.Neo4j;

/// <summary>
/// A statement's parameters as names and values: an anonymous object's properties (named as they are sent, camelCase) or a
/// dictionary's keys. Lets a graph refuse a statement that lacks a parameter it uses before Neo4j is asked, and lets a graph
/// bound to a caller add the caller's parameters to those a call site gave.
/// </summary>
public static class GraphParameters
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    /// <summary>The parameters given, by name (as sent to Neo4j).</summary>
    public static IReadOnlyDictionary<string, object?> Of(object? parameters) => parameters switch
    {
        null => new Dictionary<string, object?>(StringComparer.Ordinal),
        IReadOnlyDictionary<string, object?> named => named,
        IDictionary<string, object?> named => named.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        _ => PropertiesOf(parameters.GetType()).ToDictionary(p => p.Name, p => p.Property.GetValue(parameters), StringComparer.Ordinal),
    };

    /// <summary>The parameters given with <paramref name="added"/>; a name given twice is a mistake, refused.</summary>
    public static IReadOnlyDictionary<string, object?> With(CypherQuery query, object? parameters, IReadOnlyDictionary<string, object?> added)
    {
        var all = new Dictionary<string, object?>(Of(parameters), StringComparer.Ordinal);
        foreach (var (name, value) in added)
        {
            if (!all.TryAdd(name, value))
                throw new InvalidOperationException(
                    $"The statement {query.Name} was given ${name} by its call site as well as by the graph it runs on: the graph's is the one to use.");
        }
        return all;
    }

    /// <summary>Throws when <paramref name="query"/> uses a parameter <paramref name="parameters"/> does not give.</summary>
    public static void EnsureGiven(CypherQuery query, object? parameters)
    {
        if (query.Parameters.Count == 0) return;
        var given = parameters switch
        {
            null => [],
            IReadOnlyDictionary<string, object?> named => named.Keys,
            IDictionary<string, object?> named => named.Keys,
            _ => PropertiesOf(parameters.GetType()).Select(p => p.Name),
        };
        var missing = query.Parameters.Except(given, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new MissingGraphParameterException(query, missing);
    }

    private static (string Name, PropertyInfo Property)[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0)
        .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))
        .ToArray());
}

/// <summary>
/// A statement was run without a parameter it uses: a mistake in the code that runs it, found before Neo4j is asked. A
/// statement that uses <c>$viewer</c> or <c>$charter</c> runs on the graph bound to the caller, which gives them.
/// </summary>
public sealed class MissingGraphParameterException(CypherQuery query, IReadOnlyList<string> missing)
    : InvalidOperationException($"The statement {query.Name} uses {string.Join(", ", missing.Select(m => "$" + m))}, which it was run without" +
                                (missing.Any(m => m is "viewer" or "charter")
                                    ? ": run it on the graph bound to the caller (ViewerGraph), which gives $viewer and $charter."
                                    : "."))
{
    public CypherQuery Query { get; } = query;

    public IReadOnlyList<string> Missing { get; } = missing;
}
