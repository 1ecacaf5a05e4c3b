namespace Strata.AspNetCore.Metrics;

/// <summary>The history points asked for, oldest first, with the sampling settings that produced them.</summary>
internal sealed record MetricsHistorySnapshot(double IntervalSeconds, int Capacity, IReadOnlyList<MetricsHistoryPoint> Points);
