namespace Strata.Memory;

/// <summary>The W-TinyLFU policy: everything here runs under <see cref="_policyLock"/>.</summary>
internal sealed partial class MemoryTier<TKey, TValue>
{
    // Caffeine's BoundedLocalCache constants.
    private const double PercentMain = 0.99;
    private const double PercentMainProtected = 0.80;
    private const int QueueTransferThreshold = 1_000;

    // A candidate this warm that ties with (or loses to) the victim is still admitted 1 time in 128: without it an
    // attacker who keeps a victim artificially hot (hash flooding the sketch) could lock every newcomer out.
    private const int AdmitHashDosThreshold = 6;

    private readonly Lock _policyLock = new();
    private readonly FrequencySketch _sketch = new();
    private readonly AccessOrderDeque<TKey, TValue> _window = new();
    private readonly AccessOrderDeque<TKey, TValue> _probation = new();
    private readonly AccessOrderDeque<TKey, TValue> _protected = new();
    private readonly long _windowMaximum;
    private readonly long _protectedMaximum;

    private long _weightedSize;
    private long _windowWeightedSize;
    private long _protectedWeightedSize;
    private int _count;
    private uint _random;
    private List<Eviction<TKey, TValue>>? _pendingEvictions;

    private bool AddOrUpdate(TKey key, TValue value, long weight, long expiresAtTicks)
    {
        if (_data.TryGetValue(key, out var node))
        {
            Update(node, value, weight, expiresAtTicks);
        }
        else
        {
            node = new Node<TKey, TValue>(key, _comparer.GetHashCode(key), value, weight, expiresAtTicks);
            _data[key] = node;
            Add(node);
        }

        EvictEntries();

        // Admission lost (or the update grew it out of the budget): the node was evicted by this very call.
        return node.Region != NodeRegion.Retired;
    }

    // Caffeine's AddTask.
    private void Add(Node<TKey, TValue> node)
    {
        node.Region = NodeRegion.Window;
        _count++;
        _weightedSize += node.Weight;
        _windowWeightedSize += node.Weight;

        // The sketch is sized lazily once the tier is half full, by entry count because entries are weighted: before
        // that nothing is evicted, so there is nothing to decide.
        if (_weightedSize >= MaxWeight >> 1)
        {
            _sketch.EnsureCapacity(_count);
        }

        _sketch.Increment(node.Hash);

        // An entry heavier than the whole window goes to the window's eviction end, so the very next eviction moves it
        // to probation where it competes on frequency at once, instead of flushing the whole window ahead of it.
        if (node.Weight > _windowMaximum)
        {
            _window.AddFirst(node);
        }
        else
        {
            _window.AddLast(node);
        }
    }

    // Caffeine's UpdateTask: a replacement keeps the node's place in the policy and counts as an access.
    private void Update(Node<TKey, TValue> node, TValue value, long weight, long expiresAtTicks)
    {
        var oldValue = node.Value;
        var difference = weight - node.Weight;

        // Value before expiry: see Node.
        node.Value = value;
        node.ExpiresAtTicks = expiresAtTicks;
        node.Weight = weight;
        if (node.Region == NodeRegion.Window)
        {
            _windowWeightedSize += difference;
        }
        else if (node.Region == NodeRegion.Protected)
        {
            _protectedWeightedSize += difference;
        }

        _weightedSize += difference;
        if (!ReferenceEquals(oldValue, value))
        {
            Enqueue(node.Key, oldValue, MemoryEvictionReason.Replaced);
        }

        OnAccess(node);
        if (node.Region == NodeRegion.Window && weight > _windowMaximum)
        {
            _window.MoveToFirst(node);
        }
    }

    // The new value can never fit; an old value would now be stale, so it goes too (as Replaced: a newer value existed).
    private bool RejectOversized(TKey key, TValue value)
    {
        if (_data.TryGetValue(key, out var existing))
        {
            Retire(existing, MemoryEvictionReason.Replaced);
        }

        Enqueue(key, value, MemoryEvictionReason.Capacity);
        return false;
    }

    // Caffeine's onAccess: count the access in the sketch and refresh recency in the node's queue. Internal for
    // AccessReplay, which the read buffer calls for every drained event.
    internal void OnAccess(Node<TKey, TValue> node)
    {
        switch (node.Region)
        {
            case NodeRegion.Window:
                _sketch.Increment(node.Hash);
                _window.MoveToLast(node);
                break;
            case NodeRegion.Probation:
                _sketch.Increment(node.Hash);
                ReorderProbation(node);
                break;
            case NodeRegion.Protected:
                _sketch.Increment(node.Hash);
                _protected.MoveToLast(node);
                break;
            default:
                // A stale read event for an entry that has already left.
                break;
        }
    }

    // Caffeine's reorderProbation: a second hit promotes to protected; the protected overflow is demoted later, at
    // the end of the operation (DemoteFromProtected), not here.
    private void ReorderProbation(Node<TKey, TValue> node)
    {
        if (node.Weight > _protectedMaximum)
        {
            _probation.MoveToLast(node);
            return;
        }

        _probation.Remove(node);
        _protected.AddLast(node);
        node.Region = NodeRegion.Protected;
        _protectedWeightedSize += node.Weight;
    }

    private void DemoteFromProtected()
    {
        for (var i = 0; i < QueueTransferThreshold && _protectedWeightedSize > _protectedMaximum; i++)
        {
            var demoted = _protected.RemoveFirst();
            if (demoted is null)
            {
                break;
            }

            demoted.Region = NodeRegion.Probation;
            _probation.AddLast(demoted);
            _protectedWeightedSize -= demoted.Weight;
        }
    }

