using Strata.Conformance;
using Strata.Redis.Tests.Infrastructure;
using Strata.Resp.Cluster;
using Strata.Testing;
using Xunit.Abstractions;

namespace Strata.Redis.Tests.Cluster;

/// <summary>
/// Three Strata nodes (each its own service provider and cluster client) sharing the cluster. What one overwrites or
/// invalidates by tag the others stop serving from L1 once they have heard it (awaited through their probes), before
/// and after the primary of the changed key fails over: the invalidations must keep arriving from the new primary.
/// </summary>
/// <remarks>Derived classes pick the coherence mechanism.</remarks>
public abstract class ClusterCoherenceTests(RedisClusterFixture fixture, ITestOutputHelper output, RedisCoherence coherence) : IAsyncLifetime
{
    private static readonly StrataEntryOptions Long = new() { Duration = TimeSpan.FromMinutes(10) };
    private readonly RedisCaches _caches = new(fixture.ConnectionString);
    private Node _a = null!;
    private Node _b = null!;
    private Node _c = null!;

    public async Task InitializeAsync()
    {
        _a = await CreateNodeAsync();
        _b = await CreateNodeAsync();
        _c = await CreateNodeAsync();
    }

    public async Task DisposeAsync() => await _caches.DisposeAsync();

    [Fact]
    public async Task SetAsyncAndRemoveByTagAsync_OnA_BAndCStopServingTheirL1Copy()
    {
        await OverwriteIsHeardAsync("k", "v1", "v2");
        await RemoveByTagIsHeardAsync("tagged", "trip:42");
    }

    [Fact]
    public async Task SetAsyncAndRemoveByTagAsync_AfterThePrimaryFailedOver_AreStillHeard()
    {
        await OverwriteIsHeardAsync("moving", "v1", "v2");
        var physical = _a.Probe.Writes.Keys.Last(k => k.EndsWith(":moving", StringComparison.Ordinal));
        var primary = await fixture.Cluster.PrimaryOfSlotAsync(HashSlot.Of(physical));
        var replica = await fixture.Cluster.ReplicaOfAsync(primary);

        await fixture.Cluster.FailoverAsync(replica);
        output.WriteLine($"failed over {primary.Port} -> {replica.Port}; coherence {_b.Tier.ActiveCoherence}");

        (await fixture.Cluster.PrimaryOfSlotAsync(HashSlot.Of(physical))).Port.ShouldBe(replica.Port);
        await OverwriteIsHeardAsync("moving", "v2", "v3", message: "an overwrite after the failover was not delivered to the other nodes " +
            "(per-node tracking / subscriber must follow the new primary)");
        // Several tags, so the stamps land on every primary, the promoted one included.
        for (var i = 0; i < 6; i++)
        {
            await RemoveByTagIsHeardAsync($"tagged:{i}", $"trip:{i}", message: "a tag invalidation after the failover was not delivered");
        }
    }

    private async Task OverwriteIsHeardAsync(string key, string before, string after, string? message = null)
    {
        await WarmAsync(key, before, "t");
        var heardB = _b.Probe.Heard.Count;
        var heardC = _c.Probe.Heard.Count;

        await _a.Cache.SetAsync(key, after, Long);

        await HeardAsync(_b, key, heardB, message);
        await HeardAsync(_c, key, heardC, message);
        (await ReadAsync(_b, key)).ShouldBe(after, message);
        (await ReadAsync(_c, key)).ShouldBe(after, message);
    }

    private async Task RemoveByTagIsHeardAsync(string key, string tag, string? message = null)
    {
        await WarmAsync(key, "v1", tag);
        var heardB = _b.Probe.Heard.Count;
        var heardC = _c.Probe.Heard.Count;

        await _a.Cache.RemoveByTagAsync(tag);

        var stampName = tag[(tag.IndexOf(':', StringComparison.Ordinal) + 1)..];
        await HeardAsync(_b, stampName, heardB, message);
        await HeardAsync(_c, stampName, heardC, message);
        (await ReadAsync(_b, key)).ShouldBe("computed", message);
        (await ReadAsync(_c, key)).ShouldBe("computed", message);
    }

    private static async Task HeardAsync(Node node, string name, int since, string? message)
    {
        try
        {
            await node.Probe.HeardAsync(name, since);
        }
        catch (TimeoutException error) when (message is not null)
        {
            throw new TimeoutException($"{message}: {error.Message}", error);
        }
    }

    /// <summary>A writes the value; B and C read it (from L2 into their L1).</summary>
    private async Task WarmAsync(string key, string value, string tag)
    {
        var written = _a.Probe.Writes.Count;
        await _a.Cache.SetAsync(key, value, Long, [tag]);
        await _a.Probe.WrittenAsync(key, written);
        (await ReadAsync(_b, key)).ShouldBe(value);
        (await ReadAsync(_c, key)).ShouldBe(value);
    }

    private static async Task<string> ReadAsync(Node node, string key) =>
        await node.Cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult("computed"), Long);

    private async Task<Node> CreateNodeAsync()
    {
        var (cache, probe, tier) = await _caches.CreateAsync(TimeProvider.System, coherence: coherence);
        tier.ActiveCoherence.ShouldBe(coherence);
        return new Node(cache, probe, tier);
    }

    private sealed record Node(StrataCache Cache, DistributedTierProbe Probe, RedisDistributedTier Tier);
}
