using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

/// <summary>Routing against a real 3-primary cluster (one per class; tests use their own keys so they can share it).</summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterRoutingTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private RedisCluster Cluster => fixture.Cluster;

    private async Task<RedisClusterNode> OtherPrimaryAsync(RedisClusterNode node) =>
        (await Cluster.PrimariesAsync()).First(p => p.Port != node.Port);

    [Fact]
    public async Task Connect_ClusterSeed_IsDetectedAndMapCoversAllSlots()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        client.IsCluster.ShouldBeTrue();
        client.ClusterStatistics.TopologyRefreshes.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task SetGet_ThousandKeysOverAllSlots_CorrectAndNoMovedAfterWarmUp()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        var keys = Enumerable.Range(0, 1000).Select(i => $"route:{i}").ToArray();
        keys.Select(HashSlot.Of).Distinct().Count().ShouldBeGreaterThan(900);

        await Task.WhenAll(keys.Select(k => client.SetAsync(k, "v-" + k).AsTask()));
        var values = await Task.WhenAll(keys.Select(k => client.GetAsync(k).AsTask()));

        values.ShouldBe(keys.Select(k => "v-" + k).ToArray());
        client.ClusterStatistics.Moved.ShouldBe(0);
        client.ClusterStatistics.Ask.ShouldBe(0);
    }

    [Fact]
    public async Task Get_AfterSlotMigratedBehindTheClientsBack_FollowsOneMovedAndRefreshes()
    {
        const string tag = "{stale}";
        var slot = HashSlot.Of("stale");
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        for (var i = 0; i < 5; i++)
        {
            await client.SetAsync($"{tag}:{i}", $"s{i}");
        }

        var from = await Cluster.PrimaryOfSlotAsync(slot);
        var to = await OtherPrimaryAsync(from);
        var refreshes = client.ClusterStatistics.TopologyRefreshes;

        await Cluster.MigrateSlotAsync(slot, from, to, complete: true);

        (await client.GetAsync($"{tag}:0")).ShouldBe("s0");
        client.ClusterStatistics.Moved.ShouldBe(1);
        for (var i = 1; i < 5; i++)
        {
            (await client.GetAsync($"{tag}:{i}")).ShouldBe($"s{i}");
        }

        client.ClusterStatistics.Moved.ShouldBe(1);
        await WaitUntilAsync(() => client.ClusterStatistics.TopologyRefreshes > refreshes);
    }

    [Fact]
    public async Task Get_DuringHalfDoneMigration_FollowsAskWithoutChangingTheMap()
    {
        const string tag = "{asking}";
        var slot = HashSlot.Of("asking");
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        for (var i = 0; i < 6; i++)
        {
            await client.SetAsync($"{tag}:{i}", $"a{i}");
        }

        var from = await Cluster.PrimaryOfSlotAsync(slot);
        var to = await OtherPrimaryAsync(from);
        await Cluster.MigrateSlotAsync(slot, from, to, complete: false, keysToMove: 3);
        try
        {
            for (var i = 0; i < 6; i++)
            {
                (await client.GetAsync($"{tag}:{i}")).ShouldBe($"a{i}");
            }

            client.ClusterStatistics.Ask.ShouldBeGreaterThanOrEqualTo(1);
            client.ClusterStatistics.Moved.ShouldBe(0);
        }
        finally
        {
            await Cluster.CompleteMigrationAsync(slot, to);
        }
    }

    [Fact]
    public async Task Evaluate_KeysInDifferentSlots_ThrowsClearErrorNamingSlots()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        var exception = await Should.ThrowAsync<RespException>(() => client.EvaluateAsync("return 1", ["a", "b"]));

        exception.Message.ShouldContain("slot");
        exception.Message.ShouldContain(HashSlot.Of("a").ToString(System.Globalization.CultureInfo.InvariantCulture));
        exception.Message.ShouldContain(HashSlot.Of("b").ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Evaluate_KeysSharingAHashTag_RunsOnTheirNode()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        var result = await client.EvaluateAsync("redis.call('SET', KEYS[1], ARGV[1]); return redis.call('GET', KEYS[2])", ["{s}:a", "{s}:a"], ["x"]);

        result.ToString().ShouldBe("x");
    }

    [Fact]
    public async Task ExecuteAsync_KeyedCommand_IsRoutedByFirstArgument()
    {
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);

        for (var i = 0; i < 50; i++)
        {
            await client.ExecuteAsync("HSET", $"exec:{i}", "f", i);
        }

        (await client.ExecuteAsync("HGET", "exec:7", "f")).ToString().ShouldBe("7");
        client.ClusterStatistics.Moved.ShouldBe(0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // The refresh runs in the background; poll its counter (it is not an event the test can await).
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the condition did not hold within 10 s");
            await Task.Delay(20);
        }
    }
}
