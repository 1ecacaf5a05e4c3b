using Strata.Conformance;
using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Conformance;

/// <summary>Two Strata caches, each in its own service provider (as two processes would be), sharing one
/// <see cref="InMemoryDistributedStore"/> as their L2.</summary>
public sealed class InMemoryTwoNodeHybridCacheConformanceTests : TwoNodeHybridCacheConformanceTests
{
    private readonly ConformanceCaches _caches = new();

    protected override TwoNodes CreateNodes(ManualTimeProvider time)
    {
        var store = new InMemoryDistributedStore(time);
        var probeA = new DistributedTierProbe(new InMemoryDistributedTier(store));
        var probeB = new DistributedTierProbe(new InMemoryDistributedTier(store));
        return new TwoNodes(_caches.Create(time, probeA), _caches.Create(time, probeB), probeA, probeB);
    }

    protected override void Dispose(bool disposing)
    {
        _caches.Dispose();
        base.Dispose(disposing);
    }
}
