using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RelIntel.Api.Charter;
using RelIntel.Api.Features.Audit;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests;

/// <summary>The charter's settings, changed through the API (admin) and put back by <see cref="ResetCharterAsync"/>.</summary>
public sealed partial class World
{
    /// <summary>The charter in force.</summary>
    public Task<CharterResponse> CharterAsync() => client.GetAsync("/api/charter").ShouldBe<CharterResponse>(HttpStatusCode.OK);

    /// <summary>The charter in force as JSON, to send back changed (a setting the API refuses, say).</summary>
    public async Task<JsonNode> CharterJsonAsync() => await client.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);

    /// <summary>Changes one setting of the charter (e.g. introductionsAllowed, capture), re-sending the rest as stored.</summary>
    public async Task SetCharterAsync(string setting, object? value)
    {
        var charter = await CharterJsonAsync();
        charter[setting] = JsonSerializer.SerializeToNode(value);
        await client.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Back to the charter of the configuration.</summary>
    public async Task ResetCharterAsync() => await client.DeleteAsync("/api/charter").ShouldBe(HttpStatusCode.OK);

    /// <summary>The audit entries of calls made with the key named <paramref name="keyName"/>, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntryResponse>> AuditOfAsync(string keyName) =>
        (await client.GetAsync($"/api/audit?callerKeyName={Uri.EscapeDataString(keyName)}")
            .ShouldBe<Paged<AuditEntryResponse>>(HttpStatusCode.OK)).Items;
}
