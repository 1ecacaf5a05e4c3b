using Strata.RateLimiting.Diagnostics;
using Strata.Testing;

namespace Strata.RateLimiting.Tests.Diagnostics;

/// <summary>The admin usage view: per-limiter totals and the busiest partitions, in bounded memory.</summary>
public sealed class UsageTests
{
    [Fact]
    public void GetUsage_AfterDecisions_CountsPerPolicyAndRanksPartitions()
    {
        using var meters = new TestMeterFactory();
        var clock = new ManualTimeProvider();
        using var limiter = StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions
        {
            PolicyName = "search", PermitLimit = 3, Window = TimeSpan.FromMinutes(1), TimeProvider = clock, MeterFactory = meters,
        });

        for (var i = 0; i < 5; i++)
        {
            limiter.AttemptAcquire("alice").Dispose();
        }

        limiter.AttemptAcquire("bob").Dispose();

        var usage = StrataRateLimitDiagnostics.GetUsage(meters).Single(u => u.Policy == "search");
        usage.Acquired.ShouldBe(4);
        usage.Rejected.ShouldBe(2);
        usage.PermitLimit.ShouldBe(3);
        usage.Distributed.ShouldBeFalse();
        usage.TopPartitions.ShouldBe(
        [
            new RateLimitPartitionUsage("alice", 5, 2, 0),
            new RateLimitPartitionUsage("bob", 1, 0, 0),
        ]);
        StrataRateLimitDiagnostics.GetUsage(meters, topPartitions: 1).Single(u => u.Policy == "search").TopPartitions.Count.ShouldBe(1);
    }

    [Fact]
    public void GetUsage_DisposedLimiter_IsGone()
    {
        using var meters = new TestMeterFactory();
        var limiter = StrataRateLimiter.CreateGcra(new GcraRateLimiterOptions { PolicyName = "gone", PermitLimit = 3, Window = TimeSpan.FromMinutes(1), MeterFactory = meters });
        StrataRateLimitDiagnostics.GetUsage(meters).ShouldContain(u => u.Policy == "gone");
        limiter.Dispose();
        StrataRateLimitDiagnostics.GetUsage(meters).ShouldNotContain(u => u.Policy == "gone");
        Should.Throw<ArgumentOutOfRangeException>(() => StrataRateLimitDiagnostics.GetUsage(meters, 0));
        Should.Throw<ArgumentOutOfRangeException>(() => StrataRateLimitDiagnostics.GetUsage(meters, PartitionActivity.Capacity + 1));
    }

    [Fact]
    public void PartitionActivity_ManyQuietPartitionsAndOneHeavy_KeepsTheHeavyOneWithBoundedError()
    {
        var activity = new PartitionActivity();
        for (var i = 0; i < 10_000; i++)
        {
            activity.Record($"quiet-{i}", acquired: true);
            if (i % 4 == 0)
            {
                activity.Record("heavy", acquired: i % 8 == 0);
            }
        }

        var top = activity.Top(3);
        top[0].Partition.ShouldBe("heavy");
        top[0].Rejected.ShouldBe(1250);
        // Space-Saving: the count may overestimate, by at most the error it inherited, never underestimate.
        top[0].Decisions.ShouldBeGreaterThanOrEqualTo(2500);
        (top[0].Decisions - top[0].MaxOvercount).ShouldBeLessThanOrEqualTo(2500);
    }
}
