namespace Strata.Engine;

/// <summary>What a single-flight run hands each waiter: the entry (stored or not) and how it was obtained.
/// <see cref="Found"/> is false when a batched factory returned nothing for the key.</summary>
internal readonly record struct FlightOutcome(L1Entry Entry, CacheResultStatus Status, CacheTier Tier, bool Found = true);
