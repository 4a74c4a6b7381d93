using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace RelIntel.Neo4j;

/// <summary>What one start-up did to the schema.</summary>
public sealed record SchemaMigrationReport(IReadOnlyList<string> Applied, IReadOnlyList<string> AlreadyApplied);

/// <summary>One schema file as recorded in the graph.</summary>
public sealed record AppliedMigration(string Name, string Checksum, DateTimeOffset AppliedAt);

/// <summary>
/// Applies the files under <c>cypher/schema/</c> in name order. Each file runs once: it is recorded as a
/// <c>(:SchemaMigration {name, checksum, appliedAt})</c> node, and its statements use <c>IF NOT EXISTS</c>
/// so a start interrupted half-way can simply run again.
/// </summary>
public sealed class SchemaMigrator(IGraph graph, CypherLibrary library, TimeProvider clock, ILogger<SchemaMigrator> logger)
{
    public const string Folder = "schema/";

    private static readonly CypherQuery MigrationConstraint = new("schema-migrator/constraint",
        "CREATE CONSTRAINT schema_migration_name IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.name IS UNIQUE") { Bookkeeping = true };

    private static readonly CypherQuery ListApplied = new("schema-migrator/list",
        "MATCH (m:SchemaMigration) RETURN m.name AS name, m.checksum AS checksum, m.appliedAt AS appliedAt ORDER BY name");

    private static readonly CypherQuery Record = new("schema-migrator/record",
        "MERGE (m:SchemaMigration {name: $name}) ON CREATE SET m.checksum = $checksum, m.appliedAt = datetime($appliedAt)")
    {
        Bookkeeping = true,
    };

    private static readonly CypherQuery AwaitIndexes = new("schema-migrator/await-indexes", "CALL db.awaitIndexes(300)") { Bookkeeping = true };

    public async Task<SchemaMigrationReport> MigrateAsync(CancellationToken cancellationToken)
    {
        await graph.WriteAsync(MigrationConstraint, null, cancellationToken);
        var applied = (await AppliedAsync(cancellationToken)).ToDictionary(m => m.Name);
        var ran = new List<string>();
        var skipped = new List<string>();
        foreach (var name in library.Names.Where(n => n.StartsWith(Folder, StringComparison.Ordinal)))
        {
            var file = library.Load(name);
            var checksum = Checksum(file.Text);
            if (applied.TryGetValue(name, out var previous))
            {
                if (previous.Checksum != checksum)
                    logger.LogWarning("Schema file {Name} changed after it was applied; add a new file instead of editing it", name);
                skipped.Add(name);
                continue;
            }

            // Schema statements cannot share a transaction with each other or with writes: one request each, without the
            // graph version's bump (the schema changes no answer).
            foreach (var (statement, index) in Statements(file.Text).Select((s, i) => (s, i)))
                await graph.WriteAsync(new CypherQuery($"{name}#{index + 1}", statement) { Bookkeeping = true }, null, cancellationToken);
            await graph.WriteAsync(Record, new { name, checksum, appliedAt = clock.GetUtcNow() }, cancellationToken);
            logger.LogInformation("Applied schema file {Name}", name);
            ran.Add(name);
        }
        // New indexes populate in the background; queries that need them must not run before they are online.
        await graph.WriteAsync(AwaitIndexes, null, cancellationToken);
        return new SchemaMigrationReport(ran, skipped);
    }

    public async Task<IReadOnlyList<AppliedMigration>> AppliedAsync(CancellationToken cancellationToken) =>
        (await graph.ReadAsync(ListApplied, null, cancellationToken)).As<AppliedMigration>();

    /// <summary>Statements separated by semicolons at the end of a line; <c>//</c> comment lines are dropped.</summary>
    public static IEnumerable<string> Statements(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal)) continue;
            current.AppendLine(line);
            if (!line.EndsWith(';')) continue;
            var statement = current.ToString().Trim().TrimEnd(';').Trim();
            if (statement.Length > 0) yield return statement;
            current.Clear();
        }
        var rest = current.ToString().Trim();
        if (rest.Length > 0) yield return rest;
    }

    private static string Checksum(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n"))));
}
