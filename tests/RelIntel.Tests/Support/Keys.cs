using System.Net;
using System.Net.Http.Json;
using RelIntel.Api.Features.ApiKeys;

namespace RelIntel.Tests;

/// <summary>An API key as created: <see cref="Secret"/> is what a client sends.</summary>
public sealed record CreatedKey(string Id, string Name, string Role, string? PersonId, string Secret);

/// <summary>API keys for roles, made through the API with the bootstrap admin key, and clients that send them.</summary>
public sealed class Keys(HttpClient admin, RelIntelApp app)
{
    /// <summary>Creates a key; <paramref name="role"/> is admin, integration, manager or seller (the last two need a person of ours).</summary>
    public async Task<CreatedKey> CreateAsync(string role, string? personId = null, string? name = null)
    {
        name ??= $"{role}-{Guid.NewGuid():N}"[..(role.Length + 9)];
        var created = await admin.PostAsJsonAsync("/api/api-keys", new { name, role, personId })
            .ShouldBe<CreatedApiKeyResponse>(HttpStatusCode.Created);
        return new CreatedKey(created.Id, name, role, personId, created.Secret);
    }

    /// <summary>A client calling with a new key of <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(string role, string? personId = null) => ClientFor((await CreateAsync(role, personId)).Secret);

    /// <summary>A client sending <paramref name="secret"/>; null sends no Authorization header at all.</summary>
    public HttpClient ClientFor(string? secret) => app.CreateClientWithKey(secret);

    public async Task RevokeAsync(string id) => await admin.DeleteAsync($"/api/api-keys/{id}").ShouldBe(HttpStatusCode.NoContent);
}
