namespace Strata.AspNetCore;

/// <summary>What a warmer gets for one run: the cache, the run's scoped services, and a progress counter.</summary>
public sealed class StrataWarmupContext
{
    private long _items;

    internal StrataWarmupContext(string warmerName, StrataWarmupTrigger trigger, StrataCache cache, IServiceProvider services)
    {
        WarmerName = warmerName;
        Trigger = trigger;
        Cache = cache;
        Services = services;
    }

    /// <summary>The warmer being run.</summary>
    public string WarmerName { get; }

    /// <summary>What started the run.</summary>
    public StrataWarmupTrigger Trigger { get; }

    /// <summary>The cache (its default namespace; <see cref="StrataCache.Namespace"/> gives the others).</summary>
    public StrataCache Cache { get; }

    /// <summary>Services of a scope created for this run (disposed after it), for scoped dependencies.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Items warmed so far in this run.</summary>
    public long ItemsWarmed => Interlocked.Read(ref _items);

    /// <summary>Reports <paramref name="count"/> more items warmed (thread-safe: parallel loops may call it).</summary>
    /// <param name="count">How many; not negative.</param>
    public void ReportItems(long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Add(ref _items, count);
    }
}
