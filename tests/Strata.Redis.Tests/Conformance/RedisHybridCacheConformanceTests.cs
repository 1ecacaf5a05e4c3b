using Microsoft.Extensions.Caching.Hybrid;
using Strata.Conformance;
using Strata.Redis.Tests.Infrastructure;
using Strata.Testing;

namespace Strata.Redis.Tests.Conformance;

/// <summary>The HybridCache contract for Strata with Redis as L2 (L1 and Redis expire by the cache's manual clock:
/// the tier turns the clock's expiries into relative TTLs, and the engine checks envelopes against the clock).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisHybridCacheConformanceTests(RedisFixture redis) : HybridCacheConformanceTests
{
    private readonly RedisCaches _caches = new(redis);

    protected override bool HasDistributedCache => true;

    protected override HybridCache CreateCache(ManualTimeProvider time) => _caches.CreateAsync(time).GetAwaiter().GetResult().Cache;

    protected override void Dispose(bool disposing)
    {
        _caches.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }
}
