namespace Strata.AspNetCore.Metrics;

/// <summary>
/// The share of a tier's reads in one interval that it answered, (hit + stale) / (hit + stale + miss): a stale value
/// served is served from the cache. Null when the tier had no reads in the interval.
/// </summary>
internal sealed record TierHitRatio(string Tier, double? Ratio);
