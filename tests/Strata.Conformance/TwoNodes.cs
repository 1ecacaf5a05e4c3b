namespace Strata.Conformance;

/// <summary>Two caches (two nodes) sharing one L2, each with the probe around its own L2 connection.</summary>
/// <param name="A">The first node's cache.</param>
/// <param name="B">The second node's cache.</param>
/// <param name="ProbeA">The first node's L2 connection.</param>
/// <param name="ProbeB">The second node's L2 connection.</param>
public sealed record TwoNodes(
    Microsoft.Extensions.Caching.Hybrid.HybridCache A,
    Microsoft.Extensions.Caching.Hybrid.HybridCache B,
    DistributedTierProbe ProbeA,
    DistributedTierProbe ProbeB);
