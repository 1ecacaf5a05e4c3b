using System.Diagnostics.Metrics;
using Strata.Inspection;
using Strata.Testing;
using Strata.Tests.Engine;
using Strata.Tiers;

namespace Strata.Tests.Inspection;

/// <summary>The admin view of a cache: counters, L1 samples, the invalidation journal, namespace-tagged metrics.</summary>
public sealed class CacheInspectorTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10), FailSafeMaxStale = TimeSpan.FromHours(1) };

    [Fact]
    public async Task GetStatistics_AfterHitsMissesAndFactoryRuns_CountsEachExactly()
    {
        using var harness = new CacheHarness(withL2: true, configure: o => o.L1MaximumBytes = 1 << 20);
        var inspector = new CacheInspector(harness.Engine, harness.Chaos);
        await harness.Cache.GetOrCreateEntryAsync("a", 0, static (_, _) => ValueTask.FromResult("x"), Options);
        await harness.Cache.GetOrCreateEntryAsync("a", 0, static (_, _) => ValueTask.FromResult("x"), Options);
        await harness.Cache.GetOrCreateEntryAsync("a", 0, static (_, _) => ValueTask.FromResult("x"), Options);
        (await harness.Cache.TryGetAsync<string>("missing")).ShouldBeNull();

        var stats = inspector.GetStatistics();
        stats.L1Hits.ShouldBe(2);
        stats.FactoryRuns.ShouldBe(1);
        stats.Misses.ShouldBe(2);
        stats.L1Entries.ShouldBe(1);
        stats.L1MaximumBytes.ShouldBe(1 << 20);
        stats.L1Bytes.ShouldBeGreaterThan(0);
        stats.DistributedTier.ShouldNotBeNull();
        stats.BreakerState.ShouldBe(BreakerState.Closed);
    }

    [Fact]
    public async Task SampleL1_WithNamespaceAndGlob_ReturnsOnlyMatchingEntriesWithTheirTimes()
    {
        using var harness = new CacheHarness();
        var inspector = new CacheInspector(harness.Engine, null);
        var flights = harness.Cache.Namespace("flights");
        await flights.SetAsync("LAX-JFK", "1", Options, tags: ["route:LAX"]);
        await flights.SetAsync("LAX-SFO", "2", Options);
        await flights.SetAsync("SFO-JFK", "3", Options);
        await harness.Cache.Namespace("hotels").SetAsync("LAX-1", "4", Options);

        var sample = inspector.SampleL1("flights", "LAX-*", 10);

        sample.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["LAX-JFK", "LAX-SFO"]);
        var jfk = sample.Single(e => e.Key == "LAX-JFK");
        jfk.Namespace.ShouldBe("flights");
        jfk.Tags.ShouldBe(["route:LAX"]);
        jfk.CreatedAt.ShouldBe(harness.Clock.GetUtcNow());
        (jfk.FreshUntil - jfk.CreatedAt).ShouldBe(TimeSpan.FromMinutes(10));
        (jfk.StaleUntil - jfk.CreatedAt).ShouldBe(TimeSpan.FromMinutes(70));
        inspector.SampleL1(null, "?AX-1", 10).Single().Namespace.ShouldBe("hotels");
        inspector.SampleL1(null, null, 2).Count.ShouldBe(2);
        inspector.CountL1ByNamespace()["flights"].ShouldBe(3);
        Should.Throw<ArgumentOutOfRangeException>(() => inspector.SampleL1(null, null, 0));
    }

    [Theory]
    [InlineData("a*c", "abc", true)]
    [InlineData("a*c", "abd", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*", "", true)]
    [InlineData(@"a\*", "a*", true)]
    [InlineData(@"a\*", "ab", false)]
    [InlineData("*LAX*JFK", "x:LAX:y:JFK", true)]
    [InlineData("*LAX*JFK", "x:LAX:y:JFKz", false)]
    public void Glob_MatchesLikeRedisScan(string pattern, string text, bool expected) =>
        new Glob(pattern).IsMatch(text).ShouldBe(expected);

    [Fact]
    public async Task RecentInvalidations_LocalAndRemote_NewestFirstWithScopes()
    {
        var store = new InMemoryDistributedStore(new ManualTimeProvider());
        using var a = new CacheHarness(sharedStore: store, clock: (ManualTimeProvider)store.Time);
        using var b = new CacheHarness(sharedStore: store, clock: (ManualTimeProvider)store.Time);
        await a.Cache.RemoveAsync("k1");
        await a.Cache.RemoveByTagAsync("trip:7");
        await a.Cache.Namespace("flights").ClearAsync();
        await a.Cache.RemoveByTagAsync("*");

        var local = new CacheInspector(a.Engine, a.Chaos).RecentInvalidations(10);
        local.Select(i => (i.Scope, i.Name, i.Remote)).ShouldBe(
        [
            (StrataInvalidationScope.All, null, false),
            (StrataInvalidationScope.Namespace, "flights", false),
            (StrataInvalidationScope.Tag, "trip:7", false),
            (StrataInvalidationScope.Key, "k1", false),
        ]);
        local[3].Namespace.ShouldBe("default");

        // Node b heard the tag, namespace and global stamps; a remote key change is an ordinary write, not journalled.
        var remote = new CacheInspector(b.Engine, b.Chaos).RecentInvalidations(10);
        remote.Select(i => (i.Scope, i.Name, i.Remote)).ShouldBe(
        [
            (StrataInvalidationScope.All, null, true),
            (StrataInvalidationScope.Namespace, "flights", true),
            (StrataInvalidationScope.Tag, "trip:7", true),
        ]);
    }

    [Fact]
    public void InvalidationJournal_BeyondCapacity_KeepsTheNewest()
    {
        var journal = new InvalidationJournal();
        for (var i = 0; i < InvalidationJournal.Capacity + 10; i++)
        {
            journal.Record(new StrataInvalidation(DateTimeOffset.UnixEpoch, StrataInvalidationScope.Tag, $"t{i}", null, false));
        }

        var recent = journal.Recent(1000);
        recent.Count.ShouldBe(InvalidationJournal.Capacity);
        recent[0].Name.ShouldBe($"t{InvalidationJournal.Capacity + 9}");
        recent[^1].Name.ShouldBe("t10");
    }

    [Fact]
    public async Task RequestsAndFactoryDuration_CarryTheNamespaceTag()
    {
        using var meters = new TestMeterFactory();
        using var harness = new CacheHarness(meterFactory: meters);
        var seen = new List<(string Instrument, string? Namespace)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name is "strata.cache.requests" or "strata.cache.factory.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? ns = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "namespace")
                {
                    ns = (string?)tag.Value;
                }
            }

            lock (seen)
            {
                seen.Add((instrument.Name, ns));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, _, t, _) => Record(i, t));
        listener.SetMeasurementEventCallback<double>((i, _, t, _) => Record(i, t));
        listener.Start();

        var flights = harness.Cache.Namespace("flights");
        await flights.GetOrCreateEntryAsync("k", 0, static (_, _) => ValueTask.FromResult("v"), Options);
        await flights.GetOrCreateEntryAsync("k", 0, static (_, _) => ValueTask.FromResult("v"), Options);

        lock (seen)
        {
            seen.ShouldContain(("strata.cache.factory.duration", "flights"));
            seen.Where(s => s.Instrument == "strata.cache.requests").ShouldAllBe(s => s.Namespace == "flights");
            seen.Count(s => s.Instrument == "strata.cache.requests").ShouldBe(2);
        }
    }
}
