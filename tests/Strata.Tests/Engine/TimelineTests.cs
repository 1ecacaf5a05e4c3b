using Strata.Testing;

namespace Strata.Tests.Engine;

/// <summary>Fresh, stale-while-revalidate and fail-safe timelines on the manual clock, exact to the millisecond.</summary>
public sealed class TimelineTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task GetOrCreate_WithinDuration_IsHitUntilTheLastMillisecond()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10) };

        var first = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        first.Status.ShouldBe(CacheResultStatus.Created);
        first.Value.ShouldBe("v1");

        harness.Clock.Advance(TimeSpan.FromSeconds(10) - Ms);
        var atEdge = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        atEdge.Status.ShouldBe(CacheResultStatus.Hit);
        atEdge.Value.ShouldBe("v1");

        harness.Clock.Advance(Ms);
        var expired = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        expired.Status.ShouldBe(CacheResultStatus.Created);
        expired.Value.ShouldBe("v2");
        factory.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetOrCreate_WithinStaleWhileRevalidate_ServesStaleAndRefreshesInBackground()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), StaleWhileRevalidate = TimeSpan.FromSeconds(5) };
        await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options);

        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var stale = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        stale.Status.ShouldBe(CacheResultStatus.Stale);
        stale.Value.ShouldBe("v1");

        await WaitForAsync(() => factory.Calls == 2);
        var refreshed = await WaitForValueAsync(harness, factory, options, "v2");
        refreshed.Status.ShouldBe(CacheResultStatus.Hit);
        factory.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetOrCreate_PastStaleWhileRevalidate_RunsFactoryInForeground()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), StaleWhileRevalidate = TimeSpan.FromSeconds(5) };
        await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options);

        harness.Clock.Advance(TimeSpan.FromSeconds(15));
        var result = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        result.Status.ShouldBe(CacheResultStatus.Created);
        result.Value.ShouldBe("v2");
    }

    [Fact]
    public async Task FailSafe_FactoryThrowsWithinMaxStale_ServesStaleThenRetriesOnlyAfterThrottle()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory();
        var options = new StrataEntryOptions
        {
            Duration = TimeSpan.FromSeconds(10),
            FailSafeMaxStale = TimeSpan.FromMinutes(1),
            FailSafeThrottle = TimeSpan.FromSeconds(3),
        };
        await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        factory.FailWith = new InvalidOperationException("source down");

        harness.Clock.Advance(TimeSpan.FromSeconds(10));
        var fallback = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        fallback.Status.ShouldBe(CacheResultStatus.Stale);
        fallback.Value.ShouldBe("v1");
        factory.Calls.ShouldBe(2);

        // Within the throttle the source is not called again.
        harness.Clock.Advance(TimeSpan.FromSeconds(3) - Ms);
        (await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options)).Status.ShouldBe(CacheResultStatus.Stale);
        factory.Calls.ShouldBe(2);

        harness.Clock.Advance(Ms);
        (await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options)).Value.ShouldBe("v1");
        factory.Calls.ShouldBe(3);

        factory.FailWith = null;
        harness.Clock.Advance(TimeSpan.FromSeconds(3));
        var recovered = await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        recovered.Status.ShouldBe(CacheResultStatus.Created);
        recovered.Value.ShouldBe("v4");
    }

    [Fact]
    public async Task FailSafe_PastMaxStale_PropagatesTheError()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), FailSafeMaxStale = TimeSpan.FromSeconds(20) };
        await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options);
        factory.FailWith = new InvalidOperationException("source down");

        harness.Clock.Advance(TimeSpan.FromSeconds(30) - Ms);
        (await harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options)).Status.ShouldBe(CacheResultStatus.Stale);

        harness.Clock.Advance(TimeSpan.FromSeconds(31));
        var error = await Should.ThrowAsync<InvalidOperationException>(
            async () => await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options));
        error.Message.ShouldBe("source down");
    }

    [Fact]
    public async Task FailSafe_Disabled_FactoryErrorPropagatesAndIsNotCached()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory { FailWith = new InvalidOperationException("boom") };
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10) };

        await Should.ThrowAsync<InvalidOperationException>(async () => await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options));
        factory.FailWith = null;
        (await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options)).ShouldBe("v2");
    }

    [Fact]
    public async Task EarlyRefreshFraction_ReadAfterFraction_RefreshesBeforeExpiry()
    {
        using var harness = new CacheHarness();
        var factory = new CountingFactory();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), EarlyRefreshFraction = 0.8 };
        await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options);

        harness.Clock.Advance(TimeSpan.FromSeconds(8) - Ms);
        (await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options)).ShouldBe("v1");
        factory.Calls.ShouldBe(1);

        harness.Clock.Advance(Ms);
        (await harness.Cache.GetOrCreateAsync("k", factory, static (f, ct) => f.Invoke(ct), options)).ShouldBe("v1");
        await WaitForAsync(() => factory.Calls == 2);
        (await WaitForValueAsync(harness, factory, options, "v2")).Status.ShouldBe(CacheResultStatus.Hit);
    }

    [Fact]
    public async Task SoftTimeout_WithStaleValue_ServesStaleAndStoresTheLateResult()
    {
        using var harness = new CacheHarness();
        var options = new StrataEntryOptions
        {
            Duration = TimeSpan.FromSeconds(10),
            FailSafeMaxStale = TimeSpan.FromMinutes(1),
            FactorySoftTimeout = TimeSpan.FromSeconds(1),
        };
        await harness.Cache.SetAsync("k", "old", options);
        harness.Clock.Advance(TimeSpan.FromSeconds(10));

        var slow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = harness.Cache.GetOrCreateEntryAsync("k", slow, static (s, ct) => new ValueTask<string>(s.Task), options).AsTask();
        pending.IsCompleted.ShouldBeFalse();

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var served = await pending;
        served.Status.ShouldBe(CacheResultStatus.Stale);
        served.Value.ShouldBe("old");

        slow.SetResult("new");
        var latest = await WaitForAsync(harness, "k", "new", options);
        latest.ShouldBe("new");
    }

    [Fact]
    public async Task HardTimeout_WithoutStaleValue_ThrowsTimeoutAndCancelsTheFactory()
    {
        using var harness = new CacheHarness();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), FactoryHardTimeout = TimeSpan.FromSeconds(2) };
        var factoryToken = new TaskCompletionSource<CancellationToken>();
        var pending = harness.Cache.GetOrCreateAsync<TaskCompletionSource<CancellationToken>, string>(
            "k",
            factoryToken,
            static async (tcs, ct) =>
            {
                tcs.SetResult(ct);
                await Task.Delay(Timeout.Infinite, ct);
                return "never";
            },
            options).AsTask();
        var token = await factoryToken.Task;

        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        var error = await Should.ThrowAsync<TimeoutException>(pending);
        error.Message.ShouldContain("hard timeout");
        token.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task Jitter_AddsAtMostTheJitterToTheDuration()
    {
        var draws = new Queue<double>([1.0, 0.25]);
        using var harness = new CacheHarness(random: () => draws.Count > 0 ? draws.Dequeue() : 1.0);
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(10), Jitter = TimeSpan.FromSeconds(4) };

        // The engine draws (1 - random) * jitter: 0 s for the first entry, 3 s for the second.
        var a = await harness.Cache.GetOrCreateEntryAsync("a", 0, static (_, _) => ValueTask.FromResult("a"), options);
        var b = await harness.Cache.GetOrCreateEntryAsync("b", 0, static (_, _) => ValueTask.FromResult("b"), options);
        (a.FreshUntil - a.CreatedAt).ShouldBe(TimeSpan.FromSeconds(10));
        (b.FreshUntil - b.CreatedAt).ShouldBe(TimeSpan.FromSeconds(13));
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        // Background refreshes run on the thread pool; the clock is manual, so this waits for work, not for time.
        for (var i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Yield();
            Thread.Sleep(1);
        }

        condition().ShouldBeTrue();
    }

    private static async Task<CacheResult<string>> WaitForValueAsync(CacheHarness harness, CountingFactory factory, StrataEntryOptions options, string expected)
    {
        CacheResult<string> result = default;
        await WaitForAsync(() =>
        {
            result = harness.Cache.GetOrCreateEntryAsync("k", factory, static (f, ct) => f.Invoke(ct), options).AsTask().GetAwaiter().GetResult();
            return result.Value == expected;
        });
        return result;
    }

    private static async Task<string> WaitForAsync(CacheHarness harness, string key, string expected, StrataEntryOptions options)
    {
        string? value = null;
        await WaitForAsync(() =>
        {
            value = harness.Cache.TryGetAsync<string>(key).AsTask().GetAwaiter().GetResult()?.Value;
            return value == expected;
        });
        return value!;
    }
}
