using Strata.Testing;
using Strata.Tiers;

namespace Strata.Tests.Engine;

/// <summary>Cross-node single flight: nodes over one in-memory L2 (on one manual clock) share a lease per key, so one
/// node computes and the others take its value; a holder that fails or dies is taken over.</summary>
public sealed class LeaseTests : IDisposable
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(5) };
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryDistributedStore _store;
    private readonly List<CacheHarness> _nodes = [];

    public LeaseTests() => _store = new InMemoryDistributedStore(_clock);

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }

    [Fact]
    public async Task GetOrCreateAsync_ThreeNodesMissTogether_OneFactoryRunsAndTheOthersGetItsValue()
    {
        var (a, b, c) = (Node(), Node(), Node());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Func<string, CancellationToken, ValueTask<string>> factory = async (name, ct) =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return $"from-{name}";
        };

        var onA = a.Cache.GetOrCreateAsync("cold", "a", factory, Options).AsTask();
        await TimelineTests.WaitForAsync(() => Volatile.Read(ref calls) == 1);
        var onB = b.Cache.GetOrCreateAsync("cold", "b", factory, Options).AsTask();
        var onC = c.Cache.GetOrCreateAsync("cold", "c", factory, Options).AsTask();
        await TimelineTests.WaitForAsync(() => b.Engine.Metrics.LeaseWaits == 1 && c.Engine.Metrics.LeaseWaits == 1);
        gate.SetResult();

        (await onA).ShouldBe("from-a");
        (await onB).ShouldBe("from-a");
        (await onC).ShouldBe("from-a");
        calls.ShouldBe(1);
        a.Engine.Metrics.LeasesAcquired.ShouldBe(1);
        (b.Engine.Metrics.LeaseValuesArrived + c.Engine.Metrics.LeaseValuesArrived).ShouldBe(2);
    }

    [Fact]
    public async Task GetOrCreateAsync_LeaseReleased_LeaseKeyIsGoneFromL2()
    {
        var a = Node();

        (await a.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("v"), Options)).ShouldBe("v");

        await TimelineTests.WaitForAsync(() => !_store.Keys.Any(k => k.Contains("!lease", StringComparison.Ordinal)));
        _store.Keys.ShouldContain("strata:default:k");
    }

    [Fact]
    public async Task GetOrCreateAsync_HolderFactoryThrows_AWaitingNodeTakesOverAtOnce()
    {
        var (a, b) = (Node(), Node());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var onA = a.Cache.GetOrCreateAsync<TaskCompletionSource, string>("k", gate, static async (g, ct) =>
        {
            await g.Task;
            throw new InvalidOperationException("supplier down");
        }, Options).AsTask();
        await TimelineTests.WaitForAsync(() => a.Engine.Metrics.LeasesAcquired == 1);
        var bCalls = 0;
        var onB = b.Cache.GetOrCreateAsync("k", _ => { Interlocked.Increment(ref bCalls); return ValueTask.FromResult("from-b"); }, Options).AsTask();
        await TimelineTests.WaitForAsync(() => b.Engine.Metrics.LeaseWaits == 1);

        gate.SetResult();

        await Should.ThrowAsync<InvalidOperationException>(onA);
        // Released on failure, so B does not wait out the lease: the clock never moved.
        (await onB).ShouldBe("from-b");
        bCalls.ShouldBe(1);
        b.Engine.Metrics.LeasesAcquired.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_HolderHangsPastItsLease_AWaitingNodeTakesOverWhenTheLeaseEnds()
    {
        var (a, b) = (Node(), Node());
        var hang = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = a.Cache.GetOrCreateAsync("k", hang, static (h, ct) => new ValueTask<string>(h.Task), Options).AsTask();
        await TimelineTests.WaitForAsync(() => a.Engine.Metrics.LeasesAcquired == 1);
        var bCalls = 0;
        var onB = b.Cache.GetOrCreateAsync("k", _ => { Interlocked.Increment(ref bCalls); return ValueTask.FromResult("from-b"); }, Options).AsTask();
        await TimelineTests.WaitForAsync(() => b.Engine.Metrics.LeaseWaits == 1);

        _clock.Advance(LeaseDuration - TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        onB.IsCompleted.ShouldBeFalse();
        bCalls.ShouldBe(0);

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        (await onB).ShouldBe("from-b");
        bCalls.ShouldBe(1);
        b.Engine.Metrics.LeasesAcquired.ShouldBe(1);
        hang.SetResult("late");
    }

    [Fact]
    public async Task GetOrCreateAsync_WaitLongerThanLeaseWait_ComputesWithoutTheLease()
    {
        var a = Node();
        var b = Node(o => o.DistributedLeaseWait = TimeSpan.FromSeconds(2));
        var hang = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = a.Cache.GetOrCreateAsync("k", hang, static (h, ct) => new ValueTask<string>(h.Task), Options).AsTask();
        await TimelineTests.WaitForAsync(() => a.Engine.Metrics.LeasesAcquired == 1);
        var onB = b.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("from-b"), Options).AsTask();
        await TimelineTests.WaitForAsync(() => b.Engine.Metrics.LeaseWaits == 1);

        _clock.Advance(TimeSpan.FromSeconds(2));

        (await onB).ShouldBe("from-b");
        b.Engine.Metrics.LeaseWaitsExpired.ShouldBe(1);
        b.Engine.Metrics.LeasesAcquired.ShouldBe(0);
        hang.SetResult("late");
    }

    [Fact]
    public async Task GetOrCreateAsync_BackgroundRefreshWhileAnotherNodeHoldsTheLease_KeepsServingAndDoesNotCompute()
    {
        var refresh = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(5), EarlyRefreshFraction = 0.5 };
        var (a, b) = (Node(), Node());
        (await a.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("v1"), refresh)).ShouldBe("v1");
        (await b.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("unused"), refresh)).ShouldBe("v1");
        _clock.Advance(TimeSpan.FromMinutes(3));
        var hang = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        (await a.Cache.GetOrCreateAsync("k", hang, static (h, ct) => new ValueTask<string>(h.Task), refresh)).ShouldBe("v1");
        await TimelineTests.WaitForAsync(() => a.Engine.Metrics.LeasesAcquired == 2);
        var bCalls = 0;

        (await b.Cache.GetOrCreateAsync("k", _ => { Interlocked.Increment(ref bCalls); return ValueTask.FromResult("from-b"); }, refresh)).ShouldBe("v1");
        await TimelineTests.WaitForAsync(() => b.Engine.Metrics.LeasesLeftToHolder == 1);
        (await b.Cache.GetOrCreateAsync("k", _ => { Interlocked.Increment(ref bCalls); return ValueTask.FromResult("from-b"); }, refresh)).ShouldBe("v1");

        bCalls.ShouldBe(0);
        hang.SetResult("v2");
        // A's refreshed value reaches B as a change of the key: B drops its copy and reads v2 from L2.
        await TimelineTests.WaitForAsync(() => _store.Keys.All(k => !k.Contains("!lease", StringComparison.Ordinal)));
        (await b.Cache.GetOrCreateAsync("k", static _ => ValueTask.FromResult("from-b"), refresh)).ShouldBe("v2");
    }

    [Fact]
    public async Task GetOrCreateAsync_LeaseOff_EachNodeComputesOnItsOwnMiss()
    {
        var a = Node(o => o.DistributedLeaseDuration = null);
        var b = Node(o => o.DistributedLeaseDuration = null);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Func<TaskCompletionSource, CancellationToken, ValueTask<int>> factory = async (g, ct) =>
        {
            Interlocked.Increment(ref calls);
            await g.Task;
            return 1;
        };

        var both = new[] { a.Cache.GetOrCreateAsync("k", gate, factory, Options).AsTask(), b.Cache.GetOrCreateAsync("k", gate, factory, Options).AsTask() };
        await TimelineTests.WaitForAsync(() => Volatile.Read(ref calls) == 2);
        gate.SetResult();
        await Task.WhenAll(both);

        calls.ShouldBe(2);
    }

    private CacheHarness Node(Action<StrataCacheOptions>? configure = null)
    {
        var node = new CacheHarness(
            o =>
            {
                o.DistributedLeaseDuration = LeaseDuration;
                configure?.Invoke(o);
            },
            sharedStore: _store,
            clock: _clock);
        _nodes.Add(node);
        return node;
    }
}
