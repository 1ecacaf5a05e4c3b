using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

/// <summary>
/// Connecting through the seed list when the first seeds do not answer. Nodes are killed and paused here, so the
/// class has a cluster of its own; only replicas are taken down, which leaves the slot map unchanged.
/// </summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterSeedTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private RedisCluster Cluster => fixture.Cluster;

    private static string ClosedEndpoint() => $"127.0.0.1:{PortAllocator.Next()}";

    private string Seeds => fixture.ConnectionString["redis://".Length..];

    [Fact]
    public async Task ConnectAsync_FirstSeedPortClosed_DetectsClusterThroughSecondAndRoutes()
    {
        // Default ClusterMode.Auto: detection runs on the seed that answered.
        await using var client = await RespClient.ConnectAsync($"redis://{ClosedEndpoint()},{Seeds}");

        client.IsConnected.ShouldBeTrue();
        client.IsCluster.ShouldBeTrue();
        await AssertRoutesAsync(client, "closed");
    }

    [Fact]
    public async Task ConnectAsync_FirstSeedKilled_ConnectsThroughSecondAndRoutes()
    {
        var replica = (await Cluster.ReplicasAsync())[0];
        await Cluster.KillAsync(replica);
        try
        {
            var primary = (await Cluster.PrimariesAsync())[0];
            await using var client = await RespClient.ConnectAsync($"redis://{replica.Endpoint},{primary.Endpoint}");

            client.IsCluster.ShouldBeTrue();
            await AssertRoutesAsync(client, "killed");
        }
        finally
        {
            await Cluster.RestartAsync(replica);
        }
    }

    [Fact]
    public async Task ConnectAsync_FirstSeedHung_MovesOnAfterConnectTimeout()
    {
        var replica = (await Cluster.ReplicasAsync())[0];
        Cluster.Pause(replica);
        try
        {
            // The TCP connect to a stopped process succeeds (the kernel accepts); its handshake never answers.
            await using var client = await RespClient.ConnectAsync($"redis://{replica.Endpoint},{Seeds}?connectTimeout=500");

            client.IsCluster.ShouldBeTrue();
            await AssertRoutesAsync(client, "hung");
        }
        finally
        {
            Cluster.Resume(replica);
            await Cluster.WaitHealthyAsync();
        }
    }

    [Fact]
    public async Task ConnectAsync_NoSeedReachable_ThrowsOneExceptionNamingEachSeed()
    {
        string[] seeds = [ClosedEndpoint(), ClosedEndpoint(), ClosedEndpoint()];

        var exception = await Should.ThrowAsync<RespConnectionException>(
            () => RespClient.ConnectAsync($"redis://{string.Join(',', seeds)}?connectTimeout=1000"));

        exception.Message.ShouldStartWith("None of the 3 seeds could be reached");
        foreach (var seed in seeds)
        {
            exception.Message.ShouldContain(seed);
        }

        exception.InnerException.ShouldBeOfType<AggregateException>().InnerExceptions.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ConnectAsync_ClusterDisabledFirstSeedDown_TriesOnlyTheFirstAsBefore()
    {
        var closed = ClosedEndpoint();

        var exception = await Should.ThrowAsync<RespConnectionException>(
            () => RespClient.ConnectAsync($"redis://{closed},{Seeds}?cluster=disabled"));

        exception.Message.ShouldStartWith($"Could not connect to {closed}");
    }

    [Fact]
    public async Task Create_FirstSeedDown_RotatesToALiveSeedAndBecomesConnected()
    {
        var options = RespClientOptions.Parse($"redis://{ClosedEndpoint()},{ClosedEndpoint()},{Seeds}");
        options.CommandTimeout = TimeSpan.FromSeconds(10);
        await using var client = RespClient.Create(options);

        // The first command waits for the background connect, which tries the seeds in turn.
        (await client.SetAsync("create:first", "1")).ShouldBeTrue();

        client.IsConnected.ShouldBeTrue();
        client.IsCluster.ShouldBeTrue();
        await AssertRoutesAsync(client, "create");
    }

    // Keys over many slots land on (and are read back from) their owners without a single redirect, so the map
    // learned through the answering seed is right; one key is also checked on its owner directly.
    private async Task AssertRoutesAsync(RespClient client, string prefix)
    {
        var keys = Enumerable.Range(0, 200).Select(i => $"seed:{prefix}:{i}").ToArray();
        await Task.WhenAll(keys.Select(k => client.SetAsync(k, "v-" + k).AsTask()));
        var values = await Task.WhenAll(keys.Select(k => client.GetAsync(k).AsTask()));

        values.ShouldBe(keys.Select(k => "v-" + k).ToArray());
        client.ClusterStatistics.Moved.ShouldBe(0);
        var owner = await Cluster.PrimaryOfSlotAsync(HashSlot.Of(keys[0]));
        (await Cluster.CliAsync(owner, "GET", keys[0])).Trim().ShouldBe("v-" + keys[0]);
    }
}
