using System.Net;
using System.Net.Http.Json;

namespace RelIntel.Tests;

/// <summary>
/// The one scenario builder: organizations, people, lines, relationships, deals, reports and mailboxes made through the
/// public API, with ids unique to the test, so tests share one database without meeting each other's data.
/// </summary>
/// <remarks>
/// People can be named in the test (<see cref="OursAsync"/>, <see cref="TheirsAsync"/>): every method that takes a person
/// takes that name or an id, so a scenario reads "Ava knows Gil". <see cref="As"/> is the same world seen by another
/// caller (another role's key), sharing its names and its account.
/// </remarks>
public sealed partial class World
{
    private readonly HttpClient client;
    private readonly Scenario scenario;

    public World(HttpClient client) : this(client, new Scenario(Guid.NewGuid().ToString("N")[..8]))
    {
    }

    private World(HttpClient client, Scenario scenario) => (this.client, this.scenario) = (client, scenario);

    /// <summary>What this world has made, shared by every caller of it.</summary>
    private sealed class Scenario(string tag)
    {
        public string Tag { get; } = tag;
        public Dictionary<string, string> Ids { get; } = [];
        public string Us { get; set; } = "";
        public string Customer { get; set; } = "";
        public string Deal { get; set; } = "";
        public List<string> Schedules { get; } = [];
    }

    /// <summary>This world seen by <paramref name="caller"/>: the same names, account and deal; calls made with its key.</summary>
    public World As(HttpClient caller) => new(caller, scenario);

    /// <summary>Eight hex characters unique to this world; the ids of named people and of the account end with it.</summary>
    public string Tag => scenario.Tag;

    /// <summary>The id of a person (or organization) named in this world, or <paramref name="nameOrId"/> itself when it is an id.</summary>
    public string Id(string nameOrId) => scenario.Ids.GetValueOrDefault(nameOrId, nameOrId);

    /// <summary>The name given in this world to <paramref name="id"/> (or the id when it is not one of this world's).</summary>
    public string Name(string id) => scenario.Ids.FirstOrDefault(pair => pair.Value == id).Key ?? id;

    private string Named(string name, string id)
    {
        scenario.Ids[name] = id;
        return id;
    }

    /// <summary>PUTs a new thing; it must be created.</summary>
    private async Task<string> CreateAsync(string path, object body)
    {
        await client.PutAsJsonAsync(path, body).ShouldBe(HttpStatusCode.Created);
        return path.Split('/')[^1];
    }

    /// <summary>PUTs a thing that may exist already (a relationship, a membership, a stage): created or changed.</summary>
    private async Task PutAsync(string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Created, HttpStatusCode.OK),
            $"PUT {path}: {await response.Content.ReadAsStringAsync()}");
    }
}
