using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RelIntel.Api.Infrastructure;

/// <summary><c>RelIntel:RateLimit</c>: one token bucket per API key.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RelIntel:RateLimit";

    /// <summary>The burst a key may send at once (the bucket's size).</summary>
    [Range(1, 10_000_000)]
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added back every <see cref="ReplenishmentPeriod"/>.</summary>
    [Range(1, 10_000_000)]
    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed authentications (401s) one client address may have at once before it is answered 429 without a lookup.</summary>
    [Range(1, 10_000_000)]
    public int FailedAuthenticationLimit { get; set; } = 30;

    /// <summary>Failed authentications added back to an address's allowance every <see cref="ReplenishmentPeriod"/>.</summary>
    [Range(1, 10_000_000)]
    public int FailedAuthenticationsPerPeriod { get; set; } = 10;
}

/// <summary>
/// Per-key token buckets; an empty bucket answers 429 problem+json with <c>Retry-After</c>. In front of authentication, a
/// bucket per client address counts failed authentications: an address that keeps sending unknown keys is answered 429
/// before its keys cost a lookup.
/// </summary>
public static class RateLimits
{
    public const string PerKeyPolicy = "per-api-key";

    /// <summary>Answers 429 to an address whose failed authentications used up its allowance; counts each 401 it gets.</summary>
    public static WebApplication UseFailedAuthenticationLimit(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.FailedAuthenticationLimit,
                TokensPerPeriod = limits.FailedAuthenticationsPerPeriod,
                ReplenishmentPeriod = limits.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            // Asks whether one whole failure is left, without taking it. Not a zero-permit acquire: the partitioned
            // limiter refills its buckets in fractions every 100 ms, and a zero-permit acquire succeeds on a fraction.
            if (OnLiveBucket(() => failures.GetStatistics(address)?.CurrentAvailablePermits) is not >= 1)
            {
                await TooManyAsync(context, limits.ReplenishmentPeriod,
                    "Too many requests from this address failed authentication. Check the API key, then try again in {0} s.");
                return;
            }
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
                OnLiveBucket(() => failures.AttemptAcquire(address, 1)).Dispose();
        });
        return app;
    }

    /// <summary>
    /// Uses an address's bucket, looking it up again if it was disposed in the meantime: the partitioned limiter disposes
    /// a bucket left full for 10 s, and a request that looked it up just before would otherwise fail. The second
    /// lookup finds a fresh, full bucket, which is what the disposed one held.
    /// </summary>
    private static T OnLiveBucket<T>(Func<T> use)
    {
        try
        {
            return use();
        }
        catch (ObjectDisposedException)
        {
            return use();
        }
    }

    private static async Task TooManyAsync(HttpContext context, TimeSpan wait, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = string.Format(CultureInfo.InvariantCulture, detail, seconds),
            },
        });
    }

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ReplenishmentPeriod > TimeSpan.Zero, "RelIntel:RateLimit:ReplenishmentPeriod must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PerKeyPolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var partition = Caller.From(context.User)?.KeyId ?? "anonymous";
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.TokenLimit,
                    TokensPerPeriod = limits.TokensPerPeriod,
                    ReplenishmentPeriod = limits.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var limits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.ReplenishmentPeriod;
                await TooManyAsync(rejected.HttpContext, wait,
                    $"This API key has used its rate ({limits.TokensPerPeriod} per {limits.ReplenishmentPeriod}, bursts of " +
                    $"{limits.TokenLimit}). Try again in {{0}} s.");
            };
        });
        return services;
    }
}
