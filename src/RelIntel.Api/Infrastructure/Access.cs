using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>What an API key may do. <c>seller</c> and <c>manager</c> keys act as one of our people.</summary>
public enum ApiRole
{
    Admin,
    Integration,
    Manager,
    Seller,
}

/// <summary>The authorization policies: every <c>/api</c> call needs <see cref="Reader"/>; endpoints add more.</summary>
public static class Policies
{
    /// <summary>Any valid key (every role reads).</summary>
    public const string Reader = "reader";

    /// <summary>Writes of CRM data: <c>integration</c> and <c>admin</c>.</summary>
    public const string CrmWriter = "crm-writer";

    /// <summary>Keys, charter and audit: <c>admin</c> only.</summary>
    public const string Admin = "admin";

    /// <summary>The roles each policy lets through (the policies below require exactly these).</summary>
    public static IReadOnlyList<ApiRole> Roles(string policy) => policy switch
    {
        CrmWriter => [ApiRole.Admin, ApiRole.Integration],
        Admin => [ApiRole.Admin],
        _ => Enum.GetValues<ApiRole>(),
    };
}

/// <summary>The claims an API key gives its caller.</summary>
public static class ApiKeyClaims
{
    public const string KeyId = "relintel:key-id";
    public const string KeyName = "relintel:key-name";
    public const string PersonId = "relintel:person-id";
}

/// <summary>Who is calling: the API key (or, signed on with a token, <c>sso:{subject}</c>) and the one of our people it acts as.</summary>
public sealed record Caller(string KeyId, string KeyName, ApiRole Role, string? PersonId)
{
    /// <summary>Admins and integrations write CRM data without owning it; sellers and managers only their own.</summary>
    public bool WritesAnything => Role is ApiRole.Admin or ApiRole.Integration;

    /// <summary>
    /// <c>$writer</c> of the charter's write rules: the person whose relationships a seller or manager may write; null for
    /// admins and integrations, who write anything.
    /// </summary>
    public string? Writer => WritesAnything ? null : PersonId ?? "";

    /// <summary>Lets endpoints take the caller as a parameter (every <c>/api</c> call has one: the group requires a key).</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.FindFirst(ApiKeyClaims.KeyId)?.Value is not { } keyId) return null;
        var role = EnumWords.TryParse<ApiRole>(user.FindFirst(ClaimTypes.Role)?.Value ?? "", out var parsed) ? parsed : ApiRole.Seller;
        return new Caller(keyId, user.FindFirst(ApiKeyClaims.KeyName)?.Value ?? keyId, role, user.FindFirst(ApiKeyClaims.PersonId)?.Value);
    }

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(ApiKeyClaims.KeyId, KeyId),
            new(ApiKeyClaims.KeyName, KeyName),
            new(ClaimTypes.Name, KeyName),
            new(ClaimTypes.Role, Role.Word()),
        };
        if (PersonId is not null) claims.Add(new Claim(ApiKeyClaims.PersonId, PersonId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}

/// <summary><c>RelIntel:Auth</c>: the first admin key, from configuration.</summary>
public sealed class AuthOptions
{
    public const string Section = "RelIntel:Auth";

    /// <summary>An admin key that always works while configured (rotate it by changing the setting). Empty: none.</summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>Finds the caller for a presented key: the bootstrap admin key, or a stored key by its SHA-256 hash.</summary>
/// <remarks>
/// Known keys are looked up on every call, so a revoked key fails on the very next call, on every instance. Only keys
/// found to be unknown or revoked are remembered, for <see cref="RejectedFor"/>: sending one again costs no lookup.
/// (A key once rejected can never become valid: secrets are random, and revocation is final.)
/// </remarks>
public sealed class ApiKeyStore(IGraph graph, IOptionsMonitor<AuthOptions> options) : IDisposable
{
    public static readonly TimeSpan RejectedFor = TimeSpan.FromMinutes(1);

    // Bounded: a flood of distinct bad keys cannot grow it without limit (the oldest go first when full).
    private readonly MemoryCache rejectedKeys = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public void Dispose() => rejectedKeys.Dispose();

    public const string BootstrapKeyId = "bootstrap";
    public const string BootstrapKeyName = "bootstrap-admin";
    public const int MaxKeyLength = 256;

    private static readonly CypherQuery FindByHash = Cypher.Load("api-keys/find-by-hash");

    private sealed record KeyRow(string Id, string Name, string Role, string? PersonId);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new secret: 32 random bytes, URL-safe.</summary>
    public static string NewSecret() => "ri_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<Caller?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var bootstrap = options.CurrentValue.BootstrapAdminKey;
        if (!string.IsNullOrEmpty(bootstrap) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Hash(bootstrap)), Encoding.UTF8.GetBytes(Hash(key))))
            return new Caller(BootstrapKeyId, BootstrapKeyName, ApiRole.Admin, null);

        var hash = Hash(key);
        if (rejectedKeys.TryGetValue(hash, out _)) return null;
        var row = (await graph.ReadOnLeaderAsync(FindByHash, new { hash }, cancellationToken)).SingleOrDefault<KeyRow>();
        if (row is not null && EnumWords.TryParse<ApiRole>(row.Role, out var role)) return new Caller(row.Id, row.Name, role, row.PersonId);
        rejectedKeys.Set(hash, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = RejectedFor, Size = 1 });
        return null;
    }
}

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>. No or an unknown/revoked key: 401 problem with <c>WWW-Authenticate: Bearer</c>;
/// a key without the right: 403 problem.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Send the API key as Authorization: Bearer <key>.");
        var key = header["Bearer ".Length..].Trim();
        if (key.Length is 0 or > ApiKeyStore.MaxKeyLength) return AuthenticateResult.Fail("The API key is unknown or revoked.");
        var caller = await keys.FindAsync(key, Context.RequestAborted);
        return caller is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await AccessProblems.UnauthorizedAsync(Context, result.Failure?.Message ?? "Send Authorization: Bearer <api key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblems.ForbiddenAsync(Context, AccessProblems.RoleRefusal(Context));
}

