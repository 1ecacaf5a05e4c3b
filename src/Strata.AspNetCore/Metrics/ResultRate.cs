namespace Strata.AspNetCore.Metrics;

/// <summary>Events per second over one history interval, for one <c>result</c> tag value.</summary>
internal sealed record ResultRate(string Result, double PerSecond);
