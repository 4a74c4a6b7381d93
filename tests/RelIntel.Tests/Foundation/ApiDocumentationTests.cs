using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace RelIntel.Tests.Foundation;

/// <summary>The OpenAPI document is valid and complete, and Swagger UI serves it.</summary>
public sealed class ApiDocumentationTests : ApiTest
{
    [Test]
    public async Task The_openapi_document_passes_openapi_spec_validator()
    {
        var document = await Client.GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Path.GetTempPath(), $"relintel-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            using var validator = Process.Start(new ProcessStartInfo("python3", ["-m", "openapi_spec_validator", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await validator.StandardOutput.ReadToEndAsync() + await validator.StandardError.ReadToEndAsync();
            await validator.WaitForExitAsync();
            Assert.That(validator.ExitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("OK"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task The_openapi_document_lists_every_endpoint_with_a_summary()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not null)
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/openapi", StringComparison.Ordinal))
            .ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(5));
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var operation = paths[path]?[method.ToLowerInvariant()];
                Assert.That(operation, Is.Not.Null, $"{method} {path} is missing from the OpenAPI document");
                Assert.That(operation!["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{method} {path} has no summary");
            }
        }
    }

    [Test]
    public async Task Request_bodies_carry_an_example()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var schema = document["components"]!["schemas"]!["OrganizationRequest"]!;
        Assert.That(schema["examples"]?[0]?["kind"]?.GetValue<string>(), Is.EqualTo("customer"));
    }

    [Test]
    public async Task Swagger_ui_is_served()
    {
        using var page = await Client.GetAsync("/swagger/index.html");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("swagger-ui"));
    }

    [Test]
    public async Task Liveness_and_readiness_answer()
    {
        await Client.GetAsync("/health/live").Result.ShouldBe(HttpStatusCode.OK);
        var ready = await Client.GetAsync("/health/ready").Result.ShouldBe(HttpStatusCode.OK);
        Assert.That(ready["checks"]!["neo4j"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }
}
