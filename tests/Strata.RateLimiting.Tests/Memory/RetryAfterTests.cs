using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Memory;

/// <summary>
/// In memory the retry-after is exact: on a manual clock, acquiring at exactly now + RetryAfter succeeds and one
/// millisecond earlier fails, for every time-based algorithm.
/// </summary>
public sealed class RetryAfterTests
{
    public static TheoryData<string> Algorithms => ["gcra", "swc", "swl", "quota"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void AttemptAcquire_AtRetryAfter_SucceedsAndOneMillisecondEarlierFails(string algorithm)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 10, 14, 7, 13, 250, TimeSpan.Zero));
        using var limiter = Create(algorithm, 4, TimeSpan.FromSeconds(10), clock);
        clock.Advance(TimeSpan.FromMilliseconds(3_700));
        for (var i = 0; i < 4; i++)
        {
            limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        }

        using var rejected = limiter.AttemptAcquire("p");
        var retryAfter = rejected.RetryAfter();

        rejected.IsAcquired.ShouldBeFalse();
        retryAfter.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(1));
        clock.Advance(retryAfter - TimeSpan.FromMilliseconds(1));
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeFalse();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
    }

    [Fact]
    public void Gcra_SustainedRate_AdmitsOnePermitPerInterval()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Create("gcra", 3, TimeSpan.FromSeconds(1), clock);
        for (var i = 0; i < 3; i++)
        {
            limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        }

        // 1 s / 3 is not a whole number of ticks; the exact arithmetic must not drift over many intervals.
        for (var i = 0; i < 300; i++)
        {
            using var early = limiter.AttemptAcquire("p");
            early.IsAcquired.ShouldBeFalse();
            clock.Advance(early.RetryAfter());
            limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        }

        clock.UtcNow.ShouldBe(ManualTimeProvider.DefaultStart + TimeSpan.FromSeconds(100), TimeSpan.FromTicks(1));
    }

    [Fact]
    public void Gcra_Burst_AllowsBurstThenTheRate()
    {
        var clock = new ManualTimeProvider();
        using var limiter = StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
        {
            PermitLimit = 10, Window = TimeSpan.FromSeconds(1), Burst = 2, TimeProvider = clock,
        });

        limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        using var second = limiter.AttemptAcquire("p");
        using var third = limiter.AttemptAcquire("p");

        second.IsAcquired.ShouldBeTrue();
        second.Quota().Limit.ShouldBe(2);
        second.Quota().Window.ShouldBe(TimeSpan.FromMilliseconds(200));
        third.IsAcquired.ShouldBeFalse();
        third.RetryAfter().ShouldBe(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void SlidingWindowCounter_PreviousWindowWeighsByOverlap()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Create("swc", 10, TimeSpan.FromSeconds(10), clock);
        for (var i = 0; i < 10; i++)
        {
            limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        }

        // 2.5 s into the next window, the previous 10 weigh 7.5: 2 more fit, not 3.
        clock.Advance(TimeSpan.FromSeconds(12.5));
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeTrue();
        limiter.AttemptAcquire("p").IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public void SlidingWindowLog_SameInstant_EveryPermitCounts()
    {
        var clock = new ManualTimeProvider();
        using var limiter = Create("swl", 100, TimeSpan.FromSeconds(1), clock);

        var admitted = Enumerable.Range(0, 250).Count(_ => limiter.AttemptAcquire("p").IsAcquired);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var stillFull = limiter.AttemptAcquire("p").IsAcquired;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterWindow = Enumerable.Range(0, 250).Count(_ => limiter.AttemptAcquire("p").IsAcquired);

        admitted.ShouldBe(100);
        stillFull.ShouldBeFalse();
        afterWindow.ShouldBe(100);
    }

    internal static StrataPartitionedRateLimiter Create(string algorithm, int limit, TimeSpan window, TimeProvider clock) => algorithm switch
    {
        "gcra" => StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PermitLimit = limit, Window = window, TimeProvider = clock }),
        "swc" => StrataRateLimiter.CreateSlidingWindowCounter(new SlidingWindowCounterRateLimiterOptions { PermitLimit = limit, Window = window, TimeProvider = clock }),
        "swl" => StrataRateLimiter.CreateSlidingWindowLog(new SlidingWindowLogRateLimiterOptions { PermitLimit = limit, Window = window, TimeProvider = clock }),
        "quota" => StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions { PermitLimit = limit, Period = QuotaPeriod.Minute, TimeProvider = clock }),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
