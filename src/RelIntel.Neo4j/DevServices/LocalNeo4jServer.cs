using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace RelIntel.Neo4j.DevServices;

/// <summary>
/// A Neo4j started from a local server home (<c>NEO4J_HOME</c>) on free loopback ports with a folder of its own.
/// It is stopped with this process: the launcher script watches our process id and stops the server when we are gone.
/// </summary>
public sealed class LocalNeo4jServer : IAsyncDisposable
{
    private readonly string home;
    private readonly string runFolder;
    private readonly bool deleteRunFolder;
    private readonly ILogger logger;
    private readonly IReadOnlyDictionary<string, string> settings;
    private Process? process;

    private LocalNeo4jServer(string home, string runFolder, bool deleteRunFolder, int httpPort, int boltPort, ILogger logger,
        IReadOnlyDictionary<string, string>? settings)
    {
        this.home = home;
        this.settings = settings ?? new Dictionary<string, string>();
        this.runFolder = runFolder;
        this.deleteRunFolder = deleteRunFolder;
        this.logger = logger;
        HttpUri = new Uri($"http://127.0.0.1:{httpPort}/");
        BoltPort = boltPort;
    }

    public Uri HttpUri { get; }

    public int BoltPort { get; }

    public string LogFile => Path.Combine(runFolder, "console.log");

    /// <summary>
    /// Starts a server from <paramref name="neo4jHome"/>; data goes to <paramref name="dataFolder"/> or a temporary folder.
    /// <paramref name="settings"/> replace or add <c>neo4j.conf</c> settings (e.g. <c>server.memory.heap.max_size</c>).
    /// </summary>
    public static async Task<LocalNeo4jServer> StartAsync(
        string neo4jHome, string? dataFolder, ILogger logger, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var runFolder = dataFolder is { Length: > 0 }
            ? Path.GetFullPath(dataFolder)
            : Path.Combine(Path.GetTempPath(), "relintel-neo4j-" + Guid.NewGuid().ToString("N")[..12]);
        var server = new LocalNeo4jServer(Path.GetFullPath(neo4jHome), runFolder, deleteRunFolder: dataFolder is not { Length: > 0 },
            FreePort(), FreePort(), logger, settings);
        server.WriteConfiguration();
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts (or starts again, on the same ports and data) and waits until the HTTP API answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (process is { HasExited: false }) return;
        var launcher = Path.Combine(home, "bin", "neo4j");
        if (!File.Exists(launcher))
            throw new InvalidOperationException($"NEO4J_HOME={home} has no bin/neo4j: it is not a Neo4j server home.");

        // The wrapper stops Neo4j when it is told to (TERM) and when our process disappears without telling it.
        const string script = """
            "$NEO4J_HOME/bin/neo4j" console >> "$LOG" 2>&1 &
            child=$!
            trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 "$OWNER" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done
            kill -TERM $child 2>/dev/null; wait $child
            """;
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            UseShellExecute = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        start.Environment["NEO4J_HOME"] = home;
        start.Environment["NEO4J_CONF"] = Path.Combine(runFolder, "conf");
        start.Environment["LOG"] = LogFile;
        start.Environment["OWNER"] = Environment.ProcessId.ToString();
        logger.LogInformation("Starting Neo4j from {Home} at {Uri} (data in {Folder})", home, HttpUri, runFolder);
        process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        await WaitUntilReadyAsync(cancellationToken);
        logger.LogInformation("Neo4j is ready at {Uri}", HttpUri);
    }

    /// <summary>Stops the server cleanly (SIGTERM), keeping its data for a later <see cref="StartAsync(CancellationToken)"/>.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            _ = SendTerm(process.Id);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (deleteRunFolder)
        {
            try { Directory.Delete(runFolder, recursive: true); }
            catch (IOException e) { logger.LogDebug(e, "Could not delete {Folder}", runFolder); }
        }
    }

    private void WriteConfiguration()
    {
        var conf = Path.Combine(runFolder, "conf");
        Directory.CreateDirectory(conf);
        // Neo4j refuses a setting given twice, so the ones we own are replaced, not appended.
        var owned = new Dictionary<string, string>
        {
            ["server.default_listen_address"] = "127.0.0.1",
            ["server.http.listen_address"] = $":{HttpUri.Port}",
            ["server.bolt.listen_address"] = $":{BoltPort}",
            ["server.https.enabled"] = "false",
            ["server.directories.data"] = Path.Combine(runFolder, "data"),
            ["server.directories.logs"] = Path.Combine(runFolder, "logs"),
            ["server.directories.run"] = Path.Combine(runFolder, "run"),
            ["dbms.security.auth_enabled"] = "false",
            ["dbms.usage_report.enabled"] = "false",
        };
        foreach (var (key, value) in settings) owned[key] = value;
        var template = Path.Combine(home, "conf", "neo4j.conf");
        var lines = File.Exists(template) ? File.ReadAllLines(template) : [];
        var kept = lines.Where(line => !owned.Keys.Any(key => line.TrimStart().StartsWith(key + "=", StringComparison.Ordinal)));
        File.WriteAllLines(Path.Combine(conf, "neo4j.conf"), kept.Concat(owned.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is null || process.HasExited)
                throw new InvalidOperationException($"Neo4j exited while starting. Its log:\n{LogTail()}");
            try
            {
                using var response = await probe.GetAsync(HttpUri, cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, cancellationToken);
        }
        throw new TimeoutException($"Neo4j did not answer at {HttpUri} within 120 s. Its log:\n{LogTail()}");
    }

    private string LogTail() =>
        File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(30)) : "(no log)";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int SendTerm(int pid) => SendSignal(pid, 15);
}
