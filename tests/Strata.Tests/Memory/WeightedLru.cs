namespace Strata.Tests.Memory;

/// <summary>
/// A plain weighted LRU (evict the least recently used until within budget), the reference the W-TinyLFU tier is
/// compared with. Single-threaded; test-only.
/// </summary>
internal sealed class WeightedLru<TKey>(long maxWeight)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, long Weight)>> _map = [];
    private readonly LinkedList<(TKey Key, long Weight)> _order = new();
    private long _weight;

    public bool TryGet(TKey key)
    {
        if (!_map.TryGetValue(key, out var node))
        {
            return false;
        }

        _order.Remove(node);
        _order.AddFirst(node);
        return true;
    }

    public bool Contains(TKey key) => _map.ContainsKey(key);

    public void Set(TKey key, long weight)
    {
        if (_map.Remove(key, out var existing))
        {
            _order.Remove(existing);
            _weight -= existing.Value.Weight;
        }

        if (weight > maxWeight)
        {
            return;
        }

        _map[key] = _order.AddFirst((key, weight));
        _weight += weight;
        while (_weight > maxWeight)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
            _weight -= last.Value.Weight;
        }
    }
}
