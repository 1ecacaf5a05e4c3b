using Strata.Resp.Cluster;

namespace Strata.Resp.Tests.Cluster;

/// <summary>What decides a tracking flush-all on a new slot map: did any slot change owner?</summary>
public sealed class SlotMapOwnersTests
{
    private static SlotMap TwoShards(string secondHost) => SlotMap.Build(
    [
        new ClusterShard([(0, 8191)], new ClusterNode("a", 1, "a"), []),
        new ClusterShard([(8192, 16383)], new ClusterNode(secondHost, 2, secondHost), []),
    ]);

    [Fact]
    public void HasSameOwners_ReloadedIdenticalTopology_True() =>
        TwoShards("b").HasSameOwners(TwoShards("b")).ShouldBeTrue();

    [Fact]
    public void HasSameOwners_ShardFailedOverToAnotherNode_False() =>
        TwoShards("b").HasSameOwners(TwoShards("c")).ShouldBeFalse();

    [Fact]
    public void HasSameOwners_OneSlotMoved_False()
    {
        var map = TwoShards("b");
        map.HasSameOwners(map.WithOwner(100, new ClusterNode("b", 2, null))).ShouldBeFalse();
    }

    [Fact]
    public void HasSameOwners_SlotLostItsOwner_False()
    {
        var partial = SlotMap.Build([new ClusterShard([(0, 8191)], new ClusterNode("a", 1, "a"), [])]);
        TwoShards("b").HasSameOwners(partial).ShouldBeFalse();
    }
}
