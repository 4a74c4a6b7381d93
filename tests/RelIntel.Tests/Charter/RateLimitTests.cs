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
        await other.GetAsync("/api/organizations?pageSize=1").ShouldBe(HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await client.GetAsync("/api/organizations?pageSize=1").ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>
/// In front of authentication: an address that keeps failing authentication is answered 429 before its keys cost a
/// lookup, and recovers with time; a revoked key still fails on its very next call.
/// </summary>
public sealed class FailedAuthenticationLimitTests : ApiTest
{
    // Failures come back a fraction every 100 ms, one a second here: a quick burst uses them up well before a whole one is back.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PeriodAndABit = Period + TimeSpan.FromSeconds(0.3);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RelIntel:RateLimit:FailedAuthenticationLimit"] = "3",
        ["RelIntel:RateLimit:FailedAuthenticationsPerPeriod"] = "3",
        ["RelIntel:RateLimit:ReplenishmentPeriod"] = Period.ToString(),
    };

    [Test]
    public async Task An_address_sending_unknown_keys_is_slowed_down_before_authentication_and_recovers()
    {
        // Every call of this fixture comes from one address: the tests before this one may have used its failures up.
        await Task.Delay(PeriodAndABit);
        var key = await Keys.CreateAsync("integration");
        using var good = Keys.ClientFor(key.Secret);
        // Unknown keys until the address is slowed down, then the good key at once. A replenishment can fall between the
        // two on a busy machine (the good key then rightly passes): the burst is sent again, at most three times.
        HttpResponseMessage? limited = null;
        for (var attempt = 0; attempt < 3 && limited?.StatusCode != HttpStatusCode.TooManyRequests; attempt++)
        {
            limited?.Dispose();
            var statuses = await UnknownKeysUntilSlowedDownAsync();
            if (attempt == 0) Assert.That(statuses.Take(3), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(statuses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests), string.Join(", ", statuses));
            limited = await good.GetAsync("/api/organizations?pageSize=1");
        }
        using var lastAnswer = limited!;
        await lastAnswer.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        Assert.That(lastAnswer.Headers.RetryAfter?.Delta?.TotalSeconds, Is.GreaterThanOrEqualTo(1));

        await Task.Delay(PeriodAndABit);
        await good.GetAsync("/api/organizations?pageSize=1").ShouldBe(HttpStatusCode.OK);
        // Open endpoints are not behind it.
        await good.GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_address_pacing_its_unknown_keys_is_slowed_down_too()
    {
        await Task.Delay(PeriodAndABit);
        // Failures come back a fraction at a time (one a second here): an unknown key every 150 ms uses them up faster
        // than they come back, so this address is slowed down as a burst is.
        var statuses = await UnknownKeysUntilSlowedDownAsync(pause: TimeSpan.FromMilliseconds(150));
        Assert.That(statuses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests), string.Join(", ", statuses));
    }

    private async Task<List<HttpStatusCode>> UnknownKeysUntilSlowedDownAsync(TimeSpan pause = default)
    {
        var statuses = new List<HttpStatusCode>();
        while (statuses.Count < 20 && statuses.LastOrDefault() != HttpStatusCode.TooManyRequests)
        {
            await Task.Delay(pause);
            using var bad = Keys.ClientFor($"not-a-key-{statuses.Count}");
            using var response = await bad.GetAsync("/api/organizations?pageSize=1");
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    [Test]
    public async Task A_revoked_key_fails_on_its_next_call_and_every_call_after()
    {
        await Task.Delay(PeriodAndABit);
        var key = await Keys.CreateAsync("integration");
        using var client = Keys.ClientFor(key.Secret);
        await client.GetAsync("/api/organizations?pageSize=1").ShouldBe(HttpStatusCode.OK);
        await Keys.RevokeAsync(key.Id);
        await client.GetAsync("/api/organizations?pageSize=1").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await client.GetAsync("/api/organizations?pageSize=1").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
