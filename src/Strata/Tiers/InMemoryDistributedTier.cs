namespace Strata.Tiers;

/// <summary>
/// An <see cref="IDistributedTier"/> in process memory: one node's connection to an
/// <see cref="InMemoryDistributedStore"/>. Passes the L2 conformance suite; used in tests, demos, and as the
/// reference the Redis tier is checked against. Values are copied in and out, as a real store would.
/// </summary>
public sealed class InMemoryDistributedTier : IDistributedTier, IDistributedLeaseTier
{
    private readonly Lock _gate = new();
    private IDistributedTierObserver[] _observers = [];

    /// <summary>A tier over a store of its own.</summary>
    public InMemoryDistributedTier(TimeProvider? time = null)
        : this(new InMemoryDistributedStore(time))
    {
    }

    /// <summary>A tier over a shared store: tiers over one store are nodes of one cluster.</summary>
    public InMemoryDistributedTier(InMemoryDistributedStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        store.Attach(this);
    }

    /// <summary>The store behind this tier.</summary>
    public InMemoryDistributedStore Store { get; }

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Store.Get(key) is { } value ? (byte[]?)value.ToArray() : null);
    }

    /// <inheritdoc />
    public ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = new byte[]?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            values[i] = Store.Get(keys[i])?.ToArray();
        }

        return ValueTask.FromResult(values);
    }

    /// <inheritdoc />
    public ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Store.Set(key, value.ToArray(), expiresAt.UtcTicks);
        Store.Notify(this, key);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var write in writes)
        {
            Store.Set(write.Key, write.Value.ToArray(), write.ExpiresAt.UtcTicks);
        }

        foreach (var write in writes)
        {
            Store.Notify(this, write.Key);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var key in keys)
        {
            Store.Remove(key);
            Store.Notify(this, key);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stamps = new long[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            stamps[i] = Store.Get(keys[i]) is { Length: 8 } bytes ? BitConverter.ToInt64(bytes) : 0;
        }

        return ValueTask.FromResult(stamps);
    }

    /// <inheritdoc />
    public ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Store.RaiseStamp(key, stamp, (Store.Time.GetUtcNow() + retention).UtcTicks);
        Store.Notify(this, key);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Store.Purge(keyPrefix));
    }

    /// <inheritdoc />
    public ValueTask PingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DistributedLeaseAttempt> TryAcquireLeaseAsync(string key, string leaseKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(leaseKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var (acquired, heldFor) = Store.TryAcquireLease(leaseKey, owner, duration);
        if (acquired)
        {
            Store.Notify(this, leaseKey);
        }

        return ValueTask.FromResult(new DistributedLeaseAttempt(acquired, Store.Get(key)?.ToArray(), heldFor));
    }

    /// <inheritdoc />
    public ValueTask ReleaseLeaseAsync(string leaseKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseKey);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        cancellationToken.ThrowIfCancellationRequested();
        if (Store.ReleaseLease(leaseKey, owner))
        {
            Store.Notify(this, leaseKey);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IDistributedTierObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return new Subscription(this, observer);
    }

    internal void Deliver(string key)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnKeyChanged(key);
        }
    }

    private void Unsubscribe(IDistributedTierObserver observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers.Where(o => !ReferenceEquals(o, observer))];
        }
    }

    private sealed class Subscription(InMemoryDistributedTier owner, IDistributedTierObserver observer) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(observer);
    }
}
