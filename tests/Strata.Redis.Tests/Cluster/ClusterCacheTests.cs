using Strata.Engine;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp;
using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Redis.Tests.Cluster;

/// <summary>What a single server gives for free and a cluster does not: the value and its lease key live in different
/// slots (one computation per key must still hold), and a namespace purge or an admin key sample must reach every
/// primary, not only the node a keyless SCAN goes to.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterCacheTests(RedisClusterFixture fixture) : IAsyncLifetime
{
    private static readonly StrataEntryOptions Long = new() { Duration = TimeSpan.FromMinutes(5) };
    private readonly RedisCaches _caches = new(fixture.ConnectionString);
    private RespClient _inspector = null!;

    public async Task InitializeAsync() => _inspector = await RespClient.ConnectAsync(fixture.ConnectionString);

    public async Task DisposeAsync()
    {
        await _caches.DisposeAsync();
        await _inspector.DisposeAsync();
    }

    [Fact]
    public async Task GetOrCreateAsync_ConcurrentRequestsOverThreeNodes_LeaseAcrossSlotsGivesOneFactoryCall()
    {
        var nodes = new StrataCache[3];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = (await _caches.CreateAsync(TimeProvider.System, static o => o.DistributedLeaseDuration = TimeSpan.FromSeconds(30))).Cache;
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Func<TaskCompletionSource, CancellationToken, ValueTask<string>> factory = async (g, ct) =>
        {
            Interlocked.Increment(ref calls);
            await g.Task;
            return "searched-once";
        };

        var requests = Enumerable.Range(0, 300)
            .Select(i => Task.Run(() => nodes[i % 3].GetOrCreateAsync("flights:LAX-JFK", gate, factory, Long).AsTask()))
            .ToArray();
        await WaitUntilAsync(() => Volatile.Read(ref calls) == 1 && nodes.Sum(n => Engine(n).Metrics.LeaseWaits) >= 2, "one holder, two waiting nodes");
        gate.SetResult();
        var results = await Task.WhenAll(requests);

        results.ShouldAllBe(r => r == "searched-once");
        calls.ShouldBe(1);
        nodes.Sum(n => Engine(n).Metrics.LeasesAcquired).ShouldBe(1);
        (await ClusterKeys.ListAsync(_inspector, _caches.Prefix + ":!lease")).ShouldBeEmpty("the lease is released");
    }

    [Fact]
    public async Task ClearAsync_NamespaceSpreadOverEveryPrimary_PurgesItsKeysOnEveryNode()
    {
        var (cache, probe, tier) = await _caches.CreateAsync(TimeProvider.System);
        var flights = cache.Namespace("flights");
        for (var i = 0; i < 60; i++)
        {
            await flights.SetAsync($"route:{i}", $"v{i}", Long);
        }

        await cache.SetAsync("hotels:1", "kept", Long);
        var stored = await ClusterKeys.ListAsync(_inspector, _caches.Prefix + ":flights:");
        stored.Count.ShouldBe(60);
        (await fixture.Cluster.PrimariesHoldingAsync(stored)).ShouldBe(3, "the namespace spans every primary");

        var removed = await tier.PurgeAsync(_caches.Prefix + ":flights:", CancellationToken.None);

        removed.ShouldBe(60);
        (await ClusterKeys.ListAsync(_inspector, _caches.Prefix + ":flights:")).ShouldBeEmpty();
        (await cache.GetOrCreateAsync("hotels:1", static _ => ValueTask.FromResult("computed"), Long)).ShouldBe("kept");
        probe.Writes.Count.ShouldBeGreaterThanOrEqualTo(61);
    }

    [Fact]
    public async Task SampleKeysAsync_KeysOnEveryPrimary_SamplesThemAllWithTtls()
    {
        var (cache, _, tier) = await _caches.CreateAsync(TimeProvider.System);
        var samples = cache.Namespace("sample");
        for (var i = 0; i < 30; i++)
        {
            await samples.SetAsync($"k{i}", i, Long);
        }

        var sample = await tier.SampleKeysAsync(_caches.Prefix + ":sample:", null, limit: 100, scanBudget: 100_000);

        sample.Complete.ShouldBeTrue();
        sample.Keys.Count.ShouldBe(30);
        sample.Keys.ShouldAllBe(k => k.Value != null && k.Value > TimeSpan.Zero);
        var limited = await tier.SampleKeysAsync(_caches.Prefix + ":sample:", null, limit: 5, scanBudget: 100_000);
        limited.Keys.Count.ShouldBe(5);
        limited.Complete.ShouldBeFalse();
    }

    private static CacheEngine Engine(StrataCache cache) => ((NamespacedCache)cache).Engine;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue($"timed out waiting for: {what}");
    }
}
