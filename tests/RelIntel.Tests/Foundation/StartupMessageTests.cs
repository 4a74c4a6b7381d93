using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RelIntel.Tests.Foundation;

/// <summary>
/// The built service, started as a newcomer or an operator would start it, where no start can succeed: it says what to
/// change in a few plain lines and exits with code 1, with no stack trace and no abort.
/// </summary>
[NonParallelizable]
public sealed class StartupMessageTests
{
    private string folder = "";

    /// <summary>A copy of the built service outside the checkout, so no <c>shared/neo4j</c> beside it is found.</summary>
    [OneTimeSetUp]
    public void CopyTheBuiltService()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testBin.Name, testBin.Parent!.Name);
        var root = testBin;
        while (!File.Exists(Path.Combine(root.FullName, "RelIntel.sln"))) root = root.Parent!;
        var built = Path.Combine(root.FullName, "src", "RelIntel.Api", "bin", configuration, framework);
        folder = Directory.CreateTempSubdirectory("relintel-start-").FullName;
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => Directory.Delete(folder, recursive: true);

    private sealed record Ended(int ExitCode, string Output, string Errors);

    private async Task<Ended> StartAsync(params (string Name, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet", "RelIntel.Api.dll")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Neo4j", StringComparison.OrdinalIgnoreCase) ||
                     k is "NEO4J_HOME" or "DOCKER_HOST" || k.StartsWith("RELINTEL", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Demo__LoadOnStart"] = "false";
        foreach (var (name, value) in settings) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The service did not stop by itself.");
        }
        return new Ended(process.ExitCode, await output, await errors);
    }

    private static void AssertExplained(Ended ended, params string[] says)
    {
        var everything = ended.Output + ended.Errors;
        TestContext.Out.WriteLine(everything);
        Assert.Multiple(() =>
        {
            Assert.That(ended.ExitCode, Is.EqualTo(1));
            foreach (var words in says) Assert.That(ended.Errors, Does.Contain(words));
            Assert.That(everything, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(everything, Does.Not.Contain("Unhandled exception"));
            Assert.That(ended.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThanOrEqualTo(8));
        });
    }

    [Test]
    public async Task With_no_Neo4j_anywhere_it_names_the_three_ways_to_provide_one()
    {
        if (File.Exists("/var/run/docker.sock")) Assert.Ignore("A Docker engine is here: the service would start a Neo4j in it.");

        AssertExplained(await StartAsync(), "Neo4j__Uri", "NEO4J_HOME", "Docker");
    }

    [Test]
    public async Task A_Neo4j_address_that_refuses_connections_is_named()
    {
        AssertExplained(await StartAsync(("Neo4j__Uri", $"http://127.0.0.1:{FreePort()}"), ("Neo4j__StartupTimeout", "00:00:02")),
            "did not answer", "Neo4j__Uri");
    }

    [Test]
    public async Task A_Neo4j_that_refuses_our_credentials_says_which_settings_to_fix()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var answering = AnswerUnauthorizedAsync(listener, stop.Token);

        var ended = await StartAsync(("Neo4j__Uri", $"http://127.0.0.1:{port}"), ("Neo4j__User", "neo4j"), ("Neo4j__Password", "wrong"));

        await stop.CancelAsync();
        listener.Stop();
        await answering;
        AssertExplained(ended, "refused our credentials", "Neo4j__Password");
    }

    [Test]
    public async Task A_port_in_use_is_one_line_that_says_how_to_choose_another()
    {
        // Another process holds the port; the service gets past Neo4j (the tests' own) and then cannot listen.
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var ended = await StartAsync(("Neo4j__Uri", TestNeo4j.Uri.ToString()), ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"));

        await TestContext.Progress.WriteLineAsync(ended.Output + ended.Errors);
        AssertExplained(ended, "is in use", "--urls", "ASPNETCORE_URLS");
        Assert.That(ended.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), ended.Errors);
    }

    /// <summary>What Neo4j's Query API answers a wrong password.</summary>
    private static async Task AnswerUnauthorizedAsync(HttpListener listener, CancellationToken stop)
    {
        var body = Encoding.UTF8.GetBytes(
            """{"errors":[{"code":"Neo.ClientError.Security.Unauthorized","message":"The client is unauthorized due to authentication failure."}]}""");
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stop);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body, stop);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
