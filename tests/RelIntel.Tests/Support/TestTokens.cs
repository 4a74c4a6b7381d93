using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RelIntel.Tests;

/// <summary>
/// Tokens as a company's identity provider would issue them, minted by the tests themselves with a key the service is
/// configured to trust (no network, no identity provider).
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://idp.relintel.test";
    public const string Audience = "relintel-api";

    public static readonly string SigningKey = Convert.ToBase64String(SHA256.HashData("relintel test signing key"u8.ToArray()));

    /// <summary>Single sign-on settings that trust <see cref="SigningKey"/>.</summary>
    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RelIntel:Auth:Jwt:Issuer"] = Issuer,
        ["RelIntel:Auth:Jwt:Audience"] = Audience,
        ["RelIntel:Auth:Jwt:SigningKeys:0"] = SigningKey,
    };

    // Wide enough for both the real clock and the tests' fake one.
    private static readonly DateTime NotBefore = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Expires = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A signed token; <paramref name="roles"/> replaces the single <paramref name="role"/> when given.</summary>
    public static string Mint(string? role, string? personId, string subject, string? name = null, string[]? roles = null,
        string issuer = Issuer, string audience = Audience, string? key = null, DateTime? expires = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["name"] = name ?? $"Token {subject}" };
        if (roles is not null) claims["roles"] = roles;
        else if (role is not null) claims["roles"] = role;
        if (personId is not null) claims["relintel_person"] = personId;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = NotBefore,
            IssuedAt = NotBefore,
            Expires = expires ?? Expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)),
                SecurityAlgorithms.HmacSha256),
        });
    }
}
