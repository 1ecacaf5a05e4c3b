using System.Threading.RateLimiting;
using Strata.RateLimiting.Tests.Infrastructure;

namespace Strata.RateLimiting.Tests.Conformance;

/// <summary>
/// What every Strata limiter must do, in memory and on Redis. Derived classes create the limiter with a limit and a
/// window long enough (a minute, a day) that nothing refills during a test; in-memory clocks are frozen.
/// </summary>
public abstract class RateLimiterConformanceTests
{
    protected const int Limit = 5;

    /// <summary>Whether rejections carry a retry-after (all but concurrency limiters).</summary>
    protected virtual bool RejectionsCarryRetryAfter => true;

    protected abstract StrataPartitionedRateLimiter Create(int limit);

    /// <summary>
    /// Fires <paramref name="count"/> single-permit acquisitions "at once" and returns the leases. In memory the clock is
    /// frozen, so sequential calls share one instant; on Redis they are concurrent.
    /// </summary>
    protected virtual async Task<RateLimitLease[]> BurstAsync(StrataPartitionedRateLimiter limiter, string partition, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => limiter.AcquireAsync(partition).AsTask()));

    [Fact]
    public async Task AcquireAsync_WithinLimit_AcquiresAndCarriesQuota()
    {
        using var limiter = Create(Limit);

        using var lease = await limiter.AcquireAsync("p");

        lease.IsAcquired.ShouldBeTrue();
        var quota = lease.Quota();
        quota.Policy.ShouldBe(limiter.PolicyName);
        quota.Limit.ShouldBe(Limit);
        quota.Remaining.ShouldBe(Limit - 1);
        lease.TryGetMetadata(MetadataName.RetryAfter, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task AcquireAsync_TwiceTheLimitAtOnce_AdmitsExactlyTheLimit()
    {
        using var limiter = Create(Limit);

        var leases = await BurstAsync(limiter, "burst", 2 * Limit);

        leases.Count(l => l.IsAcquired).ShouldBe(Limit);
        leases.Where(l => l.IsAcquired).Select(l => l.Quota().Remaining).Order().ShouldBe(Enumerable.Range(0, Limit).Select(i => (long)i));
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task AcquireAsync_OverTheLimit_RejectsWithQuotaAndRetryAfter()
    {
        using var limiter = Create(Limit);
        var held = await BurstAsync(limiter, "p", Limit);

        using var rejected = await limiter.AcquireAsync("p");

        rejected.IsAcquired.ShouldBeFalse();
        rejected.Quota().Remaining.ShouldBe(0);
        rejected.Quota().Limit.ShouldBe(Limit);
        if (RejectionsCarryRetryAfter)
        {
            rejected.RetryAfter().ShouldBeGreaterThan(TimeSpan.Zero);
            // A sliding-window counter may have to wait for the next window and then part of it: at most two windows.
            rejected.RetryAfter().ShouldBeLessThanOrEqualTo(2 * rejected.Quota().Window);
        }
        else
        {
            rejected.TryGetMetadata(MetadataName.RetryAfter, out _).ShouldBeFalse();
        }

        held.ShouldAllBe(l => l.IsAcquired);
    }

    [Fact]
    public async Task AcquireAsync_OtherPartition_IsIndependent()
    {
        using var limiter = Create(Limit);
        await BurstAsync(limiter, "a", Limit);

        using var other = await limiter.AcquireAsync("b");
        using var same = await limiter.AcquireAsync("a");

        other.IsAcquired.ShouldBeTrue();
        same.IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public async Task AcquireAsync_SeveralPermits_TakesThemTogether()
    {
        using var limiter = Create(Limit);

        using var three = await limiter.AcquireAsync("p", 3);
        using var three_more = await limiter.AcquireAsync("p", 3);
        using var two = await limiter.AcquireAsync("p", 2);

        three.IsAcquired.ShouldBeTrue();
        three.Quota().Remaining.ShouldBe(Limit - 3);
        three_more.IsAcquired.ShouldBeFalse();
        two.IsAcquired.ShouldBeTrue();
        two.Quota().Remaining.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_ZeroPermits_ReportsAvailabilityWithoutTaking()
    {
        using var limiter = Create(Limit);

        using var probe = await limiter.AcquireAsync("p", 0);
        var held = await BurstAsync(limiter, "p", Limit);
        using var emptyProbe = await limiter.AcquireAsync("p", 0);

        probe.IsAcquired.ShouldBeTrue();
        held.ShouldAllBe(l => l.IsAcquired);
        emptyProbe.IsAcquired.ShouldBeFalse();
    }

    [Fact]
    public async Task GetUsageAsync_AfterAcquisitions_ReportsRemainingWithoutTaking()
    {
        using var limiter = Create(Limit);
        var fresh = await limiter.GetUsageAsync("p");
        await BurstAsync(limiter, "p", 2);

        var usage = await limiter.GetUsageAsync("p");
        var again = await limiter.GetUsageAsync("p");

        fresh.Remaining.ShouldBe(Limit);
        usage.Remaining.ShouldBe(Limit - 2);
        usage.Limit.ShouldBe(Limit);
        again.Remaining.ShouldBe(Limit - 2);
    }

    [Fact]
    public async Task GetStatistics_CountsSuccessfulAndFailedLeases()
    {
        using var limiter = Create(Limit);
        for (var i = 0; i < Limit + 2; i++)
        {
            // One at a time: on Redis the statistics remember this instance's latest decision.
            await limiter.AcquireAsync("p");
        }

        var statistics = limiter.GetStatistics("p").ShouldNotBeNull();

        statistics.TotalSuccessfulLeases.ShouldBe(Limit);
        statistics.TotalFailedLeases.ShouldBe(2);
        statistics.CurrentAvailablePermits.ShouldBe(0);
    }

    [Fact]
    public async Task PartitionLimiter_SharesThePartitionsState()
    {
        using var limiter = Create(Limit);
        await BurstAsync(limiter, "p", Limit);
        var view = limiter.GetPartitionLimiter("p");

        using var lease = await view.AcquireAsync();
        await view.DisposeAsync();

        lease.IsAcquired.ShouldBeFalse();
        (await limiter.GetUsageAsync("p")).Remaining.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_MorePermitsThanTheLimit_ThrowsNamingPermitCount()
    {
        using var limiter = Create(Limit);

        var error = await Should.ThrowAsync<ArgumentOutOfRangeException>(async () => await limiter.AcquireAsync("p", Limit + 1));
        var syncError = Should.Throw<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire("p", Limit + 1));
        var negative = Should.Throw<ArgumentOutOfRangeException>(() => limiter.AttemptAcquire("p", -1));

        error.ParamName.ShouldBe("permitCount");
        error.Message.ShouldContain(limiter.PolicyName);
        syncError.ParamName.ShouldBe("permitCount");
        negative.ParamName.ShouldBe("permitCount");
    }

    [Fact]
    public async Task AcquireAsync_NullPartition_Throws()
    {
        using var limiter = Create(Limit);

        await Should.ThrowAsync<ArgumentNullException>(async () => await limiter.AcquireAsync(null!));
        Should.Throw<ArgumentNullException>(() => limiter.GetPartitionLimiter(null!));
    }

    [Fact]
    public async Task AcquireAsync_CancelledToken_ThrowsWithoutTaking()
    {
        using var limiter = Create(Limit);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () => await limiter.AcquireAsync("p", 1, cancelled.Token));

        (await limiter.GetUsageAsync("p")).Remaining.ShouldBe(Limit);
    }

    [Fact]
    public async Task Dispose_ThenAcquire_ThrowsObjectDisposed()
    {
        var limiter = Create(Limit);
        await limiter.DisposeAsync();

        await Should.ThrowAsync<ObjectDisposedException>(async () => await limiter.AcquireAsync("p"));
        Should.Throw<ObjectDisposedException>(() => limiter.AttemptAcquire("p"));
    }
}
