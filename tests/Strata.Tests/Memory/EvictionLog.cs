using Strata.Memory;

namespace Strata.Tests.Memory;

/// <summary>Records what a tier reports through its eviction callback (thread-safe).</summary>
internal sealed class EvictionLog<TKey>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly List<(TKey Key, Blob Value, MemoryEvictionReason Reason)> _entries = [];
    private long _weight;

    /// <summary>The sum of the weights of every value reported.</summary>
    public long Weight => Interlocked.Read(ref _weight);

    public void Record(TKey key, Blob value, MemoryEvictionReason reason)
    {
        Interlocked.Add(ref _weight, value.Weight);
        lock (_gate)
        {
            _entries.Add((key, value, reason));
        }
    }

    public IReadOnlyList<(TKey Key, Blob Value, MemoryEvictionReason Reason)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public int CountOf(MemoryEvictionReason reason) => Entries.Count(entry => entry.Reason == reason);
}
