using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Strata.Redis.Tests.DistributedCache;

/// <summary>
/// The conformance suite against Microsoft's <see cref="MemoryDistributedCache"/>: the reference that keeps the suite
/// honest (a test that only Strata's Redis cache passes would be encoding our behaviour, not the contract's).
/// </summary>
public sealed class MemoryDistributedCacheConformanceTests : DistributedCacheConformanceTests
{
    protected override IDistributedCache CreateCache() =>
        new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
}
