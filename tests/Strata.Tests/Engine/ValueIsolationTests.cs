using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;

namespace Strata.Tests.Engine;

/// <summary>L1 and L2 return the same value; a caller mutating its result cannot corrupt the cache.</summary>
public sealed class ValueIsolationTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(1) };

    public sealed class Itinerary
    {
        public List<string> Legs { get; set; } = [];
    }

    [ImmutableObject(true)]
    public sealed record Airport(string Code, string Name);

    [Fact]
    public async Task MutableValue_CallerMutatesResult_NextReadIsUnchanged()
    {
        using var harness = new CacheHarness();
        var first = await harness.Cache.GetOrCreateAsync("trip", 0, static (_, _) => ValueTask.FromResult(new Itinerary { Legs = ["LAX-JFK"] }), Options);
        first.Legs.Add("JFK-CDG");

        var second = await harness.Cache.GetOrCreateAsync("trip", 0, static (_, _) => ValueTask.FromResult(new Itinerary()), Options);
        second.Legs.ShouldBe(["LAX-JFK"]);
        second.ShouldNotBeSameAs(first);
    }

    [Fact]
    public async Task ImmutableValue_IsSharedBetweenReads()
    {
        using var harness = new CacheHarness();
        var first = await harness.Cache.GetOrCreateAsync("lax", 0, static (_, _) => ValueTask.FromResult(new Airport("LAX", "Los Angeles")), Options);
        var second = await harness.Cache.GetOrCreateAsync("lax", 0, static (_, _) => ValueTask.FromResult(new Airport("X", "X")), Options);
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public async Task L1AndL2_ReturnEqualValues()
    {
        using var harness = new CacheHarness(withL2: true);
        await harness.Cache.SetAsync("trip", new Itinerary { Legs = ["A", "B"] }, Options);
        var fromL1 = await harness.Cache.TryGetAsync<Itinerary>("trip");
        var fromL2 = await harness.Cache.GetOrCreateEntryAsync("trip", 0, static (_, _) => ValueTask.FromResult(new Itinerary()), Options with { Flags = HybridCacheEntryFlags.DisableLocalCacheRead });

        fromL1!.Value.Tier.ShouldBe(CacheTier.L1);
        fromL2.Tier.ShouldBe(CacheTier.L2);
        fromL2.Value.Legs.ShouldBe(fromL1.Value.Value.Legs);
        fromL2.ETag.ShouldBe(fromL1.Value.ETag);
    }
}
