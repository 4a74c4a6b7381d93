namespace RelIntel.Api.Charter;

/// <summary>An answer and the relationships it shows (in detail or as introductions), for the audit.</summary>
public sealed record Audited<T>(T Answer, IReadOnlyCollection<RelationshipKey> Shown);
