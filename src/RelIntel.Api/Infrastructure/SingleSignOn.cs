using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// <c>RelIntel:Auth:Jwt</c>: single sign-on with JWTs from the company's identity provider, beside API keys. On when an
/// <see cref="Authority"/> (keys from its OpenID Connect metadata) or <see cref="SigningKeys"/> are configured.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "RelIntel:Auth:Jwt";

    /// <summary>The identity provider, e.g. <c>https://login.example.com/realms/acme</c>: issuer and signing keys come from its metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for (this API's identifier at the identity provider).</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer tokens must name, when <see cref="SigningKeys"/> are given instead of an authority.</summary>
    public string? Issuer { get; set; }

    /// <summary>Keys that sign tokens, without an authority: base64 symmetric keys (HS256) or PEM public keys (RSA, EC).</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>The claim that holds the caller's role: <c>admin</c>, <c>integration</c>, <c>manager</c> or <c>seller</c>.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that holds the id of the one of our people a seller or manager acts as.</summary>
    public string PersonClaim { get; set; } = "relintel_person";

    /// <summary>The claim shown as the caller's name (audit, key name); the subject when the token has none.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>Whether the authority's metadata must come over HTTPS (turn off only for a local identity provider).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>With an authority: the client id Swagger UI signs in with (authorization code with PKCE).</summary>
    public string? SwaggerClientId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || SigningKeys.Count > 0;
}

/// <summary>
/// Tokens to callers: a valid token (signature, issuer, audience, lifetime) becomes a <see cref="Caller"/> with the role
/// and person of its configured claims. A token without exactly one role of ours, a seller or manager without a person,
/// or a person who is not one of ours, is a 403 problem that says which; an invalid token is a 401 problem.
/// </summary>
public static class SingleSignOn
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Why a valid token was refused: carried from authentication to the 403 that authorization gives.</summary>
    private const string RefusedClaim = "relintel:refused";

    private static readonly CypherQuery OurPerson = Cypher.Load("sign-on/person");

    /// <summary>A JWT: three base64url parts, the header a JSON object. API keys never have that shape.</summary>
    public static bool IsToken(string credential)
    {
        var parts = credential.Split('.');
        return parts.Length == 3 && credential.StartsWith("eyJ", StringComparison.Ordinal) && parts.All(p => p.Length > 0);
    }

    public static void Configure(JwtBearerOptions jwt, SingleSignOnOptions sso)
    {
        jwt.Authority = string.IsNullOrWhiteSpace(sso.Authority) ? null : sso.Authority;
        jwt.Audience = sso.Audience;
        jwt.RequireHttpsMetadata = sso.RequireHttpsMetadata;
        // Claims keep the names the identity provider gave them, so the configured claim names are the ones looked up.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = jwt.Authority is not null || sso.Issuer is not null,
            ValidIssuer = sso.Issuer,
            ValidateAudience = !string.IsNullOrWhiteSpace(sso.Audience),
            ValidAudience = sso.Audience,
            IssuerSigningKeys = sso.SigningKeys.Select(SigningKey).ToList(),
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = ToCallerAsync,
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await AccessProblems.UnauthorizedAsync(context.HttpContext, context.AuthenticateFailure switch
                {
                    null => "Send Authorization: Bearer <token or API key>.",
                    SecurityTokenExpiredException => "The token has expired.",
                    SecurityTokenInvalidAudienceException => "The token is not issued for this API (audience).",
                    SecurityTokenInvalidIssuerException => "The token comes from an issuer this API does not trust.",
                    _ => "The token is not valid (signature, issuer, audience or lifetime).",
                });
            },
            OnForbidden = context => AccessProblems.ForbiddenAsync(context.HttpContext,
                context.HttpContext.User.FindFirst(RefusedClaim)?.Value ?? AccessProblems.RoleRefusal(context.HttpContext)),
        };
    }

    private static SecurityKey SigningKey(string key)
    {
        if (!key.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)) return new SymmetricSecurityKey(Convert.FromBase64String(key));
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(key);
            return new RsaSecurityKey(rsa);
        }
        catch (ArgumentException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(key);
            return new ECDsaSecurityKey(ec);
        }
    }

    /// <summary>Replaces the token's principal with the caller's, or with a refusal that authorization turns into a 403.</summary>
    private static async Task ToCallerAsync(TokenValidatedContext context)
    {
        var sso = context.HttpContext.RequestServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
        var token = context.Principal!;
        var subject = token.FindFirst("sub")?.Value ?? token.FindFirst(sso.NameClaim)?.Value ?? "unknown";
        var name = token.FindFirst(sso.NameClaim)?.Value ?? subject;
        var roles = token.FindAll(sso.RoleClaim).Select(c => EnumWords.TryParse<ApiRole>(c.Value, out var role) ? role : (ApiRole?)null)
            .OfType<ApiRole>().Distinct().ToList();
        var personId = token.FindFirst(sso.PersonClaim)?.Value;

        string? refusal = null;
        if (roles.Count != 1)
            refusal = roles.Count == 0
                ? $"The token names no role of ours in its '{sso.RoleClaim}' claim (admin, integration, manager or seller)."
                : $"The token names several roles of ours in its '{sso.RoleClaim}' claim; it must name one.";
        else if (roles[0] is ApiRole.Seller or ApiRole.Manager && personId is null)
            refusal = $"A {roles[0].Word()} acts as one of our people: the token has no '{sso.PersonClaim}' claim.";
        else if (personId is not null && !await IsOursAsync(context.HttpContext, personId))
            refusal = $"The token's '{sso.PersonClaim}' is not one of our people.";

        context.Principal = refusal is null
            ? new Caller($"sso:{subject}", name, roles[0], personId).ToPrincipal(SchemeName)
            // Authenticated, but with no role: every policy refuses it, with this reason.
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(RefusedClaim, refusal)], SchemeName));
    }

    private static async Task<bool> IsOursAsync(HttpContext context, string personId) =>
        Validation.IsId(personId) &&
        (await context.RequestServices.GetRequiredService<IGraph>().ReadOnLeaderAsync(OurPerson, new { personId }, context.RequestAborted))
        .Scalar<bool>("ours");
}
