namespace Strata.AspNetCore.Metrics;

/// <summary>What a series does with a measurement.</summary>
internal enum MetricAggregation
{
    /// <summary>Adds it (counters and up-down counters report deltas).</summary>
    Sum,

    /// <summary>Keeps the latest (gauges, and observable instruments, which report totals).</summary>
    LastValue,

    /// <summary>Counts it into a bucket and adds it to the sum.</summary>
    Histogram,
}
