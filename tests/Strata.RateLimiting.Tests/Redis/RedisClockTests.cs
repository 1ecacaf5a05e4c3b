using System.Threading.RateLimiting;
using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Redis;

/// <summary>
/// Redis limiters decide on the server's clock only: instances whose local clocks disagree by seconds (or are frozen)
/// still share one limit, and the retry-after is the server's.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClockTests(RedisFixture redis)
{
    public static TheoryData<string> Algorithms => ["gcra", "swc", "swl", "quota"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task TwoInstancesWithClocksTenSecondsApart_TogetherAdmitExactlyTheLimit(string algorithm)
    {
        const int limit = 20;
        var shared = redis.Options();
        var ahead = new ManualTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));
        var behind = new ManualTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5));
        using var first = Create(algorithm, limit, TimeSpan.FromMinutes(1), ahead, shared);
        using var second = Create(algorithm, limit, TimeSpan.FromMinutes(1), behind, shared);

        var leases = await Task.WhenAll(Enumerable.Range(0, 2 * limit).Select(i =>
            (i % 2 == 0 ? first : second).AcquireAsync("supplier-42").AsTask()));

        leases.Count(l => l.IsAcquired).ShouldBe(limit);
        ahead.Advance(TimeSpan.FromSeconds(30));
        (await first.AcquireAsync("supplier-42")).IsAcquired.ShouldBeFalse("a local clock moving on must not refill a Redis limiter");
    }

    [Fact]
    public async Task Quota_LocalClockADayOff_StillUsesTheServersWindow()
    {
        var shared = redis.Options();
        var farBehind = new ManualTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromDays(3));
        using var skewed = Create("quota", 3, TimeSpan.Zero, farBehind, shared);
        using var right = Create("quota", 3, TimeSpan.Zero, TimeProvider.System, shared);

        (await skewed.AcquireAsync("user123", 2)).IsAcquired.ShouldBeTrue();
        (await right.AcquireAsync("user123")).IsAcquired.ShouldBeTrue();
        (await skewed.AcquireAsync("user123")).IsAcquired.ShouldBeFalse();
        (await right.GetUsageAsync("user123")).Remaining.ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task RetryAfter_IsWithinTheWindowAndWaitingItOutSucceeds(string algorithm)
    {
        // A quota's retry-after is the rest of its (day-long) window: only check it, do not wait.
        var window = TimeSpan.FromMilliseconds(300);
        using var limiter = Create(algorithm, 3, window, TimeProvider.System, redis.Options());
        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync("p")).IsAcquired.ShouldBeTrue();
        }

        using var rejected = await limiter.AcquireAsync("p");
        var retryAfter = rejected.RetryAfter();

        rejected.IsAcquired.ShouldBeFalse();
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(2 * rejected.Quota().Window);
        if (algorithm == "quota")
        {
            return;
        }

        // Redis's own clock must pass: the one place these tests wait in real time (a few hundred ms at most). Timers
        // count whole milliseconds and the process timer and Redis TIME are read by different clocks, so round up
        // and allow a few ms; the exact-to-the-millisecond check is the in-memory one on the manual clock.
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(retryAfter.TotalMilliseconds) + 5));
        using var retried = await limiter.AcquireAsync("p");
        retried.IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public async Task Gcra_RetryAfter_IsTheEmissionIntervalToTheMillisecond()
    {
        // 4 per 400 ms: one permit every 100 ms. Right after a burst the next permit is due 100 ms after the first one.
        using var limiter = Create("gcra", 4, TimeSpan.FromMilliseconds(400), TimeProvider.System, redis.Options());
        var burst = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync("p").AsTask()));
        burst.ShouldAllBe(l => l.IsAcquired);

        using var rejected = await limiter.AcquireAsync("p");

        rejected.RetryAfter().ShouldBeInRange(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        rejected.Quota().Window.ShouldBe(TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Queue_OnRedis_WaitsForTheRetryAfterAndAcquires()
    {
        using var limiter = StrataRateLimiter.CreateGcra(
            new GcraRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromMilliseconds(400), QueueLimit = 1 }, redis.Options());
        (await limiter.AcquireAsync("p", 2)).IsAcquired.ShouldBeTrue();

        var queued = limiter.AcquireAsync("p");
        using var tooBigToQueue = await limiter.AcquireAsync("p", 2);
        using var lease = await queued;

        tooBigToQueue.IsAcquired.ShouldBeFalse();
        tooBigToQueue.RetryAfter().ShouldBeGreaterThan(TimeSpan.Zero);
        lease.IsAcquired.ShouldBeTrue();
    }

    internal static StrataPartitionedRateLimiter Create(string algorithm, int limit, TimeSpan window, TimeProvider clock, RedisRateLimiterOptions redis) => algorithm switch
    {
        "gcra" => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PolicyName = "clock", PermitLimit = limit, Window = window, TimeProvider = clock }, redis),
        "swc" => StrataRateLimiter.CreateSlidingWindowCounter(
            new SlidingWindowCounterRateLimiterOptions { PolicyName = "clock", PermitLimit = limit, Window = window, TimeProvider = clock }, redis),
        "swl" => StrataRateLimiter.CreateSlidingWindowLog(
            new SlidingWindowLogRateLimiterOptions { PolicyName = "clock", PermitLimit = limit, Window = window, TimeProvider = clock }, redis),
        "quota" => StrataRateLimiter.CreateQuota(
            new QuotaRateLimiterOptions { PolicyName = "clock", PermitLimit = limit, Period = QuotaPeriod.Day, TimeProvider = clock }, redis),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
