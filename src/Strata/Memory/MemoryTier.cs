using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Strata.Memory;

/// <summary>
/// The L1 tier: a concurrent cache bounded by total weight (bytes), evicting with W-TinyLFU as Caffeine does: new
/// entries enter a small admission window LRU (1% of the budget); window overflow moves to the main space's probation
/// segment, where each window victim competes with the probation LRU victim on estimated frequency (a count-min
/// sketch with aging) and only the more popular one stays; entries read again on probation move to the protected
/// segment (80% of the main space). One-hit wonders and scans therefore churn through the window and probation
/// without displacing a hot working set.
/// </summary>
/// <remarks>
/// <para>Concurrency follows Caffeine's split: the data lives in a <see cref="ConcurrentDictionary{TKey, TValue}"/> so a
/// hit is a lock-free lookup; the access is recorded into a striped lossy <see cref="ReadBuffer{T}"/> and replayed
/// against the policy later, by whoever holds the policy lock (a reader that finds its stripe full only
/// <em>tries</em> the lock, so reads never block). Writes take the policy lock and evict before returning, which is
/// what lets <see cref="Set"/> promise <c>Weight &lt;= MaxWeight</c> on return (Caffeine defers writes to a buffer and
/// evicts asynchronously; a byte-bounded L1 wants the hard bound more than the write throughput).</para>
/// <para>Caffeine's hill climber (adapting the window size to the workload) is not implemented: the window stays at 1%,
/// Caffeine's starting point, which favours frequency-skewed workloads, the common case for a read-through cache.</para>
/// <para>Eviction callbacks run after the lock is released, and a callback that throws is ignored: eviction is
/// bookkeeping, and a caller's read or write must not fail because a listener did.</para>
/// </remarks>
internal sealed partial class MemoryTier<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    // Weights are summed before eviction brings them back under the budget: capping the budget at half the range
    // keeps "held + one more entry" from overflowing (Caffeine caps its maximum for the same reason).
    private const long MaximumCapacity = long.MaxValue / 2;

    private readonly ConcurrentDictionary<TKey, Node<TKey, TValue>> _data;
    private readonly IEqualityComparer<TKey> _comparer;
    private readonly Action<TKey, TValue, MemoryEvictionReason>? _onEvicted;
    private readonly ReadBuffer<Node<TKey, TValue>> _readBuffer = new();

    // Weight and Count as of the end of the last policy operation: written only under the lock after eviction, so
    // readers never observe the transient overshoot of an add that is about to evict.
    private long _publishedWeight;
    private int _publishedCount;

    public MemoryTier(long maxWeight, IEqualityComparer<TKey>? comparer = null, Action<TKey, TValue, MemoryEvictionReason>? onEvicted = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWeight);
        MaxWeight = Math.Min(maxWeight, MaximumCapacity);
        _comparer = comparer ?? EqualityComparer<TKey>.Default;
        _onEvicted = onEvicted;
        _data = new ConcurrentDictionary<TKey, Node<TKey, TValue>>(_comparer);

        // Caffeine's initial split: window = 1% of the maximum, protected = 80% of the rest.
        _windowMaximum = MaxWeight - (long)(PercentMain * MaxWeight);
        _protectedMaximum = (long)(PercentMainProtected * (MaxWeight - _windowMaximum));
        _random = (uint)Random.Shared.Next() | 1;
    }

    /// <summary>The byte budget (capped at <c>long.MaxValue / 2</c>).</summary>
    public long MaxWeight { get; }

    /// <summary>The sum of the weights of the entries currently held.</summary>
    public long Weight => Volatile.Read(ref _publishedWeight);

    /// <summary>The number of entries currently held.</summary>
    public int Count => Volatile.Read(ref _publishedCount);

    /// <summary>
    /// Looks the key up; on a hit records the access (lock-free, allocation-free). An entry whose expiry is at or before
    /// <paramref name="nowTicks"/> is removed (<see cref="MemoryEvictionReason.Expired"/>) and reported as a miss; only
    /// that removal waits for the policy lock, the hit path never does.
    /// </summary>
    public bool TryGet(TKey key, long nowTicks, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_data.TryGetValue(key, out var node))
        {
            value = null;
            return false;
        }

        // Expiry before value: Set publishes value before expiry, so a fresh expiry implies the matching value.
        if (node.ExpiresAtTicks <= nowTicks)
        {
            Expire(node, nowTicks);
            value = null;
            return false;
        }

        value = node.Value;
        if (!_readBuffer.TryAdd(node))
        {
            DrainAfterFullBuffer(node);
        }

        return true;
    }

    /// <summary>Looks the key up without recording an access or checking expiry.</summary>
    public bool TryPeek(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_data.TryGetValue(key, out var node))
        {
            value = node.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// Adds or replaces the entry, then evicts until the tier is within <see cref="MaxWeight"/>. Returns false when the
    /// entry is not held afterwards: heavier than the whole budget, or evicted at once because it lost admission
    /// (both reported to the callback as <see cref="MemoryEvictionReason.Capacity"/>). A replaced value is reported as
    /// <see cref="MemoryEvictionReason.Replaced"/>, also when the new one is refused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weight"/> is less than 1.</exception>
    public bool Set(TKey key, TValue value, long weight, long expiresAtTicks)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);

        bool held;
        List<Eviction<TKey, TValue>>? evicted;
        lock (_policyLock)
        {
            _readBuffer.Drain(new AccessReplay<TKey, TValue>(this));
            held = weight <= MaxWeight
                ? AddOrUpdate(key, value, weight, expiresAtTicks)
                : RejectOversized(key, value);
            DemoteFromProtected();
            evicted = EndPolicyOperation();
        }

        Notify(evicted);
        return held;
    }

    /// <summary>Removes the entry (<see cref="MemoryEvictionReason.Removed"/>); false if there was none.</summary>
    public bool Remove(TKey key)
    {
        if (!_data.ContainsKey(key))
        {
            return false;
        }

        bool removed;
        List<Eviction<TKey, TValue>>? evicted;
        lock (_policyLock)
        {
            removed = _data.TryGetValue(key, out var node);
            if (removed)
            {
                Retire(node!, MemoryEvictionReason.Removed);
            }

            evicted = EndPolicyOperation();
        }

        Notify(evicted);
        return removed;
    }

    /// <summary>Removes the entry only if its current value is <paramref name="expected"/> (reference equality).</summary>
    public bool Remove(TKey key, TValue expected)
    {
        if (!_data.ContainsKey(key))
        {
            return false;
        }

        bool removed;
        List<Eviction<TKey, TValue>>? evicted;
        lock (_policyLock)
        {
            removed = _data.TryGetValue(key, out var node) && ReferenceEquals(node.Value, expected);
            if (removed)
            {
                Retire(node!, MemoryEvictionReason.Removed);
            }

            evicted = EndPolicyOperation();
        }

        Notify(evicted);
        return removed;
    }

    /// <summary>Removes every entry the predicate selects (<see cref="MemoryEvictionReason.Removed"/>); returns how many.</summary>
    /// <remarks>
    /// The predicate runs outside the policy lock on a moving view (entries added meanwhile may or may not be seen);
    /// an entry whose value changed after the predicate saw it is kept.
    /// </remarks>
    public int RemoveWhere<TState>(TState state, Func<TKey, TValue, TState, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var removed = 0;
        foreach (var pair in _data)
        {
            var node = pair.Value;
            var value = node.Value;
            if (predicate(node.Key, value, state)
                && RemoveIfCurrent(node, value, static (_, _) => true, 0L, MemoryEvictionReason.Removed))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Removes every entry expired at <paramref name="nowTicks"/> (<see cref="MemoryEvictionReason.Expired"/>); returns how many.</summary>
    public int RemoveExpired(long nowTicks)
    {
        var removed = 0;
        foreach (var pair in _data)
        {
            var node = pair.Value;
            if (node.ExpiresAtTicks <= nowTicks
                && RemoveIfCurrent(node, node.Value, static (n, now) => n.ExpiresAtTicks <= now, nowTicks, MemoryEvictionReason.Expired))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Removes every entry (<see cref="MemoryEvictionReason.Cleared"/>).</summary>
    public void Clear()
    {
        List<Eviction<TKey, TValue>>? evicted;
        lock (_policyLock)
        {
            // Replay pending reads first so the buffer holds no references to the nodes being dropped.
            _readBuffer.Drain(new AccessReplay<TKey, TValue>(this));
            RetireAll(_window);
            RetireAll(_probation);
            RetireAll(_protected);
            _data.Clear();
            _weightedSize = 0;
            _windowWeightedSize = 0;
            _protectedWeightedSize = 0;
            _count = 0;
            evicted = EndPolicyOperation();
        }

        Notify(evicted);
    }

    /// <summary>A point-in-time copy of the entries (for administration and statistics; order unspecified).</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Snapshot()
    {
        var copy = new List<KeyValuePair<TKey, TValue>>(Count);
        foreach (var pair in _data)
        {
            copy.Add(new KeyValuePair<TKey, TValue>(pair.Key, pair.Value.Value));
        }

        return copy;
    }

    // The slow side of a hit: the stripe was full. Replay the buffer and this access if the lock is free right now;
    // otherwise someone else is maintaining the policy and this access is simply not counted (lossy by design).
    private void DrainAfterFullBuffer(Node<TKey, TValue> node)
    {
        if (!_policyLock.TryEnter())
        {
            return;
        }

        try
        {
            _readBuffer.Drain(new AccessReplay<TKey, TValue>(this));
            OnAccess(node);
            DemoteFromProtected();
        }
        finally
        {
            _policyLock.Exit();
        }
    }

    private void Expire(Node<TKey, TValue> node, long nowTicks)
    {
        RemoveIfCurrent(node, node.Value, static (n, now) => n.ExpiresAtTicks <= now, nowTicks, MemoryEvictionReason.Expired);
    }

    // Removes the node if it is still held, still has the value the caller decided on, and still satisfies the
    // condition: the decision was made without the lock, so it is confirmed under it.
    private bool RemoveIfCurrent(Node<TKey, TValue> node, TValue value, Func<Node<TKey, TValue>, long, bool> condition, long argument, MemoryEvictionReason reason)
    {
        bool removed;
        List<Eviction<TKey, TValue>>? evicted;
        lock (_policyLock)
        {
            removed = node.Region != NodeRegion.Retired && ReferenceEquals(node.Value, value) && condition(node, argument);
            if (removed)
            {
                Retire(node, reason);
            }

            evicted = EndPolicyOperation();
        }

        Notify(evicted);
        return removed;
    }

    private void Notify(List<Eviction<TKey, TValue>>? evicted)
    {
        if (evicted is null || _onEvicted is null)
        {
            return;
        }

        foreach (var eviction in evicted)
        {
            try
            {
                _onEvicted(eviction.Key, eviction.Value, eviction.Reason);
            }
#pragma warning disable CA1031 // A listener's failure must not fail the read or write that triggered the eviction.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
