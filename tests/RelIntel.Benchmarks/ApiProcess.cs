using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelIntel.Benchmarks;

/// <summary>
/// The API as a separate process (<c>dotnet RelIntel.Api.dll</c>, Production environment), so its memory can be read
/// from <c>/proc/&lt;pid&gt;/status</c> without the benchmark's own allocations in it.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter logWriter;

    private ApiProcess(Process process, Uri uri, string logFile, StreamWriter logWriter)
    {
        this.process = process;
        Uri = uri;
        LogFile = logFile;
        this.logWriter = logWriter;
    }

    public Uri Uri { get; }

    public int Pid => process.Id;

    public string LogFile { get; }

    public static async Task<ApiProcess> StartAsync(string apiDll, Uri neo4jUri, string apiKey, string logFile,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var uri = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [apiDll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = uri.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Neo4j__Uri"] = neo4jUri.ToString();
        start.Environment["Neo4j__DevServices"] = "false";
        start.Environment["RelIntel__Auth__BootstrapAdminKey"] = apiKey;
        // The loader is one integration key sending as fast as the service takes it: lift that key's rate limit
        // (100 requests/s by default), as an operator would for a bulk load; the answers' costs are unchanged.
        start.Environment["RelIntel__RateLimit__TokenLimit"] = "10000000";
        start.Environment["RelIntel__RateLimit__TokensPerPeriod"] = "10000000";
        // Settings given with --api-setting (a longer Neo4j:QueryTimeout on a loaded machine, say), reported with the run.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var writer = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, uri, logFile, writer);
        await api.WaitUntilReadyAsync();
        return api;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The API exited while starting (code {process.ExitCode}); see {LogFile}.");
            try
            {
                using var response = await probe.GetAsync(new Uri(Uri, "health/ready"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The API was not ready within 120 s; see {LogFile}.");
    }

    /// <summary>VmHWM (peak resident set) and VmRSS of the process, in MiB.</summary>
    public (double PeakMiB, double CurrentMiB) Memory() => ProcMemory.Read(process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        lock (logWriter) logWriter.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public static class ProcMemory
{
    /// <summary>VmHWM and VmRSS from <c>/proc/&lt;pid&gt;/status</c>, in MiB (NaN where unavailable).</summary>
    public static (double PeakMiB, double CurrentMiB) Read(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return (double.NaN, double.NaN);
        double Field(string name)
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            if (line is null) return double.NaN;
            var kb = long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return kb / 1024d;
        }
        return (Field("VmHWM"), Field("VmRSS"));
    }

    /// <summary>The Java process of a Neo4j started with its config under <paramref name="runFolder"/>, if found.</summary>
    public static int? FindNeo4jJava(string runFolder)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("java", StringComparison.Ordinal) && cmdline.Contains(runFolder, StringComparison.Ordinal)) return pid;
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours.
            }
        }
        return null;
    }
}