/// <summary>The 401 and 403 problems of both schemes, API keys and single sign-on.</summary>
public static class AccessProblems
{
    public static Task UnauthorizedAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "An API key or token is required", detail);
    }

    public static Task ForbiddenAsync(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context, StatusCodes.Status403Forbidden, "Not allowed for this caller", detail);
    }

    /// <summary>Why a caller whose role passed authentication is refused a call: the roles that may make it, and theirs.</summary>
    public static string RoleRefusal(HttpContext context)
    {
        // Every policy of the endpoint (its group's and its own) must pass: the roles that may are those all of them allow.
        var allowed = (context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
            .Select(a => a.Policy).OfType<string>()
            .Aggregate((IEnumerable<ApiRole>)Enum.GetValues<ApiRole>(), (roles, policy) => roles.Intersect(Policies.Roles(policy)))
            .Select(r => r.Word()).ToList();
        var may = allowed.Count == 1 ? $"the {allowed[0]} role" : $"one of the roles {string.Join(", ", allowed)}";
        return $"This call needs {may}; this caller's role is {Caller.From(context.User)?.Role.Word() ?? "none"}.";
    }

    private static async Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
}

/// <summary>Authentication, authorization and rate limits for <c>/api</c>.</summary>
public static class Access
{
    /// <summary>The default scheme: picks API key or single sign-on by the credential's shape.</summary>
    public const string CallerScheme = "Caller";

    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.Section);
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(CallerScheme)
            // One bearer header, two kinds of credential: a JWT goes to single sign-on (when configured), anything else is an API key.
            .AddPolicyScheme(CallerScheme, "API key or single sign-on", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString() is var header
                && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && SingleSignOn.IsToken(header["Bearer ".Length..].Trim())
                && context.RequestServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.Enabled
                    ? SingleSignOn.SchemeName
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(SingleSignOn.SchemeName, _ => { });
        services.AddOptions<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(SingleSignOn.SchemeName)
            .Configure<IOptions<SingleSignOnOptions>>((jwt, sso) => SingleSignOn.Configure(jwt, sso.Value));
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reader, policy => policy.RequireAuthenticatedUser()
                .RequireRole(ApiRole.Admin.Word(), ApiRole.Integration.Word(), ApiRole.Manager.Word(), ApiRole.Seller.Word()))
            .AddPolicy(Policies.CrmWriter, policy => policy.RequireAuthenticatedUser()
                .RequireRole(ApiRole.Admin.Word(), ApiRole.Integration.Word()))
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(ApiRole.Admin.Word()));
        services.AddApiRateLimits();
        return services;
    }

    public static WebApplication UseApiAccess(this WebApplication app)
    {
        app.UseFailedAuthenticationLimit();
        app.UseAuthentication();
        app.UseCallerBookmarks();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Every <c>/api</c> endpoint: a valid key, and at most the key's rate.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder api)
    {
        api.RequireAuthorization(Policies.Reader).RequireRateLimiting(RateLimits.PerKeyPolicy);
        return api;
    }

    /// <summary>A 403 problem naming the field the caller may not set.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Forbidden(string field, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this API key", detail: detail,
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
