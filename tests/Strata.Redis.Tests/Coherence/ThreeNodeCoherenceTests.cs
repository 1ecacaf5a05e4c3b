using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Coherence;

/// <summary>
/// Three Strata nodes in one process, each with its own service provider and Redis connection. After one node sets,
/// removes, or invalidates by tag or namespace, and the others have heard it (awaited through their probes — no
/// sleeps), no other node serves the old value from its L1. Derived classes pick the coherence mechanism.
/// </summary>
public abstract class ThreeNodeCoherenceTests(RedisFixture redis, RedisCoherence coherence) : IAsyncLifetime
{
    private static readonly StrataEntryOptions Long = new() { Duration = TimeSpan.FromMinutes(10) };
    private readonly RedisCaches _caches = new(redis);
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
    public async Task SetAsync_OnA_BAndCStopServingTheirL1CopyOnceTheyHeardIt()
    {
        await WarmAsync("k", "v1", "t");
        var heardB = _b.Probe.Heard.Count;
        var heardC = _c.Probe.Heard.Count;

        await _a.Cache.SetAsync("k", "v2", Long);

        await _b.Probe.HeardAsync("k", heardB);
        await _c.Probe.HeardAsync("k", heardC);
        (await ReadAsync(_b, "k")).ShouldBe("v2");
        (await ReadAsync(_c, "k")).ShouldBe("v2");
    }

    [Fact]
    public async Task RemoveAsync_OnA_BAndCComputeAgainOnceTheyHeardIt()
    {
        await WarmAsync("k", "v1", "t");
        var heardB = _b.Probe.Heard.Count;
        var heardC = _c.Probe.Heard.Count;

        await _a.Cache.RemoveAsync("k");

        await _b.Probe.HeardAsync("k", heardB);
        await _c.Probe.HeardAsync("k", heardC);
        (await ReadAsync(_b, "k")).ShouldBe("computed");
        (await ReadAsync(_c, "k")).ShouldBe("computed");
    }

    [Fact]
    public async Task RemoveByTagAsync_OnA_BAndCStopServingTaggedEntriesOnceTheyHeardIt()
    {
        await WarmAsync("tagged", "v1", "trip:42");
        await WarmAsync("untagged", "u1", "other");
        var heardB = _b.Probe.Heard.Count;
        var heardC = _c.Probe.Heard.Count;

        await _a.Cache.RemoveByTagAsync("trip:42");

        await _b.Probe.HeardAsync("42", heardB);
        await _c.Probe.HeardAsync("42", heardC);
        (await ReadAsync(_b, "tagged")).ShouldBe("computed");
        (await ReadAsync(_c, "tagged")).ShouldBe("computed");
        (await ReadAsync(_b, "untagged")).ShouldBe("u1");
    }

    [Fact]
    public async Task ClearAsync_NamespaceOnA_BAndCStopServingItsEntriesOnceTheyHeardIt()
    {
        var nsA = _a.Cache.Namespace("flights");
        var nsB = _b.Cache.Namespace("flights");
        await nsA.SetAsync("LAX-JFK", "v1", Long);
        await _a.Probe.WrittenAsync("LAX-JFK");
        (await nsB.GetOrCreateAsync("LAX-JFK", static _ => ValueTask.FromResult("computed"), Long)).ShouldBe("v1");
        var heardB = _b.Probe.Heard.Count;

        await nsA.ClearAsync();

        await _b.Probe.HeardAsync("flights", heardB);
        (await nsB.GetOrCreateAsync("LAX-JFK", static _ => ValueTask.FromResult("computed"), Long)).ShouldBe("computed");
    }

    [Fact]
    public async Task SetAsync_BurstOfChangesOnA_BHearsEachKeyAndServesTheLastValues()
    {
        for (var i = 0; i < 20; i++)
        {
            await WarmAsync($"burst:{i}", "old", "burst");
        }

        var heardB = _b.Probe.Heard.Count;
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _a.Cache.SetAsync($"burst:{i}", $"new-{i}", Long).AsTask()));

        for (var i = 0; i < 20; i++)
        {
            await _b.Probe.HeardAsync($"{i}", heardB);
        }

        for (var i = 0; i < 20; i++)
        {
            (await ReadAsync(_b, $"burst:{i}")).ShouldBe($"new-{i}");
        }
    }

    /// <summary>A writes the value; B and C read it (from L2 into their L1).</summary>
    private async Task WarmAsync(string key, string value, string tag)
    {
        await _a.Cache.SetAsync(key, value, Long, [tag]);
        await _a.Probe.WrittenAsync(key);
        (await ReadAsync(_b, key)).ShouldBe(value);
        (await ReadAsync(_c, key)).ShouldBe(value);
    }

    private static async Task<string> ReadAsync(Node node, string key) =>
        await node.Cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult("computed"), Long);

    private async Task<Node> CreateNodeAsync()
    {
        var (cache, probe, tier) = await _caches.CreateAsync(TimeProvider.System, coherence: coherence);
        tier.ActiveCoherence.ShouldBe(coherence);
        return new Node(cache, probe);
    }

    private sealed record Node(StrataCache Cache, Strata.Conformance.DistributedTierProbe Probe);
}
