using Microsoft.Extensions.Caching.Hybrid;
using Strata.Conformance;
using Strata.Testing;

namespace Strata.Tests.Conformance;

/// <summary>Strata registered with <c>AddStrata</c> and no L2 tier: L1 only.</summary>
public sealed class L1OnlyHybridCacheConformanceTests : HybridCacheConformanceTests
{
    private readonly ConformanceCaches _caches = new();

    protected override HybridCache CreateCache(ManualTimeProvider time) => _caches.Create(time, tier: null);

    protected override void Dispose(bool disposing)
    {
        _caches.Dispose();
        base.Dispose(disposing);
    }
}
