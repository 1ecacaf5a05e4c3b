using Strata.RateLimiting.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Quota;

/// <summary>Calendar quotas reset at the configured time on the configured zone's clock, across DST changes.</summary>
public sealed class QuotaWindowTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public void Daily_ResetsAtLocalMidnightOfTheZone()
    {
        // 2026-01-15 23:00 in Kolkata (+05:30) is 17:30 UTC; the quota resets at local midnight = 18:30 UTC.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 15, 17, 30, 0, TimeSpan.Zero));
        using var limiter = Daily(clock, Kolkata, TimeSpan.Zero, limit: 2);
        Take(limiter, 2).ShouldBe(2);

        using var rejected = limiter.AttemptAcquire("user123");
        rejected.IsAcquired.ShouldBeFalse();
        rejected.RetryAfter().ShouldBe(TimeSpan.FromHours(1));
        rejected.Quota().Window.ShouldBe(TimeSpan.FromDays(1));

        clock.SetUtcNow(new DateTimeOffset(2026, 1, 15, 18, 29, 59, 999, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(0);
        clock.SetUtcNow(new DateTimeOffset(2026, 1, 15, 18, 30, 0, TimeSpan.Zero));
        Take(limiter, 3).ShouldBe(2);
    }

    [Fact]
    public void Daily_WithResetTime_ResetsAtThatLocalTime()
    {
        // Resets at 09:00 New York time: 14:00 UTC in winter (EST, -05:00).
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 20, 13, 0, 0, TimeSpan.Zero));
        using var limiter = Daily(clock, NewYork, TimeSpan.FromHours(9), limit: 1);
        Take(limiter, 2).ShouldBe(1);

        clock.SetUtcNow(new DateTimeOffset(2026, 1, 20, 13, 59, 59, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(0);
        clock.SetUtcNow(new DateTimeOffset(2026, 1, 20, 14, 0, 0, TimeSpan.Zero));
        Take(limiter, 2).ShouldBe(1);
    }

    [Fact]
    public void Daily_AcrossSpringForward_TheDayLasts23Hours()
    {
        // 2026-03-08: New York springs forward at 02:00 EST; the day from midnight EST (05:00Z) ends at midnight EDT (04:00Z next day).
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero));
        using var limiter = Daily(clock, NewYork, TimeSpan.Zero, limit: 1);
        Take(limiter, 1).ShouldBe(1);

        using var rejected = limiter.AttemptAcquire("user123");

        rejected.Quota().Window.ShouldBe(TimeSpan.FromHours(23));
        rejected.RetryAfter().ShouldBe(TimeSpan.FromHours(23));
        clock.Advance(TimeSpan.FromHours(23) - TimeSpan.FromMilliseconds(1));
        Take(limiter, 1).ShouldBe(0);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Take(limiter, 1).ShouldBe(1);
    }

    [Fact]
    public void Daily_AcrossFallBack_TheDayLasts25Hours()
    {
        // 2026-11-01: New York falls back at 02:00 EDT; midnight EDT is 04:00Z, the next midnight EST is 05:00Z a day later.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero));
        using var limiter = Daily(clock, NewYork, TimeSpan.Zero, limit: 1);
        Take(limiter, 1).ShouldBe(1);

        using var rejected = limiter.AttemptAcquire("user123");

        rejected.Quota().Window.ShouldBe(TimeSpan.FromHours(25));
        rejected.RetryAfter().ShouldBe(TimeSpan.FromHours(25));
    }

    [Fact]
    public void Daily_ResetTimeInsideTheSpringForwardGap_ResetsOnceThatDay()
    {
        // 02:30 does not exist in New York on 2026-03-08; that day's window starts the gap's length later (03:30 EDT).
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero));
        using var limiter = Daily(clock, NewYork, new TimeSpan(2, 30, 0), limit: 1);
        Take(limiter, 1).ShouldBe(1);

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 8, 7, 29, 59, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(0);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(1);
        // The next day's 02:30 EDT is 06:30Z: a 23-hour window.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 6, 29, 59, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(0);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 6, 30, 0, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(1);
    }

    [Fact]
    public void Monthly_ResetsOnTheFirstOfTheMonthInTheZone()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
        using var limiter = StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions
        {
            PermitLimit = 1, Period = QuotaPeriod.Month, TimeZone = NewYork, TimeProvider = clock,
        });
        Take(limiter, 1).ShouldBe(1);

        // February starts at 2026-02-01 00:00 EST = 05:00Z.
        clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 4, 59, 59, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(0);
        clock.SetUtcNow(new DateTimeOffset(2026, 2, 1, 5, 0, 0, TimeSpan.Zero));
        Take(limiter, 1).ShouldBe(1);
    }

    [Fact]
    public async Task GetUsageAsync_ShowsTheDaysUseAndReset()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 15, 18, 0, 0, TimeSpan.Zero));
        using var limiter = Daily(clock, TimeZoneInfo.Utc, TimeSpan.Zero, limit: 1000);
        Take(limiter, 42).ShouldBe(42);

        var usage = await limiter.GetUsageAsync("user123");

        usage.Limit.ShouldBe(1000);
        usage.Remaining.ShouldBe(958);
        usage.ResetAfter.ShouldBe(TimeSpan.FromHours(6));
        usage.Window.ShouldBe(TimeSpan.FromDays(1));
    }

    private static StrataPartitionedRateLimiter Daily(TimeProvider clock, TimeZoneInfo zone, TimeSpan resetTime, int limit) =>
        StrataRateLimiter.CreateQuota(new QuotaRateLimiterOptions
        {
            PolicyName = "api-daily", PermitLimit = limit, Period = QuotaPeriod.Day, TimeZone = zone, ResetTime = resetTime, TimeProvider = clock,
        });

    private static int Take(StrataPartitionedRateLimiter limiter, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => limiter.AttemptAcquire("user123").IsAcquired);
}
