using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Api.Features.OrgChart;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests.Foundation;

/// <summary>The formats a caller may ask for instead of JSON: a picture, a page, Markdown, plain text.</summary>
public static class Formats
{
    public static readonly string[] NotJson = ["image/svg+xml", "text/html", "text/markdown", "text/plain"];

    public static async Task<JsonNode> GetProblemAsync(HttpClient client, string path, string accept, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await client.SendAsync(request);
        return await response.ShouldBeProblem(status);
    }
}

/// <summary>Every refusal is RFC 9457 problem details whatever the request's Accept says, never an empty 500.</summary>
public sealed class ErrorsInEveryFormatTests : ApiTest
{
    [TestCaseSource(typeof(Formats), nameof(Formats.NotJson))]
    public async Task No_key_an_unknown_key_and_a_revoked_key_are_401_problems_with_www_authenticate(string accept)
    {
        var revoked = await Keys.CreateAsync("integration");
        await Keys.RevokeAsync(revoked.Id);
        foreach (var secret in new[] { null, "rk_not-a-key", revoked.Secret })
        {
            using var client = Keys.ClientFor(secret);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organizations");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            using var response = await client.SendAsync(request);

            await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        }
    }

    [TestCaseSource(typeof(Formats), nameof(Formats.NotJson))]
    public async Task A_seller_asking_for_the_audit_log_is_a_403_problem(string accept)
    {
        var seller = await ClientAsAsync("seller", await World.PersonAsync(await World.OrganizationAsync("own")));

        await Formats.GetProblemAsync(seller, "/api/audit", accept, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_unknown_deal_s_picture_is_a_404_problem() =>
        await Formats.GetProblemAsync(Client, $"/api/opportunities/{NewId("opp")}/power-map", "image/svg+xml", HttpStatusCode.NotFound);

    [TestCase("text/html")]
    [TestCase("text/markdown")]
    public async Task An_unknown_report_page_is_a_404_problem(string accept) =>
        await Formats.GetProblemAsync(Client, $"/api/reports/{NewId("report")}", accept, HttpStatusCode.NotFound);

    [TestCaseSource(typeof(Formats), nameof(Formats.NotJson))]
    public async Task One_error_has_the_same_type_link_in_every_format(string accept)
    {
        using var withoutKey = Keys.ClientFor(null);
        var asJson = await Formats.GetProblemAsync(withoutKey, "/api/organizations", "application/json", HttpStatusCode.Unauthorized);
        var asOther = await Formats.GetProblemAsync(withoutKey, "/api/organizations", accept, HttpStatusCode.Unauthorized);

        Assert.That(asOther["type"]?.GetValue<string>(), Is.EqualTo(asJson["type"]?.GetValue<string>()).And.Not.Null);
    }

    [Test]
    public async Task A_format_the_answer_does_not_come_in_is_a_406_problem() =>
        await Formats.GetProblemAsync(Client, $"/api/opportunities/{NewId("opp")}/power-map", "text/markdown", HttpStatusCode.NotAcceptable);
}

/// <summary>A 429 for a picture keeps its Retry-After and is problem details.</summary>
public sealed class RateLimitInEveryFormatTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RelIntel:RateLimit:TokenLimit"] = "1",
        ["RelIntel:RateLimit:TokensPerPeriod"] = "1",
        ["RelIntel:RateLimit:ReplenishmentPeriod"] = "00:01:00",
    };

    [Test]
    public async Task Too_many_requests_for_a_picture_is_a_429_problem_with_retry_after()
    {
        using var client = await ClientAsAsync("integration");
        var opportunity = $"/api/opportunities/{NewId("opp")}/power-map";
        using var first = new HttpRequestMessage(HttpMethod.Get, opportunity);
        await client.SendAsync(first);

        using var request = new HttpRequestMessage(HttpMethod.Get, opportunity);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/svg+xml"));
        using var response = await client.SendAsync(request);

        await response.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
    }
}

