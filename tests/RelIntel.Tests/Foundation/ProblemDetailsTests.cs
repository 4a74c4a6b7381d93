using System.Net;

namespace RelIntel.Tests.Foundation;

/// <summary>Whatever goes wrong, callers get RFC 9457 problem details with a 4xx that says what to fix.</summary>
public sealed class ProblemDetailsTests : ApiTest
{
    [Test]
    public async Task An_unknown_route_is_a_404_problem() =>
        await Client.GetAsync("/api/no-such-thing").Result.ShouldBeProblem(HttpStatusCode.NotFound);

    [Test]
    public async Task Malformed_json_is_a_400_problem() =>
        await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "{\"name\": \"Acme\",")
            .Result.ShouldBeProblem(HttpStatusCode.BadRequest);

    [Test]
    public async Task A_wrongly_typed_field_is_a_400_naming_the_field() =>
        await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "{\"name\": 42, \"kind\": \"customer\"}")
            .Result.ShouldBeProblem(HttpStatusCode.BadRequest, "name");

    [Test]
    public async Task A_body_that_is_not_json_is_a_415_problem() =>
        await SendRawAsync(HttpMethod.Put, $"/api/organizations/{NewId("org")}", "name=Acme", "text/plain")
            .Result.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

    [Test]
    public async Task A_full_text_query_that_Neo4j_cannot_parse_is_a_400_naming_search_not_a_500()
    {
        var problem = await Client.GetAsync("/api/organizations?search=" + Uri.EscapeDataString("name:((\"unclosed"))
            .Result.ShouldBeProblem(HttpStatusCode.BadRequest, "search");
        Assert.That(problem.ToJsonString(), Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task A_method_a_route_does_not_have_is_a_405_problem() =>
        await Client.PatchAsync("/api/organizations/x", new StringContent("{}")).Result
            .ShouldBeProblem(HttpStatusCode.MethodNotAllowed);
}
