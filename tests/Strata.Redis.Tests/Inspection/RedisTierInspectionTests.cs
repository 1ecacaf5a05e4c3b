using Strata.Redis.Tests.Infrastructure;

namespace Strata.Redis.Tests.Inspection;

/// <summary>The admin view of Redis: INFO facts and a bounded SCAN sample with TTLs, against a real server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTierInspectionTests(RedisFixture redis)
{
    [Fact]
    public async Task GetServerInfoAsync_ReportsVersionMemoryClientsAndCoherence()
    {
        await using var tier = new RedisDistributedTier(new RedisTierOptions { ConnectionString = redis.ConnectionString, KeyPrefix = RedisFixture.NewPrefix() + ":" });
        await tier.WhenCoherentAsync();

        var info = await tier.GetServerInfoAsync();

        info["redis_version"].ShouldStartWith("7.");
        long.Parse(info["used_memory"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        int.Parse(info["connected_clients"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        info["coherence"].ShouldBe(nameof(RedisCoherence.Tracking));
        info.Keys.ShouldNotContain("executable", "only the chosen INFO fields are passed on");
    }

    [Fact]
    public async Task SampleKeysAsync_WithPrefixAndMatch_ReturnsOnlyThoseKeysWithTtls()
    {
        var prefix = RedisFixture.NewPrefix() + ":";
        await using var tier = new RedisDistributedTier(new RedisTierOptions { ConnectionString = redis.ConnectionString, KeyPrefix = prefix, ScanPageSize = 10 });
        await redis.Client.SetAsync(prefix + "flights:LAX-JFK", "1", TimeSpan.FromMinutes(5));
        await redis.Client.SetAsync(prefix + "flights:LAX-SFO", "2");
        await redis.Client.SetAsync(prefix + "flights:SFO-JFK", "3", TimeSpan.FromMinutes(5));
        await redis.Client.SetAsync(prefix + "hotels:LAX-1", "4", TimeSpan.FromMinutes(5));
        await redis.Client.SetAsync(RedisFixture.NewPrefix() + ":flights:LAX-JFK", "other app", TimeSpan.FromMinutes(5));

        var sample = await tier.SampleKeysAsync(prefix + "flights:", "LAX-*", limit: 10, scanBudget: 100_000);

        sample.Complete.ShouldBeTrue();
        sample.Keys.Select(k => k.Key).Order(StringComparer.Ordinal).ShouldBe([prefix + "flights:LAX-JFK", prefix + "flights:LAX-SFO"]);
        var ttl = sample.Keys.Single(k => k.Key.EndsWith("LAX-JFK", StringComparison.Ordinal)).Value;
        ttl.ShouldNotBeNull();
        ttl.Value.ShouldBeInRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        sample.Keys.Single(k => k.Key.EndsWith("LAX-SFO", StringComparison.Ordinal)).Value.ShouldBeNull("no expiry");

        var limited = await tier.SampleKeysAsync(prefix, null, limit: 2, scanBudget: 100_000);
        limited.Keys.Count.ShouldBe(2);
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => tier.SampleKeysAsync(prefix, null, 0, 10).AsTask());
    }
}
