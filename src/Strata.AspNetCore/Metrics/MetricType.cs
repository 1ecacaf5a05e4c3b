namespace Strata.AspNetCore.Metrics;

/// <summary>How a family is exposed to Prometheus.</summary>
internal enum MetricType
{
    /// <summary>A monotonic sum (<c>Counter</c>, <c>ObservableCounter</c>): <c>counter</c>, name ending in <c>_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down (gauges and up-down counters): <c>gauge</c>.</summary>
    Gauge,

    /// <summary>Explicit buckets plus sum and count: <c>histogram</c>.</summary>
    Histogram,
}
