namespace Strata.Memory;

/// <summary>
/// Where a <see cref="Node{TKey, TValue}"/> sits in the W-TinyLFU policy. Caffeine keeps the same three access-order
/// queues (admission window, main probation, main protected); <see cref="Retired"/> marks a node that has left the tier
/// so that stale read-buffer events for it are ignored.
/// </summary>
internal enum NodeRegion
{
    /// <summary>The small admission LRU that every new entry enters.</summary>
    Window,

    /// <summary>The main space's probation segment: window survivors and demoted protected entries; victims come from here.</summary>
    Probation,

    /// <summary>The main space's protected segment: entries read again while on probation.</summary>
    Protected,

    /// <summary>Gone from the tier (evicted, expired, removed, replaced by a rejection, or cleared).</summary>
    Retired,
}
