namespace Strata.AspNetCore.Metrics;

/// <summary>
/// A histogram's count, sum and estimated p50/p95/p99 (in the instrument's unit: seconds for durations); the
/// quantiles are null without observations (JSON has no NaN). See <see cref="HistogramQuantile"/> for the estimate.
/// </summary>
internal sealed record HistogramQuantiles(long Count, double Sum, double? P50, double? P95, double? P99)
{
    public static HistogramQuantiles Empty { get; } = new(0, 0, null, null, null);
}
