using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Strata.Testing;
using TravelDesk.Supplier.Http;
using TravelDesk.Supplier.Latency;
using TravelDesk.Supplier.Simulation;

namespace TravelDesk.Supplier.Tests;

public sealed class LatencyTests
{
    [Fact]
    public void Uniform_StaysInRange_CoversIt()
    {
        var settings = new OperationLatencyOptions(300, 1200) { Distribution = LatencyDistribution.Uniform };
        var random = new DeterministicRandom(1);

        var samples = Enumerable.Range(0, 5_000).Select(_ => LatencySimulator.Sample(settings, random)).ToArray();

        samples.ShouldAllBe(s => s >= 300 && s <= 1200);
        samples.Count(s => s < 525).ShouldBeInRange(1_000, 1_500);
        samples.Count(s => s > 975).ShouldBeInRange(1_000, 1_500);
    }

    [Fact]
    public void LogNormal_MedianAtTheGeometricMean_ClampedToRange()
    {
        var settings = new OperationLatencyOptions(300, 1200);
        var random = new DeterministicRandom(2);

        var samples = Enumerable.Range(0, 5_000).Select(_ => LatencySimulator.Sample(settings, random)).Order().ToArray();

        samples.ShouldAllBe(s => s >= 300 && s <= 1200);
        samples[samples.Length / 2].ShouldBe(600, tolerance: 25); // sqrt(300 × 1200)
        samples.Average().ShouldBeGreaterThan(600, "a log-normal's mean is above its median: the slow tail");
    }

    [Theory]
    [InlineData(LatencyDistribution.Uniform)]
    [InlineData(LatencyDistribution.LogNormal)]
    public void Sample_ZeroWidthOrZeroMinimum_Valid(LatencyDistribution distribution)
    {
        var random = new DeterministicRandom(3);

        LatencySimulator.Sample(new OperationLatencyOptions(50, 50) { Distribution = distribution }, random).ShouldBe(50);
        Enumerable.Range(0, 100).Select(_ => LatencySimulator.Sample(new OperationLatencyOptions(0, 40) { Distribution = distribution }, random))
            .ShouldAllBe(s => s >= 0 && s <= 40);
    }

    [Fact]
    public async Task Request_WaitsOnTheSuppliersClock()
    {
        var clock = new ManualTimeProvider();
        await using var host = await SupplierHost.StartAsync(o => o.LatencyScale = 1, clock);
        host.App.Services.GetRequiredService<OperationPipeline>(); // creates the limiter's own timer before counting
        var timers = clock.ActiveTimerCount;

        var pending = host.Client.GetAsync("/airports/LAX");
        SpinWait.SpinUntil(() => clock.ActiveTimerCount > timers, TimeSpan.FromSeconds(10)).ShouldBeTrue("the request should wait on a timer");
        clock.Advance(TimeSpan.FromMilliseconds(19));
        var stillWaiting = clock.ActiveTimerCount > timers;
        clock.Advance(TimeSpan.FromMilliseconds(61));
        var doneWaiting = clock.ActiveTimerCount == timers;
        using var response = await pending;

        stillWaiting.ShouldBeTrue("airports take at least 20 ms");
        doneWaiting.ShouldBeTrue("and at most 80 ms");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Draw_ScaleMultipliesTheDelay()
    {
        var options = new SupplierOptions { LatencyScale = 0.5 };
        options.Latency.Flights = new OperationLatencyOptions(1000, 1000);

        var delay = new LatencySimulator(options, TimeProvider.System).Draw(Stats.SupplierOperation.Flights);

        delay.ShouldBe(TimeSpan.FromMilliseconds(500));
        new LatencySimulator(new SupplierOptions { LatencyScale = 0 }, TimeProvider.System).Draw(Stats.SupplierOperation.Flights).ShouldBe(TimeSpan.Zero);
    }
}
