namespace Strata;

/// <summary>A bounded sample of L2 keys.</summary>
/// <param name="Keys">Keys found (full keys as stored) with their remaining time to live, null when the key has no expiry.</param>
/// <param name="Examined">About how many keys the tier looked at to find them (for Redis, SCAN steps times the page size hint).</param>
/// <param name="Complete">Whether the whole key space was covered (so <paramref name="Keys"/> is every match, up to the limit).</param>
public sealed record DistributedKeySample(IReadOnlyList<KeyValuePair<string, TimeSpan?>> Keys, long Examined, bool Complete);
