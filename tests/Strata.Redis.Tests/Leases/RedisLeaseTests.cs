using Strata.Engine;
using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Leases;

/// <summary>Cross-node single flight on a real Redis: one computation per key for three nodes, takeover when the holder
/// fails or hangs past its lease, and no lease or stamp keys left behind.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLeaseTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(5) };
    private readonly RedisCaches _caches = new(redis);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _caches.DisposeAsync();

    [Fact]
    public async Task GetOrCreateAsync_ThousandConcurrentRequestsOverThreeNodes_OneFactoryCallInTotal()
    {
        var nodes = await NodesAsync(3, TimeSpan.FromSeconds(30));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Func<TaskCompletionSource, CancellationToken, ValueTask<string>> factory = async (g, ct) =>
        {
            Interlocked.Increment(ref calls);
            await g.Task;
            return "searched-once";
        };

        var requests = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(() => nodes[i % 3].GetOrCreateAsync("flights:LAX-JFK", gate, factory, Options).AsTask()))
            .ToArray();
        // One node holds the lease and runs the factory; the other two wait for its value (heard, not polled).
        await WaitUntilAsync(() => Volatile.Read(ref calls) == 1 && nodes.Sum(n => Engine(n).Metrics.LeaseWaits) >= 2);
        gate.SetResult();
        var results = await Task.WhenAll(requests);

        results.ShouldAllBe(r => r == "searched-once");
        calls.ShouldBe(1);
        nodes.Sum(n => Engine(n).Metrics.LeasesAcquired).ShouldBe(1);
        nodes.Sum(n => Engine(n).Metrics.LeaseValuesArrived).ShouldBe(2);
    }

    [Fact]
    public async Task GetOrCreateAsync_HolderFactoryThrows_AnotherNodeTakesOverAndComputes()
    {
        var nodes = await NodesAsync(2, TimeSpan.FromSeconds(30));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = nodes[0].GetOrCreateAsync<TaskCompletionSource, string>("k", gate, static async (g, ct) =>
        {
            await g.Task;
            throw new InvalidOperationException("supplier down");
        }, Options).AsTask();
        await WaitUntilAsync(() => Engine(nodes[0]).Metrics.LeasesAcquired == 1);
        var taker = nodes[1].GetOrCreateAsync("k", static _ => ValueTask.FromResult("from-b"), Options).AsTask();
        await WaitUntilAsync(() => Engine(nodes[1]).Metrics.LeaseWaits == 1);

        gate.SetResult();

        await Should.ThrowAsync<InvalidOperationException>(failing);
        (await taker).ShouldBe("from-b");
        Engine(nodes[1]).Metrics.LeasesAcquired.ShouldBe(1);
    }

    [Fact]
    public async Task GetOrCreateAsync_HolderHangsPastItsLease_AnotherNodeTakesOverAfterTheLeaseExpires()
    {
        var nodes = await NodesAsync(2, TimeSpan.FromMilliseconds(400));
        var hang = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = nodes[0].GetOrCreateAsync("k", hang, static (h, ct) => new ValueTask<string>(h.Task), Options).AsTask();
        await WaitUntilAsync(() => Engine(nodes[0]).Metrics.LeasesAcquired == 1);

        // Redis expires the lease by its own clock: this waits about the lease's 400 ms, the behaviour under test.
        (await nodes[1].GetOrCreateAsync("k", static _ => ValueTask.FromResult("from-b"), Options)).ShouldBe("from-b");

        Engine(nodes[1]).Metrics.LeaseWaits.ShouldBeGreaterThanOrEqualTo(1);
        Engine(nodes[1]).Metrics.LeasesAcquired.ShouldBe(1);
        Engine(nodes[1]).Metrics.LeaseWaitsExpired.ShouldBe(0);
        hang.SetResult("late");
    }

    [Fact]
    public async Task Keys_AfterEveryEntryExpired_NoStrataKeysRemainInRedis()
    {
        var nodes = await NodesAsync(2, TimeSpan.FromSeconds(5), o => o.InvalidationRetention = TimeSpan.FromMilliseconds(600));
        var shortLived = new StrataEntryOptions { Duration = TimeSpan.FromMilliseconds(300) };
        for (var i = 0; i < 50; i++)
        {
            await nodes[i % 2].GetOrCreateAsync($"k{i}", i, static (n, _) => ValueTask.FromResult(n), shortLived, [$"tag{i % 5}"]);
        }

        await nodes[0].RemoveByTagAsync("tag1");
        await nodes[1].Namespace("other").ClearAsync();
        (await redis.KeysAsync(_caches.Prefix)).ShouldNotBeEmpty();

        // Entries (300 ms), stamps (600 ms retention) and leases (released) all carry a TTL or are gone.
        var remaining = await WaitForKeysToExpireAsync(TimeSpan.FromSeconds(5));
        remaining.ShouldBeEmpty();
    }

    private async Task<List<string>> WaitForKeysToExpireAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        List<string> keys;
        do
        {
            keys = await redis.KeysAsync(_caches.Prefix);
            if (keys.Count == 0)
            {
                return keys;
            }

            foreach (var key in keys)
            {
                // Every key the cache writes has a TTL: none may be persistent.
                (await redis.Client.TimeToLiveAsync(key)).ShouldNotBeNull($"{key} has no TTL");
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        return keys;
    }

    private async Task<StrataCache[]> NodesAsync(int count, TimeSpan lease, Action<StrataCacheOptions>? configure = null)
    {
        var nodes = new StrataCache[count];
        for (var i = 0; i < count; i++)
        {
            nodes[i] = (await _caches.CreateAsync(TimeProvider.System, o =>
            {
                o.DistributedLeaseDuration = lease;
                configure?.Invoke(o);
            })).Cache;
        }

        return nodes;
    }

    private static CacheEngine Engine(StrataCache cache) => ((NamespacedCache)cache).Engine;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue();
    }
}
