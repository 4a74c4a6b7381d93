using System.Diagnostics;
using System.Text.Json.Nodes;

namespace RelIntel.Tests.Foundation;

/// <summary>What an integrator's linter says about the OpenAPI document: Redocly CLI with its recommended rules.</summary>
public sealed class OpenApiLintTests : ApiTest
{
    [Test]
    public async Task Redocly_finds_no_error_and_warns_only_that_the_probes_have_no_4xx_answer()
    {
        var root = Repository.Root();
        var redocly = Path.Combine(root, "tools", "node_modules", ".bin", "redocly");
        Assert.That(File.Exists(redocly), Is.True, $"Redocly CLI is not installed at {redocly}: run `npm ci --prefix tools`.");
        var file = Path.Combine(Path.GetTempPath(), $"relintel-openapi-{Guid.NewGuid():N}.json");
        // As an integrator fetches it from a deployment: the servers entry is the address asked at, here not localhost.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { Host = "relintel.acme-analytics.test" } };
        using var response = await Client.SendAsync(request);
        var document = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        Assert.That(document, Does.Contain("\"url\": \"http://relintel.acme-analytics.test\""));
        await File.WriteAllTextAsync(file, document);
        try
        {
            var start = new ProcessStartInfo(redocly, ["lint", file, "--config", Path.Combine(root, "redocly.yaml"), "--format", "json"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await lint.WaitForExitAsync(timeout.Token);
            var report = JsonNode.Parse(await output)!;
            Assert.That(lint.ExitCode, Is.Zero, $"{await output}\n{await errors}");
            Assert.That(report["totals"]!["errors"]!.GetValue<int>(), Is.Zero, report.ToJsonString());
            // /health/live and /health/ready answer without a key and read no input: no 4xx is theirs to give.
            var warnings = report["problems"]!.AsArray()
                .Select(p => $"{p!["ruleId"]} {p["location"]![0]!["pointer"]}")
                .ToList();
            Assert.That(warnings, Is.EquivalentTo(new[]
            {
                "operation-4xx-response #/paths/~1health~1live/get/responses",
                "operation-4xx-response #/paths/~1health~1ready/get/responses",
            }));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
