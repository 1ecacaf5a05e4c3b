namespace Strata.Tests.Engine;

/// <summary>XFetch: refresh before expiry with probability exp(-(expiry - now) / (delta * beta)); never with beta 0.</summary>
public sealed class EarlyRefreshTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(4.0)]
    public void IsEarlyRefreshDue_MatchesTheXFetchDistribution(double remainingInDeltas)
    {
        var random = new Random(12345);
        using var harness = new CacheHarness(random: () => 1.0 - random.NextDouble());
        const long delta = 1_000_000; // 100 ms of factory time, beta 1
        var entry = NewEntry(freshUntil: 10_000_000, scale: delta);
        var now = entry.FreshUntilTicks - (long)(remainingInDeltas * delta);

        const int samples = 20_000;
        var due = 0;
        for (var i = 0; i < samples; i++)
        {
            if (harness.Engine.IsEarlyRefreshDue(entry, now))
            {
                due++;
            }
        }

        var expected = Math.Exp(-remainingInDeltas);
        ((double)due / samples).ShouldBe(expected, tolerance: 0.015);
    }

    [Fact]
    public async Task BetaZero_NeverRefreshesEarly()
    {
        using var harness = new CacheHarness(random: () => double.Epsilon);
        var calls = 0;
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), EarlyRefreshBeta = 0 };
        Func<int, CancellationToken, ValueTask<int>> factory = (_, _) =>
        {
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            return ValueTask.FromResult(Interlocked.Increment(ref calls));
        };
        await harness.Cache.GetOrCreateAsync("k", 0, factory, options);

        harness.Clock.Advance(TimeSpan.FromSeconds(9) - TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < 100; i++)
        {
            await harness.Cache.GetOrCreateAsync("k", 0, factory, options);
        }

        calls.ShouldBe(1);
    }

    [Fact]
    public async Task BetaOne_NearExpiryWithSlowFactory_RefreshesInBackground()
    {
        // The smallest random draw makes -ln(rand) large: the read is "due" as soon as any delta exists.
        using var harness = new CacheHarness(random: () => 1e-9);
        var calls = 0;
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), EarlyRefreshBeta = 1 };
        Func<int, CancellationToken, ValueTask<int>> factory = (_, _) =>
        {
            harness.Clock.Advance(TimeSpan.FromMilliseconds(100));
            return ValueTask.FromResult(Interlocked.Increment(ref calls));
        };
        await harness.Cache.GetOrCreateAsync("k", 0, factory, options);

        // 2 s before expiry: not due with this delta unless the draw is extreme; -ln(1e-9) * 100 ms = 2.07 s is.
        harness.Clock.Advance(TimeSpan.FromSeconds(8));
        (await harness.Cache.GetOrCreateAsync("k", 0, factory, options)).ShouldBe(1);
        await TimelineTests.WaitForAsync(() => Volatile.Read(ref calls) == 2);
    }

    private static Strata.Engine.L1Entry NewEntry(long freshUntil, double scale) => new()
    {
        Value = "v",
        Payload = null,
        ValueType = typeof(string),
        CreatedStamp = 1,
        CreatedAtTicks = 0,
        FreshUntilTicks = freshUntil,
        RevalidateUntilTicks = freshUntil,
        StaleUntilTicks = freshUntil,
        LocalUntilTicks = freshUntil,
        RefreshAtTicks = long.MaxValue,
        EarlyRefreshScaleTicks = scale,
        Tags = [],
        ETag = null,
        IsFailSafe = false,
        SharedWithL2 = false,
        FactoryDurationTicks = (long)scale,
        Weight = 1,
    };
}
