using Microsoft.Extensions.Caching.Distributed;
using Strata.Redis.DistributedCache;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// The conformance suite over a RESP2 connection: script replies (nil for absent, bulk strings for values) are encoded
/// differently from RESP3, and servers or proxies that refuse HELLO leave clients on RESP2.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheResp2ConformanceTests(RedisFixture redis) : DistributedCacheConformanceTests
{
    protected override IDistributedCache CreateCache() => new RedisDistributedCache(new RedisDistributedCacheOptions
    {
        ConnectionString = redis.ConnectionString + "?protocol=2",
        KeyPrefix = RedisFixture.NewPrefix("dc-resp2") + ":",
    });
}
