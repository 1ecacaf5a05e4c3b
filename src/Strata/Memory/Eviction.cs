namespace Strata.Memory;

/// <summary>An entry that left the tier, collected under the policy lock and reported after it is released.</summary>
internal readonly record struct Eviction<TKey, TValue>(TKey Key, TValue Value, MemoryEvictionReason Reason)
    where TKey : notnull
    where TValue : class;
