namespace Strata;

/// <summary>One write of <see cref="IDistributedTier.SetManyAsync"/>.</summary>
/// <param name="Key">The full key.</param>
/// <param name="Value">The envelope bytes.</param>
/// <param name="ExpiresAt">The stale horizon: the store may drop the value after it.</param>
public readonly record struct DistributedWrite(string Key, ReadOnlyMemory<byte> Value, DateTimeOffset ExpiresAt);
