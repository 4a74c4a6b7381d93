using System.Net;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Foundation;

/// <summary>Whatever goes wrong, callers get RFC 9457 problem details with a 4xx that says what to fix.</summary>
public sealed class ProblemDetailsTests : ApiTest
{
    [Test]
    public async Task An_unknown_route_is_a_404_problem() =>
        await Client.GetAsync("/api/no-such-thing").ShouldBeProblem(HttpStatusCode.NotFound);

    [Test]
    public async Task Malformed_json_is_a_400_problem() =>
        await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "{\"name\": \"Acme\",")
            .ShouldBeProblem(HttpStatusCode.BadRequest);

    [Test]
    public async Task A_wrongly_typed_field_is_a_400_naming_the_field() =>
        await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "{\"name\": 42, \"kind\": \"customer\"}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");

    [Test]
    public async Task A_body_that_is_not_json_is_a_415_problem() =>
        await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "name=Acme", "text/plain")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

    [Test]
    public async Task A_full_text_query_that_Neo4j_cannot_parse_is_a_400_naming_search_not_a_500()
    {
        var problem = await Client.GetAsync("/api/organizations?search=" + Uri.EscapeDataString("name:((\"unclosed"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "search");
        Assert.That(problem.ToJsonString(), Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task A_method_a_route_does_not_have_is_a_405_problem() =>
        await Client.PatchAsync("/api/relationships", new StringContent("{}"))
            .ShouldBeProblem(HttpStatusCode.MethodNotAllowed);

    [Test]
    public async Task A_415_names_the_content_types_the_endpoint_takes()
    {
        var put = await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "name=Acme", "text/plain")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.That(put["detail"]?.GetValue<string>(), Is.EqualTo("This endpoint takes application/json; the request sent 'text/plain; charset=utf-8'."),
            put.ToJsonString());
        Assert.That(put["accepts"]!.Read<List<string>>(), Is.EqualTo(new[] { "application/json" }));

        var bulk = await SendRawAsync(HttpMethod.Post, $"/api/organizations/{NewId("org")}/org-chart", "<people/>", "application/xml")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.That(bulk["accepts"]!.Read<List<string>>(), Is.EqualTo(new[] { "application/json", "text/csv" }), bulk.ToJsonString());

        var patch = await SendRawAsync(HttpMethod.Patch, $"/api/organizations/{NewId("org")}", "{}")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.That(patch["detail"]!.GetValue<string>(), Does.Contain("application/merge-patch+json"));
        Assert.That(patch["accepts"]!.Read<List<string>>(), Is.EqualTo(new[] { "application/merge-patch+json" }));
    }

    [Test]
    public async Task Malformed_json_names_the_line_and_position_without_the_frameworks_advice()
    {
        var problem = await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "{\n  \"name\": \"Acme\",\n  \"kind\": \"customer\",\n}")
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        var message = problem["errors"]!.AsObject().Single().Value![0]!.GetValue<string>();
        Assert.That(message, Does.Contain("At line 4, position 1."));
        Assert.That(message, Does.Not.Contain("reader options").And.Not.Contain("LineNumber"));

        var bulk = await SendRawAsync(HttpMethod.Post, $"/api/organizations/{NewId("org")}/org-chart", "{\"people\": [\n  {\"id\": \"a\" \"name\": \"A\"}]}")
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.That(bulk["errors"]!.AsObject().Single().Value![0]!.GetValue<string>(), Does.Contain("At line 2, position"));
    }

    [Test]
    public async Task Numbers_and_booleans_are_accepted_only_as_their_json_types_naming_the_field()
    {
        var amount = await SendRawAsync(HttpMethod.Put, $"/api/opportunities/{NewId("opp")}",
            "{\"name\": \"Deal\", \"organizationId\": \"acme\", \"stage\": \"proposal\", \"amount\": \"1000\"}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "amount");
        Assert.That(amount["errors"]!["amount"]![0]!.GetValue<string>(), Does.StartWith("Must be a JSON number, not a string."));

        var member = $"/api/opportunities/{NewId("opp")}/buying-center/{NewId("p")}";
        await SendRawAsync(HttpMethod.Put, member, "{\"roles\": [\"decider\"], \"attitude\": \"neutral\", \"influence\": \"5\"}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "influence");
        await SendRawAsync(HttpMethod.Put, member, "{\"roles\": [\"decider\"], \"attitude\": \"neutral\", \"coach\": \"true\"}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "coach");
        await SendRawAsync(HttpMethod.Put, member, "{\"roles\": [\"decider\"], \"attitude\": 2}")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "attitude");

        // Bulk records too, at the record and field.
        await SendRawAsync(HttpMethod.Post, "/api/relationships/batch",
            "[{\"ourPersonId\": \"a\", \"theirPersonId\": \"b\", \"strength\": \"0.5\"}]")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "[0].strength");
    }

    [Test]
    public async Task A_403_names_the_roles_that_may_make_the_call()
    {
        using var integration = await ClientAsAsync("integration");
        var problem = await integration.GetAsync("/api/api-keys").ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("This call needs the admin role; this caller's role is integration."));
    }

    [Test]
    public async Task The_root_points_to_the_documentation_without_a_key()
    {
        using var anonymous = Keys.ClientFor(null);
        var index = await anonymous.GetAsync("/").ShouldBe<ApiDocumentation.ServiceIndex>(HttpStatusCode.OK);
        Assert.That(index.Documentation, Is.EqualTo("/swagger"));
        Assert.That(index.OpenApi, Is.EqualTo("/openapi/v1.json"));
        await anonymous.GetAsync(index.OpenApi).ShouldBe(HttpStatusCode.OK);
    }
}
