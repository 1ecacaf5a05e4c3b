using Strata.Engine;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp;
using Strata.Testing;

namespace Strata.Redis.Tests.Resilience;

/// <summary>
/// redis-server is killed (SIGKILL) under a mixed load of reads and writes on two nodes, then restarted: no cache call
/// fails, both breakers open, the tier comes back by itself, and a value written before the kill and overwritten
/// during the outage is never served again. A server of its own, since the test kills it.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly StrataEntryOptions Options = new() { Duration = TimeSpan.FromMinutes(10) };
    private RedisServer _server = null!;
    private RedisCaches _caches = null!;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _caches = new RedisCaches(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _caches.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task KillAndRestart_UnderMixedLoad_NoCacheCallFailsAndNoOverwrittenValueIsServedAgain()
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        await a.Cache.SetAsync("acknowledged", "before-kill", Options);
        await a.Probe.WrittenAsync("acknowledged");
        (await Read(b.Cache, "acknowledged")).ShouldBe("before-kill");

        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var operations = 0L;
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var node = worker % 2 == 0 ? a.Cache : b.Cache;
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var key = $"load:{random.Next(50)}";
                try
                {
                    if (random.Next(10) < 7)
                    {
                        await Read(node, key);
                    }
                    else
                    {
                        await node.SetAsync(key, $"w{worker}", Options);
                    }

                    Interlocked.Increment(ref operations);
                }
#pragma warning disable CA1031 // The assertion is that nothing lands here.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    lock (failures)
                    {
                        failures.Add(error);
                    }
                }
            }
        })).ToArray();

        await WaitUntilAsync(() => Interlocked.Read(ref operations) > 200, "load running");
        await _server.KillAsync();
        await WaitUntilAsync(() => Engine(a).BreakerState == BreakerState.Open && Engine(b).BreakerState == BreakerState.Open, "both breakers open");
        await a.Cache.SetAsync("acknowledged", "during-outage", Options);
        var duringOutage = Interlocked.Read(ref operations);
        await WaitUntilAsync(() => Interlocked.Read(ref operations) > duringOutage + 200, "load served during the outage");

        await _server.RestartAsync();
        await WaitUntilAsync(() => Engine(a).BreakerState == BreakerState.Closed && Engine(b).BreakerState == BreakerState.Closed, "both breakers closed again");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        failures.ShouldBeEmpty();
        Engine(b).Metrics.CoherenceFlushes.ShouldBeGreaterThanOrEqualTo(1);
        (await Read(b.Cache, "acknowledged")).ShouldNotBe("before-kill");
        (await Read(a.Cache, "acknowledged")).ShouldNotBe("before-kill");

        // Recovered by itself: a write on A reaches Redis and B reads it from L2 without computing.
        var written = a.Probe.Writes.Count;
        await a.Cache.SetAsync("after", "back", Options);
        await a.Probe.WrittenAsync("after", written);
        (await Read(b.Cache, "after")).ShouldBe("back");
    }

    private async Task<(StrataCache Cache, Strata.Conformance.DistributedTierProbe Probe, RedisDistributedTier Tier)> NodeAsync() =>
        await _caches.CreateAsync(
            TimeProvider.System,
            o =>
            {
                o.DistributedTimeout = TimeSpan.FromMilliseconds(300);
                o.BreakerFailureThreshold = 3;
                o.BreakerBreakDuration = TimeSpan.FromMilliseconds(300);
            },
            configureTier: o =>
            {
                // Reconnect attempts capped at 200 ms apart, so recovery after the restart is quick.
                o.ConnectionString = null;
                o.Client = new RespClientOptions
                {
                    Host = _server.Host,
                    Port = _server.Port,
                    CommandTimeout = TimeSpan.FromSeconds(1),
                    ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
                };
            });

    private static ValueTask<string> Read(StrataCache cache, string key) =>
        cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult("computed"), Options);

    private static CacheEngine Engine((StrataCache Cache, Strata.Conformance.DistributedTierProbe Probe, RedisDistributedTier Tier) node) =>
        ((NamespacedCache)node.Cache).Engine;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue($"timed out waiting for: {what}");
    }
}
