namespace RelIntel.Neo4j;

/// <summary>
/// Optional: puts a handler in front of the graph client's connection to Neo4j. Tests register one to lose Neo4j's answers
/// on the wire, as a flaky network would, while Neo4j itself runs every statement for real.
/// </summary>
public sealed record Neo4jConnectionWrapper(Func<HttpMessageHandler, HttpMessageHandler> Wrap);
