using System.Net;

namespace RelIntel.Tests.Charter;

/// <summary>Each API key has its own token bucket: empty, it answers 429 with Retry-After, and refills with time.</summary>
public sealed class RateLimitTests : ApiTest
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RelIntel:RateLimit:TokenLimit"] = "3",
        ["RelIntel:RateLimit:TokensPerPeriod"] = "3",
        ["RelIntel:RateLimit:ReplenishmentPeriod"] = "00:00:01",
    };

    [Test]
    public async Task An_empty_bucket_is_a_429_with_retry_after_and_recovers()
    {
        // The admin client made no call yet in this fixture: its key has its own bucket of 3.
        var key = await Keys.CreateAsync("integration");
        using var client = Keys.ClientFor(key.Secret);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/organizations?pageSize=1");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else await response.ShouldBe(HttpStatusCode.OK);
        }
        Assert.That(limited, Is.Not.Null, "ten quick calls should empty a bucket of 3");
        await limited!.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        Assert.That(limited.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));

        // Another key is not affected.
        using var other = Keys.ClientFor((await Keys.CreateAsync("integration")).Secret);
        await other.GetAsync("/api/organizations?pageSize=1").Result.ShouldBe(HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await client.GetAsync("/api/organizations?pageSize=1").Result.ShouldBe(HttpStatusCode.OK);
    }
}
