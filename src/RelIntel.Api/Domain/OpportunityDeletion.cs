using RelIntel.Neo4j;

namespace RelIntel.Api.Domain;

/// <summary>
/// Work that must happen in the same transaction as an opportunity's deletion, registered by the capability that
/// keeps data about opportunities (reports forget theirs), so that the opportunities feature need not know who that is.
/// </summary>
public sealed record OpportunityDeletionStep(Func<IGraphTransaction, string, CancellationToken, Task> RunAsync);
