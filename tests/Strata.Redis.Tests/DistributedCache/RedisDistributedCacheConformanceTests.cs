using Microsoft.Extensions.Caching.Distributed;
using Strata.Redis.DistributedCache;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// The conformance suite against <see cref="RedisDistributedCache"/> on a real server, through a client the cache
/// creates from a connection string (the other Redis test classes share the fixture's client).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDistributedCacheConformanceTests(RedisFixture redis) : DistributedCacheConformanceTests
{
    protected override IDistributedCache CreateCache() => new RedisDistributedCache(new RedisDistributedCacheOptions
    {
        ConnectionString = redis.ConnectionString,
        KeyPrefix = RedisFixture.NewPrefix("dc-conformance") + ":",
    });
}
