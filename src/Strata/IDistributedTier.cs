namespace Strata;

/// <summary>
/// The L2 (distributed) tier: opaque envelopes (bytes) by full key with an absolute expiry, invalidation stamps for
/// tags and namespaces, and a stream of changes made by other nodes. The engine does all encoding; a tier stores
/// bytes. Every implementation must pass the L2 conformance suite.
/// </summary>
/// <remarks>
/// Errors are thrown (any exception); the engine turns them into misses, counts them and feeds its circuit breaker.
/// Implementations must be thread-safe.
/// </remarks>
public interface IDistributedTier
{
    /// <summary>A short name for logs, metrics and health (e.g. <c>redis</c>, <c>memory</c>).</summary>
    string Name { get; }

    /// <summary>Gets the bytes stored under <paramref name="key"/>, or null when absent or expired.</summary>
    ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Gets many keys at once (one round trip where the store allows); the result has one slot per key, in
    /// order, null where absent.</summary>
    ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> until <paramref name="expiresAt"/> (the entry's stale horizon), and
    /// tells other nodes the key changed.</summary>
    ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Stores many entries (pipelined where the store allows).</summary>
    ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken);

    /// <summary>Removes the keys and tells other nodes they changed.</summary>
    ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Gets the invalidation stamps stored under the given keys (0 where none): tag, namespace and global
    /// ("*") stamps in the engine's hybrid-clock ticks.</summary>
    ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Raises the stamp under <paramref name="key"/> to at least <paramref name="stamp"/> (never lowers it),
    /// keeps it for <paramref name="retention"/>, and tells other nodes it changed.</summary>
    ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Physically deletes every key starting with <paramref name="keyPrefix"/> (in the background of the
    /// caller: incremental, never blocking the store). Returns the number of keys removed.</summary>
    ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken);

    /// <summary>A cheap round trip proving the store answers (the circuit breaker's probe).</summary>
    ValueTask PingAsync(CancellationToken cancellationToken);

    /// <summary>Starts delivering other nodes' changes to <paramref name="observer"/>; dispose the result to stop.</summary>
    IDisposable Subscribe(IDistributedTierObserver observer);
}
