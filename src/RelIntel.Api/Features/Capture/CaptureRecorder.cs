using RelIntel.Api.Charter;
using RelIntel.Api.Domain.Interactions;
using RelIntel.Api.Infrastructure;
using RelIntel.Neo4j;

namespace RelIntel.Api.Features.Capture;

/// <summary>What an import did, counting everything and naming no one.</summary>
/// <param name="Read">Events (occurrences of recurring ones) or messages read.</param>
/// <param name="Recorded">Interactions recorded for the first time.</param>
/// <param name="Duplicates">Interactions recorded before (by this or another mailbox's import, or by <c>POST /api/interactions</c>).</param>
/// <param name="Skipped">Why the others were not recorded: reason → count.</param>
/// <param name="UnmatchedAddresses">Distinct addresses that match none of our people or theirs: counted, never stored.</param>
public sealed record CaptureResponse(int Read, int Recorded, int Duplicates, IReadOnlyDictionary<string, int> Skipped, int UnmatchedAddresses);

/// <summary>
/// Capture's rules, the same for every format: addresses matched to people case-insensitively (no one is created from an
/// address), the charter's capture block applied (opted-out people and blocked domains left out), do-not-contact people
/// never recorded, and an interaction recorded only when one of ours and one of theirs remain. Recording itself follows
/// <see cref="InteractionRecording"/>, as <c>POST /api/interactions</c> does.
/// </summary>
public static class CaptureRecorder
{
    /// <summary>Interactions recorded per statement (one write transaction each): small enough to stay well inside the
    /// query timeout on a busy server, large enough that the round trip is a small part of it.</summary>
    private const int Batch = 250;

    /// <summary>Addresses looked up per statement.</summary>
    private const int LookupBatch = 5_000;

    private static readonly CypherQuery MatchAddresses = Cypher.Load("interactions/match-addresses");

    private sealed record PersonRow(string Address, string Id, bool Ours, bool Reachable);

    private sealed record Participant(string Id, bool Ours, string? LeftOutBecause);

    /// <summary>
    /// Reads the export twice (<paramref name="read"/> starts it over): first to check all of it and gather the addresses
    /// taking part (a malformed record throws <see cref="CaptureFormatException"/> before anything is recorded), then to
    /// record it batch by batch. Memory holds the distinct addresses and ids, never the export.
    /// </summary>
    public static async Task<CaptureResponse> RecordAsync(IGraph graph, Func<IAsyncEnumerable<Captured>> read, Viewer viewer, string? writer,
        CancellationToken cancellationToken)
    {
        var capture = viewer.Charter.Capture;
        var blocked = capture.BlockedDomains.Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var item in read().WithCancellation(cancellationToken))
        {
            count++;
            if (item.SkipReason is not null) continue;
            foreach (var address in item.Addresses)
                if (!blocked.Contains(Domain(address))) addresses.Add(address);
        }
        var people = await PeopleAsync(graph, addresses, capture, viewer, cancellationToken);
        var unmatched = addresses.Count(a => !people.ContainsKey(a));

        var tally = new Tally();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<InteractionToRecord>(Batch);
        await foreach (var item in read().WithCancellation(cancellationToken))
        {
            if (item.SkipReason is { } reason)
            {
                tally.Skip(reason);
                continue;
            }
            var participants = item.Addresses
                .Select(a => blocked.Contains(Domain(a)) ? new Participant("", false, SkipReasons.Blocked) : people.GetValueOrDefault(a))
                .OfType<Participant>().ToList();
            var taking = participants.Where(p => p.LeftOutBecause is null).DistinctBy(p => p.Id).ToList();
            if (!(taking.Any(p => p.Ours) && taking.Any(p => !p.Ours))) tally.Skip(WhyNot(participants, taking, item.Addresses.Count));
            // The same meeting twice in one file (an export listing it twice) is a duplicate too.
            else if (!seen.Add(item.Id)) tally.Duplicates++;
            else
            {
                batch.Add(new InteractionToRecord(item.Id, item.At, item.Kind, taking.Select(p => p.Id).ToList()));
                if (batch.Count == Batch) await WriteAsync(graph, batch, viewer, writer, capture.Visibility, tally, cancellationToken);
            }
        }
        await WriteAsync(graph, batch, viewer, writer, capture.Visibility, tally, cancellationToken);
        return new CaptureResponse(count, tally.Recorded, tally.Duplicates, tally.Skipped, unmatched);
    }

    /// <summary>The counts of the answer as they grow.</summary>
    private sealed class Tally
    {
        public int Recorded;
        public int Duplicates;
        public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

        public void Skip(string reason) => Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;
    }

    /// <summary>The rule that took away the one of ours or theirs the interaction needed, else what it lacks.</summary>
    private static string WhyNot(List<Participant> participants, List<Participant> taking, int addresses)
    {
        var leftOut = participants.Select(p => p.LeftOutBecause).OfType<string>().ToList();
        foreach (var rule in new[] { SkipReasons.OptedOut, SkipReasons.DoNotContact, SkipReasons.Blocked })
            if (leftOut.Contains(rule)) return rule;
        return taking.Count == addresses && taking.All(p => p.Ours) ? SkipReasons.InternalOnly : SkipReasons.NoCustomer;
    }

    private static async Task<Dictionary<string, Participant>> PeopleAsync(IGraph graph, IReadOnlyCollection<string> addresses, CaptureOptions capture,
        Viewer viewer, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Participant>(StringComparer.Ordinal);
        var optedOut = capture.OptedOutPersonIds.ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in addresses.Order(StringComparer.Ordinal).Chunk(LookupBatch))
        {
            var rows = (await graph.For(viewer).ReadAsync(MatchAddresses, new { addresses = chunk }, cancellationToken)).As<PersonRow>();
            // An address shared by two people counts as the first by id (the statement orders them).
            foreach (var r in rows)
                people.TryAdd(r.Address, new Participant(r.Id, r.Ours,
                    !r.Reachable ? SkipReasons.DoNotContact
                    : r.Ours && optedOut.Contains(r.Id) ? SkipReasons.OptedOut
                    : null));
        }
        return people;
    }

    /// <summary>Records <paramref name="batch"/> in one statement and empties it.</summary>
    private static async Task WriteAsync(IGraph graph, List<InteractionToRecord> batch, Viewer viewer, string? writer, Visibility visibility,
        Tally tally, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var outcomes = await graph.For(viewer).ExecuteWriteAsync(
            tx => InteractionRecording.RecordManyAsync(tx, batch, viewer, writer, visibility, cancellationToken), cancellationToken);
        foreach (var (created, same) in outcomes.Values)
        {
            if (!same) tally.Skip(SkipReasons.Changed);
            else if (created) tally.Recorded++;
            else tally.Duplicates++;
        }
        batch.Clear();
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
