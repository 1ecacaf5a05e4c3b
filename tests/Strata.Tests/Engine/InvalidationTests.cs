using Strata.Tiers;

namespace Strata.Tests.Engine;

/// <summary>Tags and namespaces: an invalidation hides everything created before it and nothing created after.</summary>
public sealed class InvalidationTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10) };

    [Fact]
    public async Task RemoveByTag_HidesTaggedEntriesCreatedBeforeAndServesThoseCreatedAfter()
    {
        using var harness = new CacheHarness(withL2: true);
        await harness.Cache.SetAsync("a", "a1", Options, tags: ["trip:1"]);
        await harness.Cache.SetAsync("b", "b1", Options, tags: ["trip:2"]);

        await harness.Cache.RemoveByTagAsync("trip:1");
        (await harness.Cache.TryGetAsync<string>("a")).ShouldBeNull();
        (await harness.Cache.TryGetAsync<string>("b"))!.Value.Value.ShouldBe("b1");

        // Same clock tick as the invalidation: the hybrid clock still orders the new write after it.
        await harness.Cache.SetAsync("a", "a2", Options, tags: ["trip:1"]);
        (await harness.Cache.TryGetAsync<string>("a"))!.Value.Value.ShouldBe("a2");
    }

    [Fact]
    public async Task RemoveByTagStar_HidesEveryEntryInEveryNamespace()
    {
        using var harness = new CacheHarness(withL2: true);
        await harness.Cache.SetAsync("a", "1", Options);
        await harness.Cache.Namespace("flights").SetAsync("b", "2", Options);

        await harness.Cache.RemoveByTagAsync("*");
        (await harness.Cache.TryGetAsync<string>("a")).ShouldBeNull();
        (await harness.Cache.Namespace("flights").TryGetAsync<string>("b")).ShouldBeNull();
    }

    [Fact]
    public async Task ClearNamespace_HidesOnlyThatNamespaceAndPurgesItsL2Keys()
    {
        using var harness = new CacheHarness(withL2: true);
        var flights = harness.Cache.Namespace("flights");
        var hotels = harness.Cache.Namespace("hotels");
        await flights.SetAsync("LAX-JFK", "f", Options);
        await hotels.SetAsync("paris", "h", Options);

        await flights.ClearAsync();
        (await flights.TryGetAsync<string>("LAX-JFK")).ShouldBeNull();
        (await hotels.TryGetAsync<string>("paris"))!.Value.Value.ShouldBe("h");
        await TimelineTests.WaitForAsync(() => !harness.Store!.Keys.Contains("strata:flights:LAX-JFK"));
        harness.Store!.Keys.ShouldContain("strata:hotels:paris");
    }

    [Fact]
    public async Task RemoveByTag_OnOneNode_OtherNodeStopsServingItsL1Copy()
    {
        var store = new InMemoryDistributedStore(new Testing.ManualTimeProvider());
        using var a = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        using var b = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        await a.Cache.SetAsync("trip", "v1", Options, tags: ["trip:7"]);
        (await b.Cache.TryGetAsync<string>("trip"))!.Value.Tier.ShouldBe(CacheTier.L2);
        (await b.Cache.TryGetAsync<string>("trip"))!.Value.Tier.ShouldBe(CacheTier.L1);

        await a.Cache.RemoveByTagAsync("trip:7");
        (await b.Cache.TryGetAsync<string>("trip")).ShouldBeNull();
    }

    [Fact]
    public async Task SetAsync_OnOneNode_OtherNodeDropsItsL1CopyAndReadsTheNewValue()
    {
        var store = new InMemoryDistributedStore(new Testing.ManualTimeProvider());
        using var a = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        using var b = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        await a.Cache.SetAsync("k", "v1", Options);
        (await b.Cache.TryGetAsync<string>("k"))!.Value.Value.ShouldBe("v1");

        await a.Cache.SetAsync("k", "v2", Options);
        (await b.Cache.TryGetAsync<string>("k"))!.Value.Value.ShouldBe("v2");

        await a.Cache.RemoveAsync("k");
        (await b.Cache.TryGetAsync<string>("k")).ShouldBeNull();
    }

    [Fact]
    public async Task ClearNamespace_OnOneNode_OtherNodeStopsServingTheNamespace()
    {
        var store = new InMemoryDistributedStore(new Testing.ManualTimeProvider());
        using var a = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        using var b = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        await b.Cache.Namespace("recommendations").SetAsync("q1", "r", Options);

        await a.Cache.Namespace("recommendations").ClearAsync();
        (await b.Cache.Namespace("recommendations").TryGetAsync<string>("q1")).ShouldBeNull();
    }

    [Fact]
    public async Task TagInvalidatedBeforeNodeStarted_OldL2EntryIsRejectedByTheNewNode()
    {
        var store = new InMemoryDistributedStore(new Testing.ManualTimeProvider());
        using var a = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        await a.Cache.SetAsync("k", "old", Options, tags: ["t"]);
        var envelope = (await new InMemoryDistributedTier(store).GetAsync("strata:default:k", CancellationToken.None))!;
        await a.Cache.RemoveByTagAsync("t");
        // Put the old envelope back, as if a slow writer raced the invalidation.
        await new InMemoryDistributedTier(store).SetAsync("strata:default:k", envelope, DateTimeOffset.MaxValue, CancellationToken.None);

        using var late = new CacheHarness(sharedStore: store, clock: (Testing.ManualTimeProvider)store.Time);
        (await late.Cache.TryGetAsync<string>("k")).ShouldBeNull();
    }
}
