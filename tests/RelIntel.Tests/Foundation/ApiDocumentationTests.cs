using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Domain;

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
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
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
    public async Task Every_operation_has_its_own_camel_case_operation_id()
    {
        var operations = await OperationsAsync();
        var ids = operations.Select(o => o.Node["operationId"]?.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.All.Matches(@"^[a-z][A-Za-z]+$"), "camelCase verb-noun names");
            Assert.That(ids, Is.Unique);
            Assert.That(Id(operations, "get", "/api/opportunities/{id}/recommendations"), Is.EqualTo("getRecommendations"));
            Assert.That(Id(operations, "put", "/api/people/{id}"), Is.EqualTo("upsertPerson"));
            Assert.That(Id(operations, "get", "/api/organizations/{id}/people"), Is.EqualTo("listPeopleOfOrganization"));
        });
    }

    [Test]
    public async Task Every_put_says_whether_it_replaces_the_whole_resource_and_every_patch_is_a_merge_patch()
    {
        // One rule, said in the same words at every PUT (docs/api.md#writing-from-a-crm says it at length): a reader of
        // any one operation learns whether a field left out is cleared or kept.
        var operations = await OperationsAsync();
        var puts = operations.Where(o => o.Method == "put").ToList();
        var patches = operations.Where(o => o.Method == "patch").ToList();
        Assert.That(puts, Has.Count.GreaterThanOrEqualTo(11), "people, organizations, opportunities, members, team, lines, influence, rapport, relationships, schedules, charter");
        Assert.That(patches.Select(p => p.Path), Is.EquivalentTo(new[]
        {
            "/api/organizations/{id}", "/api/people/{id}", "/api/opportunities/{id}", "/api/opportunities/{id}/buying-center/{personId}",
        }));
        Assert.Multiple(() =>
        {
            foreach (var put in puts)
            {
                var description = put.Node["description"]?.GetValue<string>() ?? "";
                Assert.That(description, Does.StartWith("PUT is a full replacement").Or.StartWith("Unlike the other PUTs (a full replacement)"),
                    $"PUT {put.Path}");
                var patchable = patches.Any(p => p.Path == put.Path);
                Assert.That(description.Contains("send a PATCH with `application/merge-patch+json`", StringComparison.Ordinal), Is.EqualTo(patchable),
                    $"PUT {put.Path} points to its PATCH exactly when it has one");
            }
            foreach (var patch in patches)
                Assert.That(patch.Node["requestBody"]!["content"]!.AsObject().Select(c => c.Key), Is.EqualTo(new[] { "application/merge-patch+json" }),
                    $"PATCH {patch.Path}");
        });
    }

    [Test]
    public async Task The_probes_need_no_key_and_every_api_operation_asks_for_one()
    {
        foreach (var (method, path, operation) in await OperationsAsync())
        {
            var security = operation["security"]?.AsArray();
            Assert.That(security, Is.Not.Null, $"{method} {path} states no security");
            if (path.StartsWith("/health/", StringComparison.Ordinal))
            {
                Assert.That(security, Is.Empty, $"{method} {path} is open");
            }
            else
            {
                Assert.That(security!.Select(s => s!.AsObject().Single().Key), Is.EqualTo(new[] { "Bearer", "SingleSignOn" }), $"{method} {path}: an API key or a token");
                Assert.That(operation["responses"]!.AsObject().Select(r => r.Key), Is.SupersetOf(new[] { "401", "429" }), $"{method} {path}");
            }
        }
    }

    [Test]
    public async Task A_403_is_documented_only_where_a_role_or_the_handler_can_refuse_a_valid_key()
    {
        var operations = await OperationsAsync();
        bool Has403(string method, string path) =>
            operations.Single(o => o.Method == method && o.Path == path).Node["responses"]!["403"] is not null;
        Assert.Multiple(() =>
        {
            Assert.That(Has403("put", "/api/people/{id}"), Is.True, "CRM writes need an integration or admin key");
            Assert.That(Has403("post", "/api/api-keys"), Is.True, "keys are for admins");
            Assert.That(Has403("put", "/api/relationships"), Is.True, "a seller writes only their own relationships");
            Assert.That(Has403("post", "/api/interactions"), Is.True, "a seller records only interactions they took part in");
            Assert.That(Has403("get", "/api/opportunities/{id}/recommendations"), Is.False, "every key reads");
            Assert.That(Has403("post", "/api/relationships/batch"), Is.False, "a refused record fails inside the 207 answer");
        });
    }

    [Test]
    public async Task Bulk_imports_document_their_idempotency_key_header()
    {
        var operations = await OperationsAsync();
        foreach (var path in new[] { "/api/organizations/{id}/org-chart", "/api/relationships/batch" })
        {
            var parameters = operations.Single(o => o.Method == "post" && o.Path == path).Node["parameters"]!.AsArray();
            Assert.That(parameters.Select(p => $"{p!["in"]} {p["name"]}"), Does.Contain("header Idempotency-Key"), path);
        }
    }

    [Test]
    public async Task Every_enum_names_its_words_wherever_it_is_used()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        var schemas = document["components"]!["schemas"]!;
        Assert.Multiple(() =>
        {
            Assert.That(schemas["BuyingCenterRequest"]!["properties"]!["roles"]!["items"]?["$ref"]?.GetValue<string>(),
                Is.EqualTo("#/components/schemas/BuyingRole"));
            Assert.That(schemas["PersonRequest"]!["properties"]!["seniority"]!.ToJsonString(), Does.Contain("#/components/schemas/Seniority"));
            Assert.That(schemas["BuyingRole"]!["enum"]!.AsArray().Select(w => w!.GetValue<string>()), Does.Contain("decider"));
            Assert.That(schemas["BantStatus"]!["enum"]?.AsArray().Select(w => w!.GetValue<string>()), Does.Contain("confirmed"),
                "an enum reached only through properties");
            Assert.That(schemas.AsObject().Where(s => s.Value!.AsObject().Count == 0).Select(s => s.Key), Is.Empty, "no schema says nothing");
        });
    }

    /// <summary>One operation of the document: its method (lower case), path and body.</summary>
    private sealed record Operation(string Method, string Path, JsonNode Node);

    private async Task<List<Operation>> OperationsAsync()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => new Operation(op.Key, path.Key, op.Value!)))
            .ToList();
    }

    private static string? Id(List<Operation> operations, string method, string path) =>
        operations.Single(o => o.Method == method && o.Path == path).Node["operationId"]?.GetValue<string>();

    [Test]
    public async Task Request_bodies_carry_an_example()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/openapi/v1.json"))!;
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
        await Client.GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
        var ready = await Client.GetAsync("/health/ready").ShouldBe(HttpStatusCode.OK);
        Assert.That(ready["checks"]!["neo4j"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
    }
}
