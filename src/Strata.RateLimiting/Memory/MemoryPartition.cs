namespace Strata.RateLimiting.Memory;

/// <summary>One partition of an in-memory limiter: the algorithm's state and the partition's queue, under one lock.</summary>
internal sealed class MemoryPartition<TState>(string key, TState state)
    where TState : class
{
    /// <summary>The partition key (for the usage view's busiest partitions).</summary>
    public string Key { get; } = key;

    public Lock Gate { get; } = new();

    public TState State { get; } = state;

    /// <summary>Waiters, oldest first. Allocated on first use: most partitions never queue.</summary>
    public LinkedList<MemoryWaiter>? Queue { get; set; }

    public int QueuedPermits { get; set; }

    /// <summary>Fires when the next waiter may fit (window algorithms); created on first use.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>Set when the idle sweep dropped the partition: a caller holding it must look it up again.</summary>
    public bool Removed { get; set; }

    public bool HasWaiters => Queue is { Count: > 0 };
}
