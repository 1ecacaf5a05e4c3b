namespace Strata;

/// <summary>
/// Counters and state of one cache since it started, read without a metrics listener (the admin API's <c>stats</c>
/// and <c>health/detailed</c>). Counts are monotonic; ratios are left to the reader.
/// </summary>
public sealed record StrataCacheStatistics
{
    /// <summary>Reads answered by L1 (fresh or stale).</summary>
    public required long L1Hits { get; init; }

    /// <summary>Reads answered by L2 (fresh or stale).</summary>
    public required long L2Hits { get; init; }

    /// <summary>Of the hits, those answered with a stale value (while revalidating, or as a fail-safe fallback).</summary>
    public required long StaleHits { get; init; }

    /// <summary>Reads neither tier could answer fresh.</summary>
    public required long Misses { get; init; }

    /// <summary>Factory runs, successful or not.</summary>
    public required long FactoryRuns { get; init; }

    /// <summary>Factory runs that threw or timed out.</summary>
    public required long FactoryErrors { get; init; }

    /// <summary>Failed L2 operations.</summary>
    public required long L2Errors { get; init; }

    /// <summary>Entries that left L1 for any reason but an explicit removal.</summary>
    public required long Evictions { get; init; }

    /// <summary>Callers waiting for a factory another caller started, right now.</summary>
    public required long Waiters { get; init; }

    /// <summary>Estimated bytes held by L1.</summary>
    public required long L1Bytes { get; init; }

    /// <summary>The L1 size limit (<see cref="StrataCacheOptions.L1MaximumBytes"/>).</summary>
    public required long L1MaximumBytes { get; init; }

    /// <summary>Entries held by L1.</summary>
    public required int L1Entries { get; init; }

    /// <summary>The L2 tier's name, or null without one.</summary>
    public required string? DistributedTier { get; init; }

    /// <summary>The L2 circuit breaker.</summary>
    public required BreakerState BreakerState { get; init; }

    /// <summary>Whether recent L2 operations failed (even while the breaker is still closed).</summary>
    public required bool DistributedFailing { get; init; }

    /// <summary>Cross-node leases this node acquired to run a factory.</summary>
    public required long LeasesAcquired { get; init; }

    /// <summary>Times L1 dropped every entry shared with L2 because changes could have been missed.</summary>
    public required long CoherenceFlushes { get; init; }
}
