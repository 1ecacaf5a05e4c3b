namespace Strata.Tiers;

/// <summary>
/// Wraps an <see cref="IDistributedTier"/> and injects failures on demand: an outage (every call throws and
/// observers hear the connection drop), the next N calls failing, a random error rate (seeded), latency (through the
/// given <see cref="TimeProvider"/>, so a manual clock controls it), and lost change notifications. For tests of the
/// engine's resilience, and for chaos drills in a staging environment.
/// </summary>
public sealed class ChaosDistributedTier : IDistributedTier, IDistributedLeaseTier
{
    private readonly IDistributedTier _inner;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Random _random;
    private IDistributedTierObserver[] _observers = [];
    private volatile bool _down;
    private int _failNext;
    private long _calls;
    private long _failures;

    /// <summary>Wraps <paramref name="inner"/>; <paramref name="seed"/> makes <see cref="ErrorRate"/> reproducible.</summary>
    public ChaosDistributedTier(IDistributedTier inner, TimeProvider? time = null, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _time = time ?? TimeProvider.System;
        _random = new Random(seed);
    }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary>Whether the tier is in an outage (<see cref="GoDown"/>).</summary>
    public bool IsDown => _down;

    /// <summary>The probability, in [0, 1], that a call fails. Default 0.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Delay added before every call. Default zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When true, other nodes' change notifications are dropped (as if the invalidation stream lost them).</summary>
    public bool DropNotifications { get; set; }

    /// <summary>Calls received (including failed ones).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Calls that were made to fail.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Starts an outage: every call throws, and observers are told the connection was lost.</summary>
    public void GoDown()
    {
        _down = true;
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnConnectionLost();
        }
    }

    /// <summary>Ends the outage; observers are told the connection is back.</summary>
    public void ComeUp()
    {
        _down = false;
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnConnectionRestored();
        }
    }

    /// <summary>Makes the next <paramref name="count"/> calls throw.</summary>
    public void FailNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _failNext, count);
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?[]> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        await _inner.SetAsync(key, value, expiresAt, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetManyAsync(IReadOnlyList<DistributedWrite> writes, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        await _inner.SetManyAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        await _inner.RemoveAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long[]> GetStampsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.GetStampsAsync(keys, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetStampAsync(string key, long stamp, TimeSpan retention, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        await _inner.SetStampAsync(key, stamp, retention, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> PurgeAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        return await _inner.PurgeAsync(keyPrefix, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask PingAsync(CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        await _inner.PingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Passes to the inner tier's leases (with the same injected faults); a tier without leases refuses.</summary>
    public async ValueTask<DistributedLeaseAttempt> TryAcquireLeaseAsync(string key, string leaseKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        return await InnerLeases.TryAcquireLeaseAsync(key, leaseKey, owner, duration, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReleaseLeaseAsync(string leaseKey, string owner, CancellationToken cancellationToken)
    {
        await BeforeCallAsync(cancellationToken).ConfigureAwait(false);
        await InnerLeases.ReleaseLeaseAsync(leaseKey, owner, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IDistributedTierObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            _observers = [.. _observers, observer];
        }

        return _inner.Subscribe(new FilteringObserver(this, observer));
    }

    private IDistributedLeaseTier InnerLeases => _inner as IDistributedLeaseTier
        ?? throw new NotSupportedException($"The wrapped tier {_inner.GetType().Name} has no leases.");

    private async ValueTask BeforeCallAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _time, cancellationToken).ConfigureAwait(false);
        }

        bool fail;
        lock (_gate)
        {
            fail = _down || (_failNext > 0 && _failNext-- > 0) || (ErrorRate > 0 && _random.NextDouble() < ErrorRate);
        }

        if (fail)
        {
            Interlocked.Increment(ref _failures);
            throw new ChaosException(_down ? "Injected outage: the distributed tier is down." : "Injected distributed tier failure.");
        }
    }

    /// <summary>Forwards the inner tier's notifications unless they are being dropped or the tier is down.</summary>
    private sealed class FilteringObserver(ChaosDistributedTier owner, IDistributedTierObserver target) : IDistributedTierObserver
    {
        public void OnKeyChanged(string key)
        {
            if (!owner.DropNotifications && !owner.IsDown)
            {
                target.OnKeyChanged(key);
            }
        }

        public void OnAllChanged()
        {
            if (!owner.DropNotifications && !owner.IsDown)
            {
                target.OnAllChanged();
            }
        }

        public void OnConnectionLost() => target.OnConnectionLost();

        public void OnConnectionRestored() => target.OnConnectionRestored();
    }
}
