namespace Strata.Tests.Engine;

/// <summary>L1 is bounded in bytes (estimated from serialized sizes), whatever is written.</summary>
public sealed class L1BoundTests
{
    [Fact]
    public async Task FloodOfDistinctKeys_L1StaysWithinItsByteBudget()
    {
        const long budget = 256 * 1024;
        using var harness = new CacheHarness(o => o.L1MaximumBytes = budget);
        var options = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(5) };
        var random = new Random(3);

        for (var i = 0; i < 20_000; i++)
        {
            var size = random.Next(10, 2_000);
            await harness.Cache.SetAsync($"key-{i}", new string('x', size), options);
            harness.Engine.L1Weight.ShouldBeLessThanOrEqualTo(budget);
        }

        harness.Engine.L1Count.ShouldBeGreaterThan(50);
        harness.Engine.Metrics.Evictions.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public async Task ExpiredEntries_AreNotServedPastTheirStaleHorizonAndAreSwept()
    {
        using var harness = new CacheHarness();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), StaleWhileRevalidate = TimeSpan.FromSeconds(5) };
        await harness.Cache.SetAsync("k", "v", options);

        harness.Clock.Advance(TimeSpan.FromSeconds(15));
        (await harness.Cache.TryGetAsync<string>("k")).ShouldBeNull();
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        harness.Engine.L1Count.ShouldBe(0);
    }
}