/// <summary>A 503 for a picture keeps its Retry-After and says what was written.</summary>
public sealed class UnavailableInEveryFormatTests : ApiTest
{
    private readonly WireFaults wire = new();

    protected override void ConfigureServices(IServiceCollection services) => wire.AddTo(services);

    [TearDown]
    public void Heal() => wire.Heal();

    [TestCaseSource(typeof(Formats), nameof(Formats.NotJson))]
    public async Task Neo4j_unreachable_is_a_503_problem_with_retry_after(string accept)
    {
        wire.Refuse(WireFaults.Any);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{NewId("org")}/org-chart");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await Client.SendAsync(request);

        var problem = await response.ShouldBeProblem(HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        Assert.That(problem["written"]!.GetValue<string>(), Is.EqualTo("no"));
    }
}

/// <summary>Ids and other pattern-checked input are matched against the whole value: no look-alikes get in.</summary>
public sealed class LookAlikeIdsTests : ApiTest
{
    private static readonly string[] LookAlikes = ["zz\n", "zz\r\n", " zz", "z\u200Bz"];

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var bad in LookAlikes)
        {
            var shown = bad.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\u200B", "\\u200B");
            yield return new TestCaseData(bad, "organization id").SetArgDisplayNames($"organization id '{shown}'");
            yield return new TestCaseData(bad, "person id").SetArgDisplayNames($"person id '{shown}'");
            yield return new TestCaseData(bad, "organizationId").SetArgDisplayNames($"organizationId '{shown}'");
            yield return new TestCaseData(bad, "reporting line").SetArgDisplayNames($"managerId '{shown}'");
            yield return new TestCaseData(bad, "relationship").SetArgDisplayNames($"theirPersonId '{shown}'");
            yield return new TestCaseData(bad, "org chart").SetArgDisplayNames($"people[0].id '{shown}'");
            yield return new TestCaseData(bad, "opportunity").SetArgDisplayNames($"opportunity id '{shown}'");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_look_alike_id_is_a_400_naming_the_field(string bad, string where)
    {
        var organization = await World.OrganizationAsync("customer");
        var person = await World.PersonAsync(organization);
        var escaped = Uri.EscapeDataString(bad);
        var (call, field) = where switch
        {
            "organization id" => (Client.PutAsync($"/api/organizations/{escaped}", Json(new { name = "Look-alike", kind = "customer" })), "id"),
            "person id" => (Client.PutAsync($"/api/people/{escaped}", Json(new { name = "Look-alike", organizationId = organization })), "id"),
            "organizationId" => (Client.PutAsync($"/api/people/{NewId("p")}", Json(new { name = "Look-alike", organizationId = bad })), "organizationId"),
            "reporting line" => (Client.PutAsync("/api/reporting-lines", Json(new { personId = person, managerId = bad, kind = "solid" })), "managerId"),
            "relationship" => (Client.PutAsync("/api/relationships", Json(new { ourPersonId = person, theirPersonId = bad, strength = 0.5 })), "theirPersonId"),
            "org chart" => (Client.PostAsync($"/api/organizations/{organization}/org-chart",
                Json(new { mode = "merge", people = new[] { new { id = bad, name = "Look-alike" } } })), "people[0].id"),
            _ => (Client.PutAsync($"/api/opportunities/{escaped}", Json(new { name = "Deal", organizationId = organization, stage = "qualification" })), "id"),
        };

        if (where == "org chart")
        {
            // A bulk call answers per record: the record is refused, naming its field, and nothing of it is written.
            var answer = await call.ShouldBe<OrgChartResponse>(HttpStatusCode.MultiStatus);
            var record = answer.Results.Single();
            Assert.That(record.Status, Is.EqualTo(RecordStatus.Failed));
            Assert.That(record.Errors!.Keys, Does.Contain("id"));
            return;
        }
        await call.ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    private static HttpContent Json(object body) => System.Net.Http.Json.JsonContent.Create(body);
}
