namespace Strata.Memory;

/// <summary>
/// One cached entry: the dictionary's value and, at the same time, a link in one of the policy's access-order deques
/// (intrusive links avoid a second allocation per entry, as Caffeine's generated nodes do).
/// </summary>
/// <remarks>
/// <see cref="Value"/> and <see cref="ExpiresAtTicks"/> are read without the policy lock by the hit path, so they are
/// published with volatile writes (value first, then expiry: a reader that sees the new expiry also sees the new value).
/// Everything else is owned by the policy lock.
/// </remarks>
internal sealed class Node<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private TValue _value;
    private long _expiresAtTicks;

    public Node(TKey key, int hash, TValue value, long weight, long expiresAtTicks)
    {
        Key = key;
        Hash = hash;
        _value = value;
        _expiresAtTicks = expiresAtTicks;
        Weight = weight;
    }

    public TKey Key { get; }

    /// <summary>The comparer's hash of <see cref="Key"/>, kept so the frequency sketch never re-hashes the key.</summary>
    public int Hash { get; }

    public TValue Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }

    public long ExpiresAtTicks
    {
        get => Volatile.Read(ref _expiresAtTicks);
        set => Volatile.Write(ref _expiresAtTicks, value);
    }

    /// <summary>The weight the policy accounted for this node (guarded by the policy lock).</summary>
    public long Weight { get; set; }

    /// <summary>The policy queue the node is in (guarded by the policy lock).</summary>
    public NodeRegion Region { get; set; }

    /// <summary>Towards the least recently used end of the node's deque.</summary>
    public Node<TKey, TValue>? Previous { get; set; }

    /// <summary>Towards the most recently used end of the node's deque.</summary>
    public Node<TKey, TValue>? Next { get; set; }
}
