using System.Text.Json;

namespace RelIntel.Neo4j;

/// <summary>A Query API answer as Neo4j writes it.</summary>
internal sealed record QueryResponse(
    ResponseData? Data,
    List<ResponseError>? Errors,
    QueryCounters? Counters,
    ResponseTransaction? Transaction,
    List<string>? Bookmarks);

internal sealed record ResponseData(List<string> Fields, List<JsonElement[]> Values);

internal sealed record ResponseError(string Code, string Message);

internal sealed record ResponseTransaction(string Id);
