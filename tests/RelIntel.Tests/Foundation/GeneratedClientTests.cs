namespace RelIntel.Tests.Foundation;

/// <summary>
/// The C# client committed in tests/RelIntel.ClientTests is what NSwag makes of the service's document today: CI fails
/// when the two drift. (It lives here, not beside the client, so that regenerating never needs the stale client to compile.)
/// </summary>
public sealed class GeneratedClientTests : ApiTest
{
    /// <summary>Set to <c>true</c> (regenerate.sh does) to write the regenerated client over the committed one.</summary>
    public const string RegenerateVariable = "RELINTEL_REGENERATE_CLIENT";

    /// <summary>The document as a Development service (<c>dotnet run</c>) serves it: with the demo endpoint.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Enabled"] = "true" };

    [Test]
    public async Task The_committed_client_is_what_NSwag_generates_from_the_services_document()
    {
        var project = Path.Combine(Repository.Root(), "tests", "RelIntel.ClientTests");
        var committed = Path.Combine(project, "Generated", "RelIntelClient.cs");
        var work = Directory.CreateTempSubdirectory("relintel-client-");
        try
        {
            var document = Path.Combine(work.FullName, "v1.json");
            await File.WriteAllTextAsync(document, await Client.GetStringAsync("/openapi/v1.json"));
            var generated = Path.Combine(work.FullName, "RelIntelClient.cs");
            // NSwag.ConsoleCore as pinned in .config/dotnet-tools.json, with the committed settings.
            await Repository.DotnetAsync("tool", "restore");
            await Repository.DotnetAsync("nswag", "run", Path.Combine(project, "RelIntel.nswag"), $"/variables:Input={document},Output={generated}");

            if (Environment.GetEnvironmentVariable(RegenerateVariable) is "true" or "1")
                File.Copy(generated, committed, overwrite: true);
            // NSwag's header names its pinned version and no time, so the whole file is compared.
            var difference = FirstDifference(await File.ReadAllLinesAsync(committed), await File.ReadAllLinesAsync(generated));
            Assert.That(difference, Is.Null,
                "The committed client no longer matches the service's OpenAPI document. Regenerate it with " +
                "tests/RelIntel.ClientTests/regenerate.sh and commit Generated/RelIntelClient.cs. First difference: " + difference);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string? FirstDifference(string[] committed, string[] generated)
    {
        for (var i = 0; i < Math.Max(committed.Length, generated.Length); i++)
        {
            var left = i < committed.Length ? committed[i] : "(end of file)";
            var right = i < generated.Length ? generated[i] : "(end of file)";
            if (left != right) return $"line {i + 1}: committed `{left.Trim()}`, generated `{right.Trim()}`";
        }
        return null;
    }
}
