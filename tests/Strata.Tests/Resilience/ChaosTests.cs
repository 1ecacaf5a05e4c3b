using System.Diagnostics.Metrics;
using Strata.Testing;
using Strata.Tests.Engine;

namespace Strata.Tests.Resilience;

/// <summary>L2 throwing, slow and down: no call fails, the breaker opens and closes, nothing old comes back.</summary>
public sealed class ChaosTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10) };

    private static CacheHarness Create(IMeterFactory? meterFactory = null) => new(o =>
    {
        o.BreakerFailureThreshold = 3;
        o.BreakerBreakDuration = TimeSpan.FromSeconds(10);
        o.DistributedTimeout = TimeSpan.FromSeconds(1);
    }, withL2: true, meterFactory: meterFactory);

    [Fact]
    public async Task L2Throwing_ReadsAndWritesSucceedAndTheBreakerOpens()
    {
        using var harness = Create();
        harness.Chaos!.ErrorRate = 1.0;
        var calls = 0;

        for (var i = 0; i < 10; i++)
        {
            (await harness.Cache.GetOrCreateAsync($"k{i}", 0, (_, _) => ValueTask.FromResult(Interlocked.Increment(ref calls)), Options)).ShouldBeGreaterThan(0);
            await harness.Cache.SetAsync($"s{i}", i, Options);
        }

        harness.Engine.BreakerState.ShouldBe(BreakerState.Open);
        harness.Engine.Metrics.L2Errors.ShouldBe(3);
        // While open, L2 is not called at all.
        var before = harness.Chaos.Calls;
        await harness.Cache.GetOrCreateAsync("more", 0, static (_, _) => ValueTask.FromResult(1), Options);
        harness.Chaos.Calls.ShouldBe(before);
    }

    [Fact]
    public async Task Breaker_AfterBreakDuration_ProbesAndClosesWhenL2IsBack()
    {
        using var harness = Create();
        harness.Chaos!.GoDown();
        for (var i = 0; i < 3; i++)
        {
            await harness.Cache.GetOrCreateAsync($"k{i}", 0, static (_, _) => ValueTask.FromResult(1), Options);
        }

        harness.Engine.BreakerState.ShouldBe(BreakerState.Open);
        harness.Chaos.ComeUp();
        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await harness.Cache.GetOrCreateAsync("probe", 0, static (_, _) => ValueTask.FromResult(1), Options);
        harness.Engine.BreakerState.ShouldBe(BreakerState.Closed);
    }

    [Fact]
    public async Task Breaker_ProbeFails_OpensAgainForAnotherBreak()
    {
        using var harness = Create();
        harness.Chaos!.GoDown();
        for (var i = 0; i < 3; i++)
        {
            await harness.Cache.GetOrCreateAsync($"k{i}", 0, static (_, _) => ValueTask.FromResult(1), Options);
        }

        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        await harness.Cache.GetOrCreateAsync("probe", 0, static (_, _) => ValueTask.FromResult(1), Options);
        harness.Engine.BreakerState.ShouldBe(BreakerState.Open);
        var calls = harness.Chaos.Calls;
        await harness.Cache.GetOrCreateAsync("skipped", 0, static (_, _) => ValueTask.FromResult(1), Options);
        harness.Chaos.Calls.ShouldBe(calls);
    }

    [Fact]
    public async Task L2Slow_ReadTimesOutAndTheFactoryServes()
    {
        using var harness = Create();
        harness.Chaos!.Latency = TimeSpan.FromSeconds(5);
        var pending = harness.Cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult("from-factory"), Options).AsTask();

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        (await pending).ShouldBe("from-factory");
        harness.Engine.Metrics.L2Errors.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task WritesDuringOutage_AfterRecovery_NoNodeReadsTheOldL2Value()
    {
        var clock = new Testing.ManualTimeProvider();
        var store = new Tiers.InMemoryDistributedStore(clock);
        using var a = new CacheHarness(o => o.BreakerFailureThreshold = 1, sharedStore: store, clock: clock);
        using var b = new CacheHarness(sharedStore: store, clock: clock);
        await a.Cache.SetAsync("price", "old", Options);

        a.Chaos!.GoDown();
        await a.Cache.SetAsync("price", "new", Options);
        (await a.Cache.TryGetAsync<string>("price"))!.Value.Value.ShouldBe("new");

        a.Chaos.ComeUp();
        clock.Advance(TimeSpan.FromSeconds(10));
        // The probe succeeds, the breaker closes, and the journal removes the L2 value older than the acknowledged write.
        await a.Cache.TryGetAsync<string>("other");
        await TimelineTests.WaitForAsync(() => !store.Keys.Contains("strata:default:price"));
        (await b.Cache.TryGetAsync<string>("price")).ShouldBeNull();
    }

    [Fact]
    public async Task TagInvalidationDuringOutage_IsReappliedToL2OnRecovery()
    {
        var clock = new Testing.ManualTimeProvider();
        var store = new Tiers.InMemoryDistributedStore(clock);
        using var a = new CacheHarness(o => o.BreakerFailureThreshold = 1, sharedStore: store, clock: clock);
        await a.Cache.SetAsync("k", "v", Options, tags: ["t"]);

        a.Chaos!.GoDown();
        await a.Cache.RemoveByTagAsync("t");
        a.Chaos.ComeUp();
        clock.Advance(TimeSpan.FromSeconds(10));
        await a.Cache.TryGetAsync<string>("probe");
        await TimelineTests.WaitForAsync(() => store.Keys.Contains("strata:!inv:tag:t"));

        using var late = new CacheHarness(sharedStore: store, clock: clock);
        (await late.Cache.TryGetAsync<string>("k")).ShouldBeNull();
    }

    [Fact]
    public async Task ConnectionLost_FlushesL1EntriesSharedWithL2()
    {
        using var harness = Create();
        await harness.Cache.SetAsync("shared", "v", Options);
        harness.Engine.L1Count.ShouldBe(1);

        harness.Chaos!.GoDown();
        harness.Engine.L1Count.ShouldBe(0);
    }

    [Fact]
    public async Task L2Errors_AreCountedInMetrics()
    {
        using var meters = new TestMeterFactory();
        using var harness = Create(meters);
        var errors = new List<(string Tier, string Kind)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This engine's meter only: engines of tests running in parallel count their own errors.
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "strata.cache.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? tier = null, kind = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "tier") { tier = (string?)tag.Value; }
                if (tag.Key == "kind") { kind = (string?)tag.Value; }
            }

            lock (errors)
            {
                errors.Add((tier!, kind!));
            }
        });
        listener.Start();
        harness.Chaos!.FailNext(2);

        await harness.Cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult(1), Options);

        lock (errors)
        {
            errors.Count(e => e.Tier == "l2" && e.Kind == "error").ShouldBe(2);
        }
    }
}
