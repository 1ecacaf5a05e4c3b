using System.Collections.Concurrent;

namespace Strata.Tiers;

/// <summary>
/// The shared "server" behind <see cref="InMemoryDistributedTier"/>s: several tiers over one store behave like
/// several nodes over one Redis (each node hears the others' changes, not its own). For tests and single-process demos.
/// </summary>
public sealed class InMemoryDistributedStore
{
    private readonly ConcurrentDictionary<string, (byte[] Value, long ExpiresAtTicks)> _items = new(StringComparer.Ordinal);
    private readonly List<InMemoryDistributedTier> _nodes = [];
    private readonly Lock _nodesGate = new();

    /// <summary>Creates a store that expires values by <paramref name="time"/> (default: the system clock).</summary>
    public InMemoryDistributedStore(TimeProvider? time = null) => Time = time ?? TimeProvider.System;

    /// <summary>The clock values expire by.</summary>
    public TimeProvider Time { get; }

    /// <summary>Keys currently held and not expired (a snapshot).</summary>
    public IReadOnlyList<string> Keys
    {
        get
        {
            var now = Time.GetUtcNow().UtcTicks;
            return [.. _items.Where(i => i.Value.ExpiresAtTicks > now).Select(i => i.Key).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Replaces the stored bytes of a key, keeping its expiry (tests use it to corrupt values on purpose).</summary>
    public bool TryOverwrite(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        while (_items.TryGetValue(key, out var existing))
        {
            if (_items.TryUpdate(key, (value, existing.ExpiresAtTicks), existing))
            {
                return true;
            }
        }

        return false;
    }

    internal byte[]? Get(string key)
    {
        if (!_items.TryGetValue(key, out var item))
        {
            return null;
        }

        if (item.ExpiresAtTicks <= Time.GetUtcNow().UtcTicks)
        {
            _items.TryRemove(new KeyValuePair<string, (byte[], long)>(key, item));
            return null;
        }

        return item.Value;
    }

    internal void Set(string key, byte[] value, long expiresAtTicks) => _items[key] = (value, expiresAtTicks);

    internal bool Remove(string key) => _items.TryRemove(key, out _);

    internal void RaiseStamp(string key, long stamp, long expiresAtTicks)
    {
        var now = Time.GetUtcNow().UtcTicks;
        _items.AddOrUpdate(
            key,
            static (_, s) => (BitConverter.GetBytes(s.stamp), s.expiresAtTicks),
            static (_, old, s) =>
            {
                var existing = old.ExpiresAtTicks > s.now && old.Value.Length == sizeof(long) ? BitConverter.ToInt64(old.Value) : 0;
                return (BitConverter.GetBytes(Math.Max(existing, s.stamp)), s.expiresAtTicks);
            },
            (stamp, expiresAtTicks, now));
    }

    /// <summary>Takes the lease unless another owner holds an unexpired one; else says how long theirs lasts.</summary>
    internal (bool Acquired, TimeSpan HeldFor) TryAcquireLease(string leaseKey, string owner, TimeSpan duration)
    {
        var now = Time.GetUtcNow().UtcTicks;
        var ownerBytes = System.Text.Encoding.UTF8.GetBytes(owner);
        while (true)
        {
            if (_items.TryGetValue(leaseKey, out var held) && held.ExpiresAtTicks > now)
            {
                return (false, TimeSpan.FromTicks(held.ExpiresAtTicks - now));
            }

            var lease = (ownerBytes, now + duration.Ticks);
            if (held.Value is null ? _items.TryAdd(leaseKey, lease) : _items.TryUpdate(leaseKey, lease, held))
            {
                return (true, TimeSpan.Zero);
            }
        }
    }

    /// <summary>Deletes the lease if <paramref name="owner"/> holds it (compare-and-delete).</summary>
    internal bool ReleaseLease(string leaseKey, string owner)
    {
        var ownerBytes = System.Text.Encoding.UTF8.GetBytes(owner);
        return _items.TryGetValue(leaseKey, out var held)
            && held.Value.AsSpan().SequenceEqual(ownerBytes)
            && _items.TryRemove(new KeyValuePair<string, (byte[], long)>(leaseKey, held));
    }

    internal long Purge(string prefix)
    {
        long removed = 0;
        foreach (var key in _items.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && _items.TryRemove(key, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    internal void Attach(InMemoryDistributedTier node)
    {
        lock (_nodesGate)
        {
            _nodes.Add(node);
        }
    }

    /// <summary>Tells every node but the origin that a key changed (synchronously: tests see it at once).</summary>
    internal void Notify(InMemoryDistributedTier origin, string key)
    {
        InMemoryDistributedTier[] nodes;
        lock (_nodesGate)
        {
            nodes = [.. _nodes];
        }

        foreach (var node in nodes)
        {
            if (!ReferenceEquals(node, origin))
            {
                node.Deliver(key);
            }
        }
    }
}
