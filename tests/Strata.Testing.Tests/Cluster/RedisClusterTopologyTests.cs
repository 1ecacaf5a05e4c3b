using System.Globalization;

namespace Strata.Testing.Tests.Cluster;

[Collection(SharedRedisClusterCollection.Name)]
public sealed class RedisClusterTopologyTests(RedisClusterFixture fixture)
{
    private RedisCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Roles_ThreePrimariesEachWithOneReplica()
    {
        var primaries = await Cluster.PrimariesAsync();
        var replicas = await Cluster.ReplicasAsync();

        primaries.Count.ShouldBe(3);
        replicas.Count.ShouldBe(3);
        primaries.Concat(replicas).Select(n => n.Port).Order().ShouldBe(Cluster.Nodes.Select(n => n.Port));
        foreach (var primary in primaries)
        {
            var replica = await Cluster.ReplicaOfAsync(primary);
            replicas.ShouldContain(replica);
            (await Cluster.CliAsync(replica, "ROLE")).ShouldStartWith("slave");
            (await Cluster.CliAsync(primary, "ROLE")).ShouldStartWith("master");
        }
    }

    [Fact]
    public async Task Slots_AllCoveredByThePrimaries()
    {
        var info = await Cluster.CliAsync(Cluster.Nodes[0], "CLUSTER", "INFO");
        info.ShouldContain("cluster_state:ok");
        info.ShouldContain("cluster_slots_assigned:16384");
        info.ShouldContain("cluster_size:3");

        var primaries = await Cluster.PrimariesAsync();
        foreach (var slot in new[] { 0, 5460, 5461, 10922, 10923, 16383 })
        {
            primaries.ShouldContain(await Cluster.PrimaryOfSlotAsync(slot));
        }

        (await Cluster.PrimaryOfSlotAsync(0)).ShouldNotBe(await Cluster.PrimaryOfSlotAsync(16383));
    }

    [Fact]
    public void ConnectionString_ListsThePrimariesSeeds()
    {
        Cluster.ConnectionString.ShouldStartWith("redis://127.0.0.1:");
        Cluster.ConnectionString["redis://".Length..].Split(',').Length.ShouldBe(3);
        Cluster.SeedEndpoints.ShouldBe(Cluster.Nodes.Select(n => $"127.0.0.1:{n.Port}"));
    }

    [Fact]
    public async Task KeyRouting_WrongNodeAnswersMoved_OwnerStoresTheKey()
    {
        const string Key = "routing:sanity";
        var slot = int.Parse(await Cluster.CliAsync(Cluster.Nodes[0], "CLUSTER", "KEYSLOT", Key), CultureInfo.InvariantCulture);
        (await Cluster.KeySlotAsync(Key)).ShouldBe(slot);
        var owner = await Cluster.PrimaryOfSlotAsync(slot);
        var other = (await Cluster.PrimariesAsync()).First(p => p != owner);

        (await Cluster.CliAsync(other, "SET", Key, "v")).ShouldBe($"MOVED {slot} {owner.Endpoint}");
        (await Cluster.CliAsync(owner, "SET", Key, "v")).ShouldBe("OK");
        (await Cluster.CliAsync(owner, "GET", Key)).ShouldBe("v");
    }
}
