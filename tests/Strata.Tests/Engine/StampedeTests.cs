namespace Strata.Tests.Engine;

/// <summary>Single flight: one factory run per key per process, whatever the callers do.</summary>
public sealed class StampedeTests
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(1) };

    [Fact]
    public async Task GetOrCreate_ThousandConcurrentCallersOnColdKey_RunsFactoryOnce()
    {
        using var harness = new CacheHarness(withL2: true);
        var calls = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => harness.Cache.GetOrCreateAsync(
            "cold",
            release,
            async (gate, ct) =>
            {
                Interlocked.Increment(ref calls);
                await gate.Task;
                return 42;
            },
            Options).AsTask())).ToArray();

        // Every caller is parked on the one run before it is released: a real stampede, not a queue.
        await TimelineTests.WaitForAsync(() => harness.Engine.Metrics.Waiters == 1000);
        release.SetResult();
        var results = await Task.WhenAll(callers);

        results.ShouldAllBe(v => v == 42);
        calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreate_HundredWaitersCancel_FactoryStillCompletesForTheRest()
    {
        using var harness = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        CancellationToken factoryToken = default;
        Func<TaskCompletionSource, CancellationToken, ValueTask<string>> factory = async (gate, ct) =>
        {
            Interlocked.Increment(ref calls);
            factoryToken = ct;
            await gate.Task;
            return "value";
        };

        using var cancel = new CancellationTokenSource();
        var quitters = Enumerable.Range(0, 100).Select(_ => harness.Cache.GetOrCreateAsync("k", release, factory, Options, cancellationToken: cancel.Token).AsTask()).ToArray();
        var stayers = Enumerable.Range(0, 50).Select(_ => harness.Cache.GetOrCreateAsync("k", release, factory, Options).AsTask()).ToArray();

        await cancel.CancelAsync();
        foreach (var quitter in quitters)
        {
            await Should.ThrowAsync<OperationCanceledException>(quitter);
        }

        factoryToken.IsCancellationRequested.ShouldBeFalse();
        release.SetResult();
        (await Task.WhenAll(stayers)).ShouldAllBe(v => v == "value");
        calls.ShouldBe(1);
        (await harness.Cache.TryGetAsync<string>("k"))!.Value.Value.ShouldBe("value");
    }

    [Fact]
    public async Task GetOrCreate_ThrowingFactory_EveryWaiterGetsTheErrorAndTheNextCallRetries()
    {
        using var harness = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Func<TaskCompletionSource, CancellationToken, ValueTask<string>> failing = async (gate, ct) =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            throw new InvalidOperationException("upstream 500");
        };

        var waiters = Enumerable.Range(0, 20).Select(_ => harness.Cache.GetOrCreateAsync("k", release, failing, Options).AsTask()).ToArray();
        release.SetResult();
        foreach (var waiter in waiters)
        {
            (await Should.ThrowAsync<InvalidOperationException>(waiter)).Message.ShouldBe("upstream 500");
        }

        calls.ShouldBe(1);
        var retried = await harness.Cache.GetOrCreateAsync("k", 0, static (_, _) => ValueTask.FromResult("ok"), Options);
        retried.ShouldBe("ok");
    }

    [Fact]
    public async Task GetOrCreate_ThrowingFactoryWithStaleValue_WaitersGetTheStaleValue()
    {
        using var harness = new CacheHarness();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromSeconds(1), FailSafeMaxStale = TimeSpan.FromMinutes(5) };
        await harness.Cache.SetAsync("k", "stale", options);
        harness.Clock.Advance(TimeSpan.FromSeconds(2));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<TaskCompletionSource, CancellationToken, ValueTask<string>> failing = async (gate, ct) =>
        {
            await gate.Task;
            throw new InvalidOperationException("down");
        };

        var waiters = Enumerable.Range(0, 20).Select(_ => harness.Cache.GetOrCreateEntryAsync("k", release, failing, options).AsTask()).ToArray();
        release.SetResult();
        var results = await Task.WhenAll(waiters);
        results.ShouldAllBe(r => r.Value == "stale" && r.Status == CacheResultStatus.Stale);
    }

    [Fact]
    public async Task GetOrCreate_AllWaitersGoneAfterSoftTimeout_CancelsTheFactory()
    {
        using var harness = new CacheHarness();
        var options = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(1), FactorySoftTimeout = TimeSpan.FromSeconds(1) };
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var caller = harness.Cache.GetOrCreateAsync<TaskCompletionSource<CancellationToken>, string>(
            "k",
            started,
            static async (s, ct) =>
            {
                s.SetResult(ct);
                await Task.Delay(Timeout.Infinite, ct);
                return "never";
            },
            options,
            cancellationToken: cancel.Token).AsTask();
        var factoryToken = await started.Task;

        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(caller);
        factoryToken.IsCancellationRequested.ShouldBeFalse();

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        factoryToken.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task SetAsync_DuringFactoryRun_TheRunDoesNotOverwriteTheNewerValue()
    {
        using var harness = new CacheHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = harness.Cache.GetOrCreateAsync("k", release, static async (gate, ct) =>
        {
            await gate.Task;
            return "computed-from-old-data";
        }, Options).AsTask();

        await harness.Cache.SetAsync("k", "written", Options);
        release.SetResult();
        (await run).ShouldBe("computed-from-old-data");
        (await harness.Cache.TryGetAsync<string>("k"))!.Value.Value.ShouldBe("written");
    }
}
