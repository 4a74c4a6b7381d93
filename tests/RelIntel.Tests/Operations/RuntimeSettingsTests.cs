using System.Text.Json;

namespace RelIntel.Tests.Operations;

/// <summary>
/// The runtime settings the API ships with, read from the <c>RelIntel.Api.runtimeconfig.json</c> its build writes (the file
/// <c>dotnet RelIntel.Api.dll</c> starts with): the memory the benchmark measures depends on them, and an MSBuild property
/// spelt wrong is silently ignored (the project once said <c>ServerGarbageCollector</c>, so the Web SDK's default, the
/// server collector, stayed on unnoticed).
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RelIntel.Api.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Test]
    public void The_API_runs_on_the_workstation_garbage_collector()
    {
        var properties = ConfigProperties();
        Assert.That(properties.TryGetProperty("System.GC.Server", out var server), Is.True,
            "The API's runtimeconfig.json names no garbage collector: the Web SDK's default (server) would apply.");
        Assert.That(server.GetBoolean(), Is.False, "System.GC.Server");
    }
}
