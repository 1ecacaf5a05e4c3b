namespace Strata;

/// <summary>
/// A read-only view into a running cache for admin tools: counters, L1 contents, recent invalidations, and the L2
/// tier's own view when it offers one. Registered by <c>AddStrata()</c>. Nothing here returns cached values.
/// </summary>
public interface IStrataCacheInspector
{
    /// <summary>Counters and state since start.</summary>
    StrataCacheStatistics GetStatistics();

    /// <summary>L1 entries per namespace, counted now (O(entries): for admin calls, not hot paths).</summary>
    IReadOnlyDictionary<string, int> CountL1ByNamespace();

    /// <summary>
    /// Up to <paramref name="limit"/> L1 entries, optionally of one namespace and whose key matches a glob
    /// (<c>*</c> any run, <c>?</c> one character), in no particular order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    IReadOnlyList<StrataCacheEntryInfo> SampleL1(string? namespaceName, string? match, int limit);

    /// <summary>The most recent invalidations this node applied (its own and those heard from other nodes), newest
    /// first; the journal keeps the last 256.</summary>
    IReadOnlyList<StrataInvalidation> RecentInvalidations(int max);

    /// <summary>The L2 tier's introspection, when the tier is one that offers it (Redis does).</summary>
    IDistributedTierInspector? DistributedTier { get; }

    /// <summary>The full L2 key prefix of a namespace (<c>{KeyPrefix}:{namespace}:</c>), for tier-level key listings.</summary>
    /// <exception cref="ArgumentException">The namespace name is invalid.</exception>
    string GetDistributedKeyPrefix(string namespaceName);
}
