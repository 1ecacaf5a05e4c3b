using Microsoft.Extensions.Caching.Hybrid;
using Strata.Conformance;
using Strata.Testing;
using Strata.Tests.Conformance;
using Strata.Tiers;

namespace Strata.Tests.Engine;

/// <summary>A run that has answered its callers stays registered until its L2 write lands; a caller arriving in that
/// window did not share the run and must not be handed its result as if it had.</summary>
public sealed class PendingL2WriteTests : IDisposable
{
    private readonly ConformanceCaches _caches = new();

    public void Dispose() => _caches.Dispose();

    [Fact]
    public async Task GetOrCreateAsync_ArrivingWhileTheLastRunStillWritesL2_WaitsForTheWriteAndRunsItsOwnRead()
    {
        var clock = new ManualTimeProvider();
        var probe = new DistributedTierProbe(new InMemoryDistributedTier(new InMemoryDistributedStore(clock)));
        var cache = _caches.Create(clock, probe);
        var factory = Strata.Conformance.CountingFactory.Of("v");
        probe.HoldSets();

        (await cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableLocalCacheWrite))).ShouldBe("v-1");
        var second = cache.GetOrCreateAsync("k", factory.GetAsync, Flags(HybridCacheEntryFlags.DisableDistributedCacheRead)).AsTask();
        probe.ReleaseSets();

        (await second).ShouldBe("v-2");
        factory.Calls.ShouldBe(2);
    }

    private static HybridCacheEntryOptions Flags(HybridCacheEntryFlags flags) => new() { Flags = flags };
}
