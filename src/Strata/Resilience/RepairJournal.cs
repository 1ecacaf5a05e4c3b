namespace Strata.Resilience;

/// <summary>
/// What L2 missed while it was unreachable: keys written or removed only in L1, and invalidation stamps not stored.
/// Replayed when L2 answers again, so no node can later read an L2 value older than a write this node acknowledged.
/// Bounded: past its capacity, the namespaces of the forgotten keys are invalidated instead (coarser, still safe).
/// </summary>
internal sealed class RepairJournal
{
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private HashSet<string> _keys = new(StringComparer.Ordinal);
    private Dictionary<string, long> _stamps = new(StringComparer.Ordinal);
    private HashSet<string> _overflowNamespaceStampKeys = new(StringComparer.Ordinal);

    public RepairJournal(int capacity) => _capacity = capacity;

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count == 0 && _stamps.Count == 0 && _overflowNamespaceStampKeys.Count == 0;
            }
        }
    }

    /// <summary>A key whose L2 value may now be older than what this node acknowledged.</summary>
    public void AddKey(string fullKey, string namespaceStampKey)
    {
        lock (_gate)
        {
            if (_keys.Count < _capacity)
            {
                _keys.Add(fullKey);
            }
            else
            {
                _overflowNamespaceStampKeys.Add(namespaceStampKey);
            }
        }
    }

    public void AddStamp(string stampKey, long stamp)
    {
        lock (_gate)
        {
            _stamps[stampKey] = _stamps.TryGetValue(stampKey, out var existing) ? Math.Max(existing, stamp) : stamp;
        }
    }

    /// <summary>Takes everything recorded so far (the journal is empty afterwards).</summary>
    public (HashSet<string> Keys, Dictionary<string, long> Stamps, HashSet<string> OverflowNamespaceStampKeys) Drain()
    {
        lock (_gate)
        {
            var taken = (_keys, _stamps, _overflowNamespaceStampKeys);
            _keys = new HashSet<string>(StringComparer.Ordinal);
            _stamps = new Dictionary<string, long>(StringComparer.Ordinal);
            _overflowNamespaceStampKeys = new HashSet<string>(StringComparer.Ordinal);
            return taken;
        }
    }

    /// <summary>Puts back what a failed replay could not apply.</summary>
    public void Restore(IEnumerable<string> keys, IEnumerable<KeyValuePair<string, long>> stamps, IEnumerable<string> overflow)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _keys.Add(key);
            }

            foreach (var (key, stamp) in stamps)
            {
                _stamps[key] = _stamps.TryGetValue(key, out var existing) ? Math.Max(existing, stamp) : stamp;
            }

            foreach (var key in overflow)
            {
                _overflowNamespaceStampKeys.Add(key);
            }
        }
    }
}
