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
    /// <summary>Interactions recorded per transaction.</summary>
    private const int Batch = 200;

    private static readonly CypherQuery MatchAddresses = Cypher.Load("interactions/match-addresses");

    private sealed record PersonRow(string Address, string Id, bool Ours, bool Reachable);

    private sealed record Participant(string Id, bool Ours, string? LeftOutBecause);

    public static async Task<CaptureResponse> RecordAsync(IGraph graph, IReadOnlyList<Captured> captured, Viewer viewer, string? writer,
        CancellationToken cancellationToken)
    {
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Skip(string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

        var capture = viewer.Charter.Capture;
        var blocked = capture.BlockedDomains.Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var addresses = captured.Where(c => c.SkipReason is null).SelectMany(c => c.Addresses)
            .Where(a => !blocked.Contains(Domain(a))).Distinct(StringComparer.Ordinal).ToList();
        var people = await PeopleAsync(graph, addresses, capture, viewer, cancellationToken);
        var unmatched = addresses.Count(a => !people.ContainsKey(a));

        var toRecord = new List<InteractionToRecord>();
        foreach (var item in captured)
        {
            if (item.SkipReason is { } reason)
            {
                Skip(reason);
                continue;
            }
            var participants = item.Addresses
                .Select(a => blocked.Contains(Domain(a)) ? new Participant("", false, SkipReasons.Blocked) : people.GetValueOrDefault(a))
                .OfType<Participant>().ToList();
            var taking = participants.Where(p => p.LeftOutBecause is null).DistinctBy(p => p.Id).ToList();
            if (taking.Any(p => p.Ours) && taking.Any(p => !p.Ours))
                toRecord.Add(new InteractionToRecord(item.Id, item.At, item.Kind, taking.Select(p => p.Id).ToList()));
            else Skip(WhyNot(participants, taking, item.Addresses.Count));
        }

        var (recorded, duplicates) = await WriteAsync(graph, toRecord, viewer, writer, capture.Visibility, Skip, cancellationToken);
        return new CaptureResponse(captured.Count, recorded, duplicates, skipped, unmatched);
    }

    /// <summary>The rule that took away the one of ours or theirs the interaction needed, else what it lacks.</summary>
    private static string WhyNot(List<Participant> participants, List<Participant> taking, int addresses)
    {
        var leftOut = participants.Select(p => p.LeftOutBecause).OfType<string>().ToList();
        foreach (var rule in new[] { SkipReasons.OptedOut, SkipReasons.DoNotContact, SkipReasons.Blocked })
            if (leftOut.Contains(rule)) return rule;
        return taking.Count == addresses && taking.All(p => p.Ours) ? SkipReasons.InternalOnly : SkipReasons.NoCustomer;
    }

    private static async Task<Dictionary<string, Participant>> PeopleAsync(IGraph graph, List<string> addresses, CaptureOptions capture, Viewer viewer,
        CancellationToken cancellationToken)
    {
        if (addresses.Count == 0) return [];
        var optedOut = capture.OptedOutPersonIds.ToHashSet(StringComparer.Ordinal);
        var rows = (await graph.For(viewer).ReadAsync(MatchAddresses, new { addresses }, cancellationToken)).As<PersonRow>();
        // An address shared by two people counts as the first by id (the statement orders them).
        return rows.DistinctBy(r => r.Address).ToDictionary(r => r.Address, r => new Participant(r.Id, r.Ours,
            !r.Reachable ? SkipReasons.DoNotContact
            : r.Ours && optedOut.Contains(r.Id) ? SkipReasons.OptedOut
            : null), StringComparer.Ordinal);
    }

    private static async Task<(int Recorded, int Duplicates)> WriteAsync(IGraph graph, List<InteractionToRecord> toRecord, Viewer viewer, string? writer,
        Visibility visibility, Action<string> skip, CancellationToken cancellationToken)
    {
        var (recorded, duplicates) = (0, 0);
        foreach (var batch in toRecord.DistinctBy(i => i.Id).Chunk(Batch))
        {
            var outcomes = await graph.For(viewer).ExecuteWriteAsync(async tx =>
            {
                var list = new List<RecordedInteraction>();
                foreach (var interaction in batch)
                {
                    var fresh = new NewRelationships(InteractionRecording.SourceOf(interaction.Kind), visibility);
                    list.Add(await InteractionRecording.RecordAsync(tx, interaction, viewer, writer, fresh, cancellationToken));
                }
                return list;
            }, cancellationToken);
            foreach (var outcome in outcomes)
            {
                if (!outcome.Same) skip(SkipReasons.Changed);
                else if (outcome.Created) recorded++;
                else duplicates++;
            }
        }
        // The same meeting twice in one file (an export listing it twice) is a duplicate too.
        duplicates += toRecord.Count - toRecord.DistinctBy(i => i.Id).Count();
        return (recorded, duplicates);
    }

    private static string Domain(string address) => address[(address.LastIndexOf('@') + 1)..];
}
