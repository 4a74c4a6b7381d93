using System.Net;
using System.Net.Http.Json;

namespace RelIntel.Tests.Charter;

/// <summary>
/// Single sign-on beside API keys: a JWT from the identity provider calls with the role and the person of its claims.
/// Tokens are minted by the test with a key the service trusts (<see cref="TestTokens"/>).
/// </summary>
public sealed class SingleSignOnTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => TestTokens.Settings;

    private HttpClient As(string token) => App.CreateClientWithKey(token);

    [Test]
    public async Task A_token_calls_with_its_role_and_person_and_is_audited_by_its_subject()
    {
        var own = await World.OrganizationAsync("own", "Sign-on Us");
        var customer = await World.OrganizationAsync("customer", "Sign-on Them");
        var seller = await World.PersonAsync(own, "Sina Seller");
        var other = await World.PersonAsync(own, "Otto Other");
        var buyer = await World.PersonAsync(customer, "Bea Buyer");

        using var admin = As(TestTokens.Mint("admin", null, subject: "admin-subject", name: "Ada Admin"));
        await admin.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);

        using var asSeller = As(TestTokens.Mint("seller", seller, subject: "seller-subject", name: "Sina via SSO"));
        // A seller writes its own relationships, not another's.
        await asSeller.PutAsJsonAsync("/api/relationships", new { ourPersonId = seller, theirPersonId = buyer, strength = 0.5 })
            .ShouldBe(HttpStatusCode.Created);
        await asSeller.PutAsJsonAsync("/api/relationships", new { ourPersonId = other, theirPersonId = buyer, strength = 0.5 })
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        // Admin-only calls are refused by role.
        await asSeller.GetAsync("/api/api-keys").ShouldBeProblem(HttpStatusCode.Forbidden);

        await asSeller.GetAsync($"/api/people/{buyer}/relationships").ShouldBe(HttpStatusCode.OK);
        var entry = (await World.AuditOfAsync("Sina via SSO"))[0];
        Assert.That(entry.CallerKeyId, Is.EqualTo("sso:seller-subject"));
        Assert.That(entry.CallerRole, Is.EqualTo("seller"));
        Assert.That(entry.CallerPersonId, Is.EqualTo(seller));
    }

    [Test]
    public async Task An_unknown_role_or_person_is_a_403_problem_that_says_which()
    {
        var own = await World.OrganizationAsync("own", "Sign-on Us");
        var customer = await World.OrganizationAsync("customer", "Sign-on Them");
        var ours = await World.PersonAsync(own, "Olli Ours");
        var theirs = await World.PersonAsync(customer, "Tia Theirs");

        async Task RefusedAsync(string token, string mentions)
        {
            using var client = As(token);
            var problem = await client.GetAsync("/api/organizations").ShouldBeProblem(HttpStatusCode.Forbidden);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(mentions));
        }
        await RefusedAsync(TestTokens.Mint("superuser", null, "s1"), "no role of ours");
        await RefusedAsync(TestTokens.Mint(null, null, "s2"), "no role of ours");
        await RefusedAsync(TestTokens.Mint(null, null, "s3", roles: ["seller", "admin"]), "several roles");
        await RefusedAsync(TestTokens.Mint("seller", null, "s4"), "relintel_person");
        await RefusedAsync(TestTokens.Mint("manager", "nobody-" + Guid.NewGuid().ToString("N")[..8], "s5"), "not one of our people");
        await RefusedAsync(TestTokens.Mint("seller", theirs, "s6"), "not one of our people");

        // The same person, one of ours, is fine; roles the service does not know are ignored beside one it does.
        using var fine = As(TestTokens.Mint(null, ours, "s7", roles: ["offline_access", "manager"]));
        await fine.GetAsync("/api/organizations").ShouldBe(HttpStatusCode.OK);

        // Erasing the person ends their tokens' access at once.
        await Client.DeleteAsync($"/api/people/{ours}").ShouldBe(HttpStatusCode.NoContent);
        await fine.GetAsync("/api/organizations").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_invalid_token_is_a_401_problem()
    {
        var wrongKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        foreach (var (token, mentions) in new[]
                 {
                     (TestTokens.Mint("admin", null, "x", expires: new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc)), "expired"),
                     (TestTokens.Mint("admin", null, "x", audience: "another-api"), "audience"),
                     (TestTokens.Mint("admin", null, "x", issuer: "https://elsewhere.test"), "issuer"),
                     (TestTokens.Mint("admin", null, "x", key: wrongKey), "not valid"),
                 })
        {
            using var client = As(token);
            var answer = await client.GetAsync("/api/organizations");
            Assert.That(answer.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
            var problem = await answer.ShouldBeProblem(HttpStatusCode.Unauthorized);
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(mentions));
        }
    }

    [Test]
    public async Task Api_keys_keep_working_beside_tokens_and_without_sign_on_a_token_is_just_an_unknown_key()
    {
        await Client.GetAsync("/api/organizations").ShouldBe(HttpStatusCode.OK);
        using var integration = await ClientAsAsync("integration");
        await integration.GetAsync("/api/organizations").ShouldBe(HttpStatusCode.OK);

        await using var withoutSignOn = new RelIntelApp(TestNeo4j.Uri);
        using var client = withoutSignOn.CreateClientWithKey(TestTokens.Mint("admin", null, "x"));
        var problem = await client.GetAsync("/api/organizations").ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("API key"));
    }

    [Test]
    public async Task The_openapi_document_declares_both_schemes_and_every_api_operation_takes_either()
    {
        var document = await Client.GetAsync("/openapi/v1.json").ShouldBe(HttpStatusCode.OK);
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.That(schemes["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(schemes["SingleSignOn"]!["bearerFormat"]!.GetValue<string>(), Is.EqualTo("JWT"));
        var operation = document["paths"]!["/api/organizations"]!["get"]!;
        var requirements = operation["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).ToList();
        Assert.That(requirements, Is.EquivalentTo(new[] { "Bearer", "SingleSignOn" }));
    }
}
