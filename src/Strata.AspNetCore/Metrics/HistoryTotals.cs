namespace Strata.AspNetCore.Metrics;

/// <summary>The running totals a history point is the difference of (the previous point's are its baseline).</summary>
internal sealed record HistoryTotals(
    long Timestamp,
    Dictionary<(string Tier, string Result), double> Reads,
    IReadOnlyDictionary<string, double> ResponseCache,
    IReadOnlyDictionary<string, double> RateLimit,
    HistogramSnapshot? Factory,
    HistogramSnapshot? L2);
