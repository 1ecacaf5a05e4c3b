using Strata.Conformance;
using Strata.Redis.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.Redis.Tests.Conformance;

/// <summary>Two Strata nodes (each its own service provider and Redis connection) over one Redis: what one writes the
/// other reads without its factory, and what one removes or invalidates the other stops serving once it has heard.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTwoNodeHybridCacheConformanceTests(RedisFixture redis) : TwoNodeHybridCacheConformanceTests
{
    private readonly RedisCaches _caches = new(redis);

    protected override TwoNodes CreateNodes(ManualTimeProvider time)
    {
        var a = _caches.CreateAsync(time).GetAwaiter().GetResult();
        var b = _caches.CreateAsync(time).GetAwaiter().GetResult();
        return new TwoNodes(a.Cache, b.Cache, a.Probe, b.Probe);
    }

    protected override void Dispose(bool disposing)
    {
        _caches.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }
}
