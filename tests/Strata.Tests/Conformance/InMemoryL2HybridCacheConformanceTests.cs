using Microsoft.Extensions.Caching.Hybrid;
using Strata.Conformance;
using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Conformance;

/// <summary>Strata with L1 over an <see cref="InMemoryDistributedTier"/> that expires by the same manual clock.</summary>
public sealed class InMemoryL2HybridCacheConformanceTests : HybridCacheConformanceTests
{
    private readonly ConformanceCaches _caches = new();

    protected override bool HasDistributedCache => true;

    protected override HybridCache CreateCache(ManualTimeProvider time) =>
        _caches.Create(time, new InMemoryDistributedTier(new InMemoryDistributedStore(time)));

    protected override void Dispose(bool disposing)
    {
        _caches.Dispose();
        base.Dispose(disposing);
    }
}
