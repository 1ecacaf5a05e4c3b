namespace Strata.Engine;

/// <summary>
/// One value in L1 with the times that govern it. Immutable once published, except the tag-check memo.
/// Immutable values are held as the instance (<see cref="Value"/>); mutable ones as their serialized bytes
/// (<see cref="Payload"/>), deserialized per read so callers cannot corrupt the cache.
/// </summary>
internal sealed class L1Entry
{
    public required object? Value { get; init; }

    public required byte[]? Payload { get; init; }

    public required Type ValueType { get; init; }

    /// <summary>Hybrid-clock stamp compared with invalidation stamps.</summary>
    public required long CreatedStamp { get; init; }

    public required long CreatedAtTicks { get; init; }

    public required long FreshUntilTicks { get; init; }

    /// <summary>Past this, a stale read is answered at once while a background refresh runs (up to here).</summary>
    public required long RevalidateUntilTicks { get; init; }

    /// <summary>The stale horizon: past it the value is never served.</summary>
    public required long StaleUntilTicks { get; init; }

    /// <summary>When L1 stops answering with this copy (L2 is consulted again); never past the stale horizon.</summary>
    public required long LocalUntilTicks { get; init; }

    /// <summary>Fixed-fraction early refresh point, or <see cref="long.MaxValue"/>.</summary>
    public required long RefreshAtTicks { get; init; }

    /// <summary>XFetch: the last factory duration times beta (0 = no probabilistic early refresh).</summary>
    public required double EarlyRefreshScaleTicks { get; init; }

    public required string[] Tags { get; init; }

    public required string? ETag { get; init; }

    /// <summary>Served as stale even while "fresh": a fail-safe fallback held until the throttle passes.</summary>
    public required bool IsFailSafe { get; init; }

    /// <summary>Whether the entry came from or went to L2 (so it can miss other nodes' invalidations when L2's change
    /// stream drops).</summary>
    public required bool SharedWithL2 { get; init; }

    public required long FactoryDurationTicks { get; init; }

    public required long Weight { get; init; }

    /// <summary>The tag-invalidation epoch this entry was last checked against (a memo: skip tag lookups until any tag
    /// is invalidated again).</summary>
    public int CheckedTagEpoch = -1;
}
