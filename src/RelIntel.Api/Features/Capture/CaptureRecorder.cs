using System.Runtime.ExceptionServices;
using System.Threading.Channels;
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
    /// <summary>Interactions recorded per statement (one write transaction each). A mailbox is the same few pairs again and
    /// again, and the statement writes each pair's relationship once per batch, so larger batches write less; this size
    /// stays well inside the query timeout on a busy server.</summary>
    private const int Batch = 1_000;

    /// <summary>Addresses looked up per statement.</summary>
    private const int LookupBatch = 5_000;

    private static readonly CypherQuery MatchAddresses = Cypher.Load("interactions/match-addresses");

    private sealed record PersonRow(string Address, string Id, bool Ours, bool Reachable);

    private sealed record Participant(string Id, bool Ours, string? LeftOutBecause);

    /// <summary>
    /// Reads the export twice (<paramref name="read"/> starts it over): first to check all of it and gather the addresses
    /// taking part (a malformed record throws <see cref="CaptureFormatException"/> before anything is recorded), then to
    /// record it batch by batch, the next batch read while the one before is written. Memory holds the distinct addresses
    /// and ids and two batches, never the export.
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
        var written = new Tally();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Reading and writing overlap: the next batch is parsed while Neo4j writes the one before (at most two wait).
        var batches = Channel.CreateBounded<List<InteractionToRecord>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = WriteAllAsync(graph, batches.Reader, viewer, writer, capture.Visibility, written, stop);
        Exception? readingFailed = null;
        try
        {
            var batch = new List<InteractionToRecord>(Batch);
            await foreach (var item in read().WithCancellation(stop.Token))
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
                    if (batch.Count < Batch) continue;
                    await batches.Writer.WriteAsync(batch, stop.Token);
                    batch = new List<InteractionToRecord>(Batch);
                }
            }
            if (batch.Count > 0) await batches.Writer.WriteAsync(batch, stop.Token);
            batches.Writer.Complete();
        }
        catch (Exception e)
        {
            readingFailed = e;
            batches.Writer.TryComplete();
            await stop.CancelAsync();
        }
        try
        {
            // A failed write surfaces here (reading then stopped, cancelled).
            await writing;
        }
        catch (OperationCanceledException) when (readingFailed is not null)
        {
            // The writes stopped because reading failed: that failure is the one to tell.
        }
        if (readingFailed is not null) ExceptionDispatchInfo.Throw(readingFailed);
        foreach (var (reason, n) in written.Skipped) tally.Skipped[reason] = tally.Skipped.GetValueOrDefault(reason) + n;
        return new CaptureResponse(count, written.Recorded, tally.Duplicates + written.Duplicates, tally.Skipped, unmatched);
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

    /// <summary>
    /// Records each batch of <paramref name="batches"/> in one statement (one write transaction each) as it comes; a failure
    /// cancels <paramref name="stop"/>, so reading stops too, and is thrown.
    /// </summary>
    private static async Task WriteAllAsync(IGraph graph, ChannelReader<List<InteractionToRecord>> batches, Viewer viewer, string? writer,
        Visibility visibility, Tally tally, CancellationTokenSource stop)
    {
        // Off the reader's path: the first write starts while the next batch is being read.
        await Task.Yield();
        try
        {
            await foreach (var batch in batches.ReadAllAsync(stop.Token))
            {
                // It changes our relationships to the others only: answers at their accounts (the answer cache keeps the rest),
                // as POST /api/interactions declares.
                using var scope = WriteScope.OfCounterparts(batch.SelectMany(i => i.ParticipantIds));
                var outcomes = await graph.For(viewer).ExecuteWriteAsync(
                    tx => InteractionRecording.RecordManyAsync(tx, batch, viewer, writer, visibility, stop.Token), stop.Token);
                foreach (var (created, same) in outcomes.Values)
                {
                    if (!same) tally.Skip(SkipReasons.Changed);
                    else if (created) tally.Recorded++;
                    else tally.Duplicates++;
                }
            }
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
