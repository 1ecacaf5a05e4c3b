using System.Diagnostics;
using Strata.Engine;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp;
using Strata.Resp.Cluster;
using Strata.Testing;
using Xunit.Abstractions;

namespace Strata.Redis.Tests.Cluster;

/// <summary>
/// Two Strata nodes on the cluster under a continuous mixed load (GetOrCreate and Set over 48 keys on every primary,
/// fail-safe on) while a primary fails over — by <c>CLUSTER FAILOVER</c>, then by SIGKILL. No cache call may fail: the
/// cache serves from L1, the factory or fail-safe values while L2 flips. The L2 errors, the breaker openings and the
/// L2 write gap (the longest time without a successful direct write to the failed slot) are printed, not asserted.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class ClusterFailoverCacheTests(RedisClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly StrataEntryOptions Options = new()
    {
        Duration = TimeSpan.FromSeconds(2),
        FailSafeMaxStale = TimeSpan.FromMinutes(10),
    };

    private readonly RedisCaches _caches = new(fixture.ConnectionString);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _caches.DisposeAsync();

    [Fact]
    public async Task ManualFailover_UnderMixedLoad_NoCacheCallFails()
    {
        var outcome = await RunUnderLoadAsync("manual failover", async primary =>
        {
            var replica = await fixture.Cluster.ReplicaOfAsync(primary);
            await fixture.Cluster.FailoverAsync(replica);
            return () => Task.CompletedTask;
        });

        outcome.Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task KilledPrimary_UnderMixedLoad_NoCacheCallFails()
    {
        var outcome = await RunUnderLoadAsync("SIGKILL of the primary", async primary =>
        {
            await fixture.Cluster.KillAsync(primary);
            // The replica is promoted after the 2 s node timeout and an election.
            await fixture.Cluster.WaitHealthyAsync(TimeSpan.FromSeconds(30));
            return () => fixture.Cluster.RestartAsync(primary);
        });

        outcome.Failures.ShouldBeEmpty();
    }

    private async Task<(List<Exception> Failures, TimeSpan Gap)> RunUnderLoadAsync(string what, Func<RedisClusterNode, Task<Func<Task>>> fail)
    {
        var a = await NodeAsync();
        var b = await NodeAsync();
        var probeKey = _caches.Prefix + ":gap-probe";
        var primary = await fixture.Cluster.PrimaryOfSlotAsync(HashSlot.Of(probeKey));

        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var operations = 0L;
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var node = worker % 2 == 0 ? a.Cache : b.Cache;
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var key = $"load:{random.Next(48)}";
                try
                {
                    if (random.Next(10) < 7)
                    {
                        await node.GetOrCreateAsync(key, static _ => ValueTask.FromResult("computed"), Options);
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

        // Breaker openings, sampled; and direct L2 writes to the failing slot, timed.
        var opens = 0;
        var watch = Task.Run(async () =>
        {
            var open = new[] { false, false };
            while (!stop.IsCancellationRequested)
            {
                for (var i = 0; i < 2; i++)
                {
                    var isOpen = Engine(i == 0 ? a : b).BreakerState != BreakerState.Closed;
                    if (isOpen && !open[i])
                    {
                        Interlocked.Increment(ref opens);
                    }

                    open[i] = isOpen;
                }

                await Task.Delay(5);
            }
        });
        var clock = Stopwatch.StartNew();
        var lastSuccess = TimeSpan.Zero;
        var gap = TimeSpan.Zero;
        var writeErrors = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await a.Tier.SetAsync(probeKey, "x"u8.ToArray(), DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
                    var now = clock.Elapsed;
                    gap = TimeSpan.FromTicks(Math.Max(gap.Ticks, (now - lastSuccess).Ticks));
                    lastSuccess = now;
                }
#pragma warning disable CA1031 // Counted: any failure of the direct write is part of the gap.
                catch (Exception)
#pragma warning restore CA1031
                {
                    writeErrors++;
                }

                await Task.Delay(10);
            }
        });

        await WaitUntilAsync(() => Interlocked.Read(ref operations) > 300, "load running");
        var l2ErrorsBefore = Engine(a).Metrics.L2Errors + Engine(b).Metrics.L2Errors;
        var before = Interlocked.Read(ref operations);
        gap = TimeSpan.Zero;
        var failedAt = clock.Elapsed;
        var restore = await fail(primary);
        var healthyAfter = clock.Elapsed - failedAt;

        // Written to L2 again by the cache: a write on A reaches Redis, B reads it without computing.
        await WaitUntilAsync(() => Engine(a).BreakerState == BreakerState.Closed && Engine(b).BreakerState == BreakerState.Closed, "both breakers closed");
        await WaitUntilAsync(() => lastSuccess > healthyAfter + failedAt, "a direct L2 write to the failed slot succeeded");
        var written = a.Probe.Writes.Count;
        await a.Cache.SetAsync("after", "back", Options);
        await a.Probe.WrittenAsync("after", written);
        (await b.Cache.GetOrCreateAsync("after", static _ => ValueTask.FromResult("computed"), Options)).ShouldBe("back");

        await stop.CancelAsync();
        await Task.WhenAll(load);
        await watch;
        await writer;
        var during = Interlocked.Read(ref operations) - before;
        var l2Errors = Engine(a).Metrics.L2Errors + Engine(b).Metrics.L2Errors - l2ErrorsBefore;
        output.WriteLine(
            $"{what}: {during} cache calls during/after it, {failures.Count} failed; L2 errors {l2Errors}, breaker openings {opens}; " +
            $"direct L2 write to the slot: longest gap {gap.TotalMilliseconds:F0} ms, {writeErrors} failed writes; cluster healthy after {healthyAfter.TotalMilliseconds:F0} ms; " +
            $"client A {a.Tier.Client.ClusterStatistics}");
        await restore();
        return (failures, gap);
    }

    private async Task<(StrataCache Cache, Strata.Conformance.DistributedTierProbe Probe, RedisDistributedTier Tier)> NodeAsync()
    {
        var client = RespClientOptions.Parse(fixture.ConnectionString);
        client.CommandTimeout = TimeSpan.FromSeconds(1);
        client.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        return await _caches.CreateAsync(
            TimeProvider.System,
            static o =>
            {
                o.DistributedTimeout = TimeSpan.FromMilliseconds(500);
                o.BreakerFailureThreshold = 3;
                o.BreakerBreakDuration = TimeSpan.FromMilliseconds(300);
            },
            configureTier: o =>
            {
                o.ConnectionString = null;
                o.Client = client;
            });
    }

    private static CacheEngine Engine((StrataCache Cache, Strata.Conformance.DistributedTierProbe Probe, RedisDistributedTier Tier) node) =>
        ((NamespacedCache)node.Cache).Engine;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().ShouldBeTrue($"timed out waiting for: {what}");
    }
}
