namespace Strata.Testing.Tests.Cluster;

/// <summary>Tests that change roles and kill nodes: their own cluster, so the shared one keeps its layout.</summary>
public sealed class RedisClusterChaosTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private RedisCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Failover_ReplicaBecomesPrimary_OldPrimaryBecomesItsReplica()
    {
        var primary = (await Cluster.PrimariesAsync())[0];
        var replica = await Cluster.ReplicaOfAsync(primary);

        await Cluster.FailoverAsync(replica);

        (await Cluster.PrimariesAsync()).ShouldContain(replica);
        (await Cluster.ReplicasAsync()).ShouldContain(primary);
        (await Cluster.ReplicaOfAsync(replica)).ShouldBe(primary);
        (await Cluster.CliAsync(replica, "ROLE")).ShouldStartWith("master");
    }

    [Fact]
    public async Task KillThenRestart_NodeRejoins_ClusterOk()
    {
        var replica = (await Cluster.ReplicasAsync())[0];
        var oldProcessId = replica.ProcessId;

        await Cluster.KillAsync(replica);
        replica.IsRunning.ShouldBeFalse();

        await Cluster.RestartAsync(replica);

        replica.IsRunning.ShouldBeTrue();
        replica.ProcessId.ShouldNotBe(oldProcessId);
        (await Cluster.ReplicasAsync()).ShouldContain(replica);
        foreach (var node in Cluster.Nodes)
        {
            (await Cluster.CliAsync(node, "CLUSTER", "INFO")).ShouldContain("cluster_state:ok");
        }
    }

    [Fact]
    public async Task KillPrimary_ReplicaTakesOver_RestartedNodeRejoinsAsReplica()
    {
        var primary = await Cluster.PrimaryOfSlotAsync(0);
        var replica = await Cluster.ReplicaOfAsync(primary);

        await Cluster.KillAsync(primary);
        await Cluster.WaitHealthyAsync();
        (await Cluster.PrimaryOfSlotAsync(0)).ShouldBe(replica);

        await Cluster.RestartAsync(primary);

        (await Cluster.ReplicaOfAsync(replica)).ShouldBe(primary);
        (await Cluster.CliAsync(primary, "CLUSTER", "INFO")).ShouldContain("cluster_state:ok");
    }

    [Fact]
    public async Task PauseThenResume_NodeAnswersAgain()
    {
        var replica = (await Cluster.ReplicasAsync())[^1];

        Cluster.Pause(replica);
        replica.IsPaused.ShouldBeTrue();
        replica.IsRunning.ShouldBeTrue();
        Cluster.Resume(replica);

        replica.IsPaused.ShouldBeFalse();
        (await Cluster.CliAsync(replica, "PING")).ShouldBe("PONG");
        await Cluster.WaitHealthyAsync();
    }
}
