using Strata.RateLimiting.Tests.Infrastructure;

namespace Strata.RateLimiting.Tests.Conformance;

// Every Redis limiter runs the conformance suite against a real redis-server; bursts are concurrent.

[Collection(RedisCollection.Name)]
public sealed class RedisGcraConformanceTests(RedisFixture redis) : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateGcra(
        new GcraRateLimiterOptions { PolicyName = "gcra", PermitLimit = limit, Window = TimeSpan.FromMinutes(1) }, redis.Options());
}

[Collection(RedisCollection.Name)]
public sealed class RedisSlidingWindowCounterConformanceTests(RedisFixture redis) : RateLimiterConformanceTests
{
    // A day-long window: a burst can never straddle a window boundary, where the previous window's weight shifts.
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateSlidingWindowCounter(
        new SlidingWindowCounterRateLimiterOptions { PolicyName = "swc", PermitLimit = limit, Window = TimeSpan.FromDays(1) }, redis.Options());
}

[Collection(RedisCollection.Name)]
public sealed class RedisSlidingWindowLogConformanceTests(RedisFixture redis) : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateSlidingWindowLog(
        new SlidingWindowLogRateLimiterOptions { PolicyName = "swl", PermitLimit = limit, Window = TimeSpan.FromMinutes(1) }, redis.Options());
}

[Collection(RedisCollection.Name)]
public sealed class RedisQuotaConformanceTests(RedisFixture redis) : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateQuota(
        new QuotaRateLimiterOptions { PolicyName = "quota", PermitLimit = limit, Period = QuotaPeriod.Month }, redis.Options());
}

[Collection(RedisCollection.Name)]
public sealed class RedisConcurrencyConformanceTests(RedisFixture redis) : RateLimiterConformanceTests
{
    protected override bool RejectionsCarryRetryAfter => false;

    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateConcurrency(
        new ConcurrencyRateLimiterOptions { PolicyName = "concurrency", PermitLimit = limit }, redis.Options());
}
