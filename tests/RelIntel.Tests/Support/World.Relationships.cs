using System.Net;
using System.Net.Http.Json;

namespace RelIntel.Tests;

/// <summary>Who knows whom, whose view weighs with whom, and who gets on with whom.</summary>
public sealed partial class World
{
    /// <summary>One of ours knows one of theirs with <paramref name="strength"/> (company-visible unless told).</summary>
    public Task KnowsAsync(string ours, string theirs, double strength, string visibility = "company", string? owner = null,
        string? since = null) =>
        PutAsync("/api/relationships", new
        {
            ourPersonId = Id(ours), theirPersonId = Id(theirs), strength, visibility, ownerId = owner is null ? null : Id(owner), since,
        });

    /// <summary><paramref name="from"/>'s view weighs with <paramref name="to"/> (an advisor).</summary>
    public Task InfluencesAsync(string from, string to, double strength) =>
        PutAsync("/api/influences", new { fromId = Id(from), toId = Id(to), strength, kind = "advisor" });

    /// <summary>How two of their people get on: rivalry, alliance…</summary>
    public Task RapportAsync(string person, string other, string sentiment) =>
        PutAsync("/api/rapport", new { personId = Id(person), otherId = Id(other), sentiment });

    /// <summary>A meeting at <paramref name="at"/> among <paramref name="participants"/> (its id is fresh and returned).</summary>
    public async Task<string> MetAsync(DateTimeOffset at, params string[] participants)
    {
        var id = $"meeting-{Guid.NewGuid():N}"[..21];
        await client.PostAsJsonAsync("/api/interactions", new { id, at, kind = "meeting", participantIds = participants.Select(Id) })
            .ShouldBe(HttpStatusCode.Created);
        return id;
    }
}
