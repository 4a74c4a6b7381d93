using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RelIntel.Tests.Foundation;

/// <summary>The service started as an operator starts it, on a port something else already holds.</summary>
public sealed class PortInUseTests
{
    [Test]
    public async Task A_port_in_use_is_one_line_on_stderr_and_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "RelIntel.Api.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Neo4j__Uri"] = TestNeo4j.Uri.ToString();
        start.Environment["Demo__Enabled"] = "false";
        using var service = Process.Start(start)!;
        var output = service.StandardOutput.ReadToEndAsync();
        var errors = service.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await service.WaitForExitAsync(timeout.Token);

        var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(service.ExitCode, Is.EqualTo(1), $"stdout: {await output}\nstderr: {await errors}");
        Assert.That(lines, Has.Length.EqualTo(1), await errors);
        Assert.That(lines[0], Does.Contain($"127.0.0.1:{port}").And.Contain("already in use").And.Contain("--urls"));
        Assert.That(await output + await errors, Does.Not.Contain("   at "), "no stack trace");
    }
}
