namespace Strata.AspNetCore.Metrics;

/// <summary>One series of a gauge (or up-down counter) and its current value.</summary>
internal sealed record GaugeReading(IReadOnlyDictionary<string, string> Tags, double Value);
