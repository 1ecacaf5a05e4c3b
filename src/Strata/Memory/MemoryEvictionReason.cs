namespace Strata.Memory;

/// <summary>Why an entry left the memory tier, as reported to the tier's eviction callback.</summary>
internal enum MemoryEvictionReason
{
    /// <summary>Evicted (or refused admission) to keep the tier within its byte budget.</summary>
    Capacity,

    /// <summary>Its expiry time passed (found on a read or by a sweep).</summary>
    Expired,

    /// <summary>Removed explicitly (by key, by key and value, or by a predicate).</summary>
    Removed,

    /// <summary>Its value was overwritten by a later <c>Set</c> of the same key.</summary>
    Replaced,

    /// <summary>The whole tier was cleared.</summary>
    Cleared,
}
