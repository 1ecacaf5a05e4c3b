namespace Strata.Conformance;

/// <summary>
/// Wraps a node's <see cref="IDistributedTier"/> and logs what a test may need to wait for: writes that completed
/// (sets, removes, stamps), and other nodes' changes delivered to the cache on this node. A cache writes L2 in the
/// background after a factory run and hears other nodes asynchronously on a real server; tests await these logs
/// rather than guess how long that takes.
/// </summary>
public sealed class DistributedTierProbe : IDistributedTier, IDistributedLeaseTier
{
    private readonly IDistributedTier _inner;
    private volatile TaskCompletionSource? _heldSets;

    public DistributedTierProbe(IDistributedTier inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Full keys whose write (set, remove, stamp) through this node completed.</summary>
    public KeyLog Writes { get; } = new();

    /// <summary>Full keys of other nodes' changes that this node's observers (the cache) have handled.</summary>
    public KeyLog Heard { get; } = new();

    public string Name => _inner.Name;

    /// <summary>Holds every set (Set, SetMany) until <see cref="ReleaseSets"/>, as a slow link to the server would:
    /// a write the cache issued in the background is then still in flight while the test does something else.</summary>
    public void HoldSets() => _heldSets ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held sets through, in the order they were issued.</summary>
    public void ReleaseSets() => Interlocked.Exchange(ref _heldSets, null)?.TrySetResult();

    /// <summary>Completes once a write of a key ending with <c>:</c><paramref name="name"/> completed.</summary>
    public Task WrittenAsync(string name, int since = 0) =>
        Writes.WaitAsync(k => EndsWithName(k, name), $"An L2 write of '{name}'", since);

    /// <summary>Completes once this node handled another node's change of a key ending with <c>:</c><paramref name="name"/>.</summary>
    public Task HeardAsync(string name, int since = 0) =>
        Heard.WaitAsync(k => EndsWithName(k, name), $"Hearing a change of '{name}'", since);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => _inner.GetAsync(key, cancellationToken);

    public ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => _inner.GetManyAsync(keys, cancellationToken);

    public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (_heldSets is { } held)
        {
            await held.Task.ConfigureAwait(false);
        }

        await _inner.SetAsync(key, value, expiresAt, cancellationToken).ConfigureAwait(false);
        Writes.Add(key);
    }

    public async ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (_heldSets is { } held)
        {
            await held.Task.ConfigureAwait(false);
        }

        await _inner.SetManyAsync(writes, cancellationToken).ConfigureAwait(false);
        foreach (var write in writes)
        {
            Writes.Add(write.Key);
        }
    }

    public async ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _inner.RemoveAsync(keys, cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            Writes.Add(key);
        }
    }

    public ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => _inner.GetStampsAsync(keys, cancellationToken);

    public async ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken)
    {
        await _inner.SetStampAsync(key, stamp, retention, cancellationToken).ConfigureAwait(false);
        Writes.Add(key);
    }

    public ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken) => _inner.PurgeAsync(keyPrefix, cancellationToken);

    public ValueTask PingAsync(CancellationToken cancellationToken) => _inner.PingAsync(cancellationToken);

    public ValueTask<DistributedLeaseAttempt> TryAcquireLeaseAsync(string key, string leaseKey, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        Leases.TryAcquireLeaseAsync(key, leaseKey, owner, duration, cancellationToken);

    public async ValueTask ReleaseLeaseAsync(string leaseKey, string owner, CancellationToken cancellationToken)
    {
        await Leases.ReleaseLeaseAsync(leaseKey, owner, cancellationToken).ConfigureAwait(false);
        Writes.Add(leaseKey);
    }

    public IDisposable Subscribe(IDistributedTierObserver observer) => _inner.Subscribe(new LoggingObserver(observer, Heard));

    private IDistributedLeaseTier Leases => _inner as IDistributedLeaseTier
        ?? throw new NotSupportedException($"{_inner.GetType().Name} has no leases.");

    private static bool EndsWithName(string key, string name) =>
        key.Length > name.Length && key.EndsWith(name, StringComparison.Ordinal) && key[^(name.Length + 1)] == ':';

    /// <summary>Logs a change after the target handled it, so "heard" means "the cache has acted on it".</summary>
    private sealed class LoggingObserver(IDistributedTierObserver target, KeyLog heard) : IDistributedTierObserver
    {
        public void OnKeyChanged(string key)
        {
            target.OnKeyChanged(key);
            heard.Add(key);
        }

        public void OnAllChanged() => target.OnAllChanged();

        public void OnConnectionLost() => target.OnConnectionLost();

        public void OnConnectionRestored() => target.OnConnectionRestored();
    }
}
