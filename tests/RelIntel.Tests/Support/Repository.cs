using System.Diagnostics;

namespace RelIntel.Tests;

/// <summary>The checkout the tests run from, and the command-line tools it pins.</summary>
public static class Repository
{
    /// <summary>The nearest folder above the test binaries that holds RelIntel.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RelIntel.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No RelIntel.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in the checkout (where the tool manifest is) and returns its output.</summary>
    public static async Task<string> DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            WorkingDirectory = Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{text}");
        return text;
    }
}
