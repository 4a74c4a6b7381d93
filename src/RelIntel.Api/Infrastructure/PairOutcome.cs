namespace RelIntel.Api.Infrastructure;

/// <summary>What a write between two people did: <c>ok</c> or why not (e.g. <c>person-not-found</c>), and whether it was new.</summary>
public sealed record PairOutcome(string Outcome, bool Created);
