namespace Strata.AspNetCore.Metrics;

/// <summary>
/// One dashboard point: rates and latencies over the interval that ended at <see cref="Timestamp"/>, gauges at that
/// moment. Latencies are in seconds, estimated from the buckets recorded in the interval only (see
/// <see cref="HistogramQuantile"/>). Values that do not exist (no reads, no L1) are null, never NaN, so the point
/// serialises to JSON as is.
/// </summary>
internal sealed record MetricsHistoryPoint(
    DateTimeOffset Timestamp,
    double IntervalSeconds,
    IReadOnlyList<ReadRate> Reads,
    IReadOnlyList<TierHitRatio> HitRatios,
    IReadOnlyList<ResultRate> ResponseCache,
    HistogramQuantiles FactoryLatency,
    HistogramQuantiles L2Latency,
    long? L1Bytes,
    long? L1Entries,
    int? BreakerState,
    IReadOnlyList<ResultRate> RateLimit);
