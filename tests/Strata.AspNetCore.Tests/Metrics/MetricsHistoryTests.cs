using Strata.AspNetCore.Metrics;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.Metrics;

public sealed class MetricsHistoryTests
{
    [Fact]
    public async Task Sample_ClockAdvancedOneInterval_GivesExactRatesAndHitRatio()
    {
        var time = new ManualTimeProvider();
        await using var host = await MetricsHost.StartAsync(time: time);
        await host.ReadAsync("a", hits: 3);
        await host.ReadAsync("b", hits: 0);

        time.Advance(TimeSpan.FromSeconds(1));

        var point = host.History.GetHistory().Points.ShouldHaveSingleItem();
        point.Timestamp.ShouldBe(ManualTimeProvider.DefaultStart.AddSeconds(1));
        point.IntervalSeconds.ShouldBe(1);
        point.Reads.ShouldContain(new ReadRate("l1", "hit", 3));
        point.Reads.ShouldContain(new ReadRate("l1", "miss", 2));
        point.HitRatios.ShouldContain(new TierHitRatio("l1", 0.6));
        point.L1Entries.ShouldBe(2);
        point.L1Bytes.ShouldNotBeNull().ShouldBeGreaterThan(0);
        point.BreakerState.ShouldBe(0);
        point.FactoryLatency.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Sample_SecondInterval_CountsOnlyThatIntervalsReads()
    {
        var time = new ManualTimeProvider();
        await using var host = await MetricsHost.StartAsync(time: time, metrics: static o => o.HistoryInterval = TimeSpan.FromSeconds(2));
        await host.ReadAsync("a", hits: 9);
        time.Advance(TimeSpan.FromSeconds(2));
        await host.Cache.GetOrCreateAsync("a", static _ => ValueTask.FromResult("value"));

        time.Advance(TimeSpan.FromSeconds(2));

        var points = host.History.GetHistory().Points;
        points.Count.ShouldBe(2);
        points[0].Reads.ShouldContain(new ReadRate("l1", "hit", 4.5));
        points[1].Reads.ShouldContain(new ReadRate("l1", "hit", 0.5));
        points[1].Reads.ShouldContain(new ReadRate("l1", "miss", 0));
        points[1].HitRatios.ShouldContain(new TierHitRatio("l1", 1));
        points[1].FactoryLatency.ShouldBe(HistogramQuantiles.Empty);
    }

    [Fact]
    public async Task Sample_FactoryTakesKnownTime_GivesIntervalLatencyQuantiles()
    {
        var time = new ManualTimeProvider();
        await using var host = await MetricsHost.StartAsync(time: time);
        // 30 ms on the test clock: in the (25 ms, 50 ms] bucket of the engine's duration buckets.
        await host.Cache.GetOrCreateAsync("slow", time, static (clock, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(30));
            return ValueTask.FromResult("value");
        });

        time.Advance(TimeSpan.FromMilliseconds(970));

        var latency = host.History.GetHistory().Points.ShouldHaveSingleItem().FactoryLatency;
        latency.Count.ShouldBe(1);
        latency.Sum.ShouldBe(0.03, 1e-9);
        latency.P50.ShouldNotBeNull().ShouldBe(0.0375, 1e-12); // 0.025 + 0.025 × 0.5
        latency.P99.ShouldNotBeNull().ShouldBe(0.04975, 1e-12); // 0.025 + 0.025 × 0.99
    }

    [Fact]
    public async Task GetHistory_MoreIntervalsThanCapacity_KeepsTheLatestSince()
    {
        var time = new ManualTimeProvider();
        await using var host = await MetricsHost.StartAsync(time: time, metrics: static o => o.HistoryCapacity = 3);

        time.Advance(TimeSpan.FromSeconds(5));

        var all = host.History.GetHistory();
        all.Capacity.ShouldBe(3);
        all.IntervalSeconds.ShouldBe(1);
        all.Points.Select(p => p.Timestamp).ShouldBe([.. new[] { 3, 4, 5 }.Select(s => ManualTimeProvider.DefaultStart.AddSeconds(s))]);
        host.History.GetHistory(ManualTimeProvider.DefaultStart.AddSeconds(4)).Points.ShouldHaveSingleItem()
            .Timestamp.ShouldBe(ManualTimeProvider.DefaultStart.AddSeconds(5));
        all.Points[0].Reads.ShouldBeEmpty();
        all.Points[0].HitRatios.ShouldBeEmpty();
        all.Points[0].L1Entries.ShouldBeNull(); // nothing resolved the cache yet, so no L1 gauge exists: null, not 0
    }

    [Fact]
    public async Task Stop_HostStopped_NoMorePoints()
    {
        var time = new ManualTimeProvider();
        var host = await MetricsHost.StartAsync(time: time);
        time.Advance(TimeSpan.FromSeconds(1));
        var history = host.History;

        await host.App.StopAsync();
        time.Advance(TimeSpan.FromSeconds(3));

        history.GetHistory().Points.Count.ShouldBe(1);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task History_Disabled_TakesNoPoints()
    {
        var time = new ManualTimeProvider();
        await using var host = await MetricsHost.StartAsync(time: time, metrics: static o => o.EnableHistory = false);

        time.Advance(TimeSpan.FromSeconds(3));

        host.History.GetHistory().Points.ShouldBeEmpty();
    }
}