    private void EvictEntries()
    {
        var candidate = EvictFromWindow();
        EvictFromMain(candidate);
    }

    // Caffeine's evictFromWindow: the window's overflow moves to the tail of probation; the first one moved is where
    // the candidates for admission start.
    private Node<TKey, TValue>? EvictFromWindow()
    {
        Node<TKey, TValue>? first = null;
        var node = _window.First;
        while (_windowWeightedSize > _windowMaximum && node is not null)
        {
            var next = node.Next;
            _window.Remove(node);
            _probation.AddLast(node);
            node.Region = NodeRegion.Probation;
            first ??= node;
            _windowWeightedSize -= node.Weight;
            node = next;
        }

        return first;
    }

    // Caffeine's evictFromMain: while over budget, pit the next candidate (window overflow, walking from the first one
    // moved, then the window itself) against the next victim (probation's LRU end, then protected's, then the window's)
    // and evict whichever the sketch says is less popular; when one side runs out, evict from the other.
    private void EvictFromMain(Node<TKey, TValue>? candidate)
    {
        var victimQueue = NodeRegion.Probation;
        var candidateQueue = NodeRegion.Probation;
        var victim = _probation.First;
        while (_weightedSize > MaxWeight)
        {
            if (candidate is null && candidateQueue == NodeRegion.Probation)
            {
                candidate = _window.First;
                candidateQueue = NodeRegion.Window;
            }

            if (candidate is null && victim is null)
            {
                if (victimQueue == NodeRegion.Probation)
                {
                    victim = _protected.First;
                    victimQueue = NodeRegion.Protected;
                    continue;
                }

                if (victimQueue == NodeRegion.Protected)
                {
                    victim = _window.First;
                    victimQueue = NodeRegion.Window;
                    continue;
                }

                // Nothing left to evict (cannot happen while the weights are consistent).
                break;
            }

            if (victim is null)
            {
                var evict = candidate!;
                candidate = candidate!.Next;
                Retire(evict, MemoryEvictionReason.Capacity);
                continue;
            }

            if (candidate is null)
            {
                var evict = victim;
                victim = victim.Next;
                Retire(evict, MemoryEvictionReason.Capacity);
                continue;
            }

            if (ReferenceEquals(candidate, victim))
            {
                victim = victim.Next;
                Retire(candidate, MemoryEvictionReason.Capacity);
                candidate = null;
                continue;
            }

            if (Admit(candidate, victim))
            {
                var evict = victim;
                victim = victim.Next;
                Retire(evict, MemoryEvictionReason.Capacity);
                candidate = candidate.Next;
            }
            else
            {
                var evict = candidate;
                candidate = candidate.Next;
                Retire(evict, MemoryEvictionReason.Capacity);
            }
        }
    }

    // Caffeine's admit: the candidate must be strictly more popular than the victim, except for the HashDoS guard.
    private bool Admit(Node<TKey, TValue> candidate, Node<TKey, TValue> victim)
    {
        var victimFrequency = _sketch.Frequency(victim.Hash);
        var candidateFrequency = _sketch.Frequency(candidate.Hash);
        if (candidateFrequency > victimFrequency)
        {
            return true;
        }

        if (candidateFrequency >= AdmitHashDosThreshold)
        {
            return (NextRandom() & 127) == 0;
        }

        return false;
    }

    // xorshift32: the HashDoS guard needs unpredictability per process, not cryptographic strength or a shared Random.
    private uint NextRandom()
    {
        var x = _random;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _random = x;
        return x;
    }

    // Caffeine's evictEntry / RemovalTask: unlink from the data and the policy, fix the accounting, report it.
    private void Retire(Node<TKey, TValue> node, MemoryEvictionReason reason)
    {
        _data.TryRemove(new KeyValuePair<TKey, Node<TKey, TValue>>(node.Key, node));
        switch (node.Region)
        {
            case NodeRegion.Window:
                _window.Remove(node);
                _windowWeightedSize -= node.Weight;
                break;
            case NodeRegion.Probation:
                _probation.Remove(node);
                break;
            case NodeRegion.Protected:
                _protected.Remove(node);
                _protectedWeightedSize -= node.Weight;
                break;
            default:
                return;
        }

        node.Region = NodeRegion.Retired;
        _weightedSize -= node.Weight;
        _count--;
        Enqueue(node.Key, node.Value, reason);
    }

    private void RetireAll(AccessOrderDeque<TKey, TValue> deque)
    {
        for (var node = deque.First; node is not null;)
        {
            var next = node.Next;
            node.Previous = null;
            node.Next = null;
            node.Region = NodeRegion.Retired;
            Enqueue(node.Key, node.Value, MemoryEvictionReason.Cleared);
            node = next;
        }

        deque.Clear();
    }

    private void Enqueue(TKey key, TValue value, MemoryEvictionReason reason)
    {
        if (_onEvicted is not null)
        {
            (_pendingEvictions ??= []).Add(new Eviction<TKey, TValue>(key, value, reason));
        }
    }

    // Publishes the settled weight and count and hands the evictions to report once the lock is released.
    private List<Eviction<TKey, TValue>>? EndPolicyOperation()
    {
        Volatile.Write(ref _publishedWeight, _weightedSize);
        Volatile.Write(ref _publishedCount, _count);
        var evicted = _pendingEvictions;
        _pendingEvictions = null;
        return evicted;
    }
}
