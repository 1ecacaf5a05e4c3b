using System.Diagnostics.Metrics;
using Strata.RateLimiting.Diagnostics;

namespace Strata.RateLimiting;

/// <summary>Usage of the live Strata limiters, without a metrics listener: what an admin page shows.</summary>
public static class StrataRateLimitDiagnostics
{
    /// <summary>
    /// Every live limiter created with <paramref name="meterFactory"/> (the one in
    /// <see cref="StrataRateLimiterOptions.MeterFactory"/>; null: limiters created without one), with its busiest
    /// partitions. Disposed limiters are gone from the list.
    /// </summary>
    /// <param name="meterFactory">The meter factory the limiters were created with.</param>
    /// <param name="topPartitions">How many partitions to list per limiter (1 to 64).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topPartitions"/> is outside 1–64.</exception>
    public static IReadOnlyList<RateLimitPolicyUsage> GetUsage(IMeterFactory? meterFactory, int topPartitions = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topPartitions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(topPartitions, PartitionActivity.Capacity);
        return RateLimitingMetrics.For(meterFactory).Usage(topPartitions);
    }
}
