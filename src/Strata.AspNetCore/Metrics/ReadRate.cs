namespace Strata.AspNetCore.Metrics;

/// <summary>Cache reads per second over one history interval, for one tier (<c>l1</c>, <c>l2</c>) and result (<c>hit</c>, <c>miss</c>, <c>stale</c>).</summary>
internal sealed record ReadRate(string Tier, string Result, double PerSecond);
