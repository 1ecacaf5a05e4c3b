using Strata.Testing;

namespace Strata.RateLimiting.Tests.Conformance;

// Every in-memory limiter runs the conformance suite on a frozen manual clock.

public sealed class MemoryGcraConformanceTests : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
    {
        PolicyName = "gcra", PermitLimit = limit, Window = TimeSpan.FromMinutes(1), TimeProvider = new ManualTimeProvider(),
    });
}

public sealed class MemorySlidingWindowCounterConformanceTests : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateSlidingWindowCounter(new SlidingWindowCounterRateLimiterOptions
    {
        PolicyName = "swc", PermitLimit = limit, Window = TimeSpan.FromMinutes(1), TimeProvider = new ManualTimeProvider(),
    });
}

public sealed class MemorySlidingWindowLogConformanceTests : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateSlidingWindowLog(new SlidingWindowLogRateLimiterOptions
    {
        PolicyName = "swl", PermitLimit = limit, Window = TimeSpan.FromMinutes(1), TimeProvider = new ManualTimeProvider(),
    });
}

public sealed class MemoryQuotaConformanceTests : RateLimiterConformanceTests
{
    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions
    {
        PolicyName = "quota", PermitLimit = limit, Period = QuotaPeriod.Day, TimeProvider = new ManualTimeProvider(),
    });
}

public sealed class MemoryConcurrencyConformanceTests : RateLimiterConformanceTests
{
    protected override bool RejectionsCarryRetryAfter => false;

    protected override StrataPartitionedRateLimiter Create(int limit) => StrataRateLimiter.CreateConcurrency(new ConcurrencyRateLimiterOptions
    {
        PolicyName = "concurrency", PermitLimit = limit, TimeProvider = new ManualTimeProvider(),
    });
}
