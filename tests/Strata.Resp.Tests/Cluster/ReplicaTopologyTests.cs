using System.Text;
using Strata.Resp.Cluster;
using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Cluster;

/// <summary>Replicas in the topology and the <see cref="RespClientOptions.ClusterReadFrom"/> option, without a server.</summary>
public sealed class ReplicaTopologyTests
{
    private static RespValue Parse(string resp)
    {
        var reader = new RespReader(Encoding.UTF8.GetBytes(resp.Replace("\n", "\r\n", StringComparison.Ordinal)));
        return RespValue.Read(ref reader);
    }

    private static string ShardNode(string id, string ip, int port, string role, string health) =>
        $"%6\n$2\nid\n${id.Length}\n{id}\n$4\nport\n:{port}\n$2\nip\n${ip.Length}\n{ip}\n$8\nendpoint\n${ip.Length}\n{ip}\n" +
        $"$4\nrole\n${role.Length}\n{role}\n$6\nhealth\n${health.Length}\n{health}\n";

    [Fact]
    public void ParseShards_FailedReplicas_AreLeftOut()
    {
        var reply = Parse(
            "*1\n%2\n$5\nslots\n*2\n:0\n:16383\n$5\nnodes\n*4\n" +
            ShardNode("a", "10.0.0.1", 7000, "master", "online") + ShardNode("b", "10.0.0.2", 7001, "replica", "online") +
            ShardNode("c", "10.0.0.3", 7002, "replica", "loading") + ShardNode("d", "10.0.0.4", 7003, "replica", "fail"));

        var shard = TopologyParser.ParseShards(reply, "seed", useTls: false).Single();

        shard.Primary!.EndPoint.ShouldBe("10.0.0.1:7000");
        shard.Replicas.Select(r => r.EndPoint).ShouldBe(["10.0.0.2:7001", "10.0.0.3:7002"]);
    }

    [Fact]
    public void ParseSlots_NodesAfterThePrimary_AreReplicas()
    {
        var reply = Parse(
            "*1\n*4\n:0\n:16383\n*3\n$8\n10.0.0.1\n:7000\n$1\na\n*3\n$8\n10.0.0.2\n:7001\n$1\nb\n");

        var shard = TopologyParser.ParseSlots(reply, "seed").Single();

        shard.Primary!.EndPoint.ShouldBe("10.0.0.1:7000");
        shard.Replicas.Select(r => r.EndPoint).ShouldBe(["10.0.0.2:7001"]);
    }

    [Fact]
    public void Build_KeepReplicas_GivesEachSlotItsShardsReplicas()
    {
        ClusterShard[] shards =
        [
            new([(0, 8191)], new ClusterNode("h", 7000, "a"), [new ClusterNode("h", 7003, "d")]),
            new([(8192, 16383)], new ClusterNode("h", 7001, "b"), []),
        ];

        var kept = SlotMap.Build(shards, keepReplicas: true);
        var plain = SlotMap.Build(shards);

        kept.ReplicasOf(100).ToArray().Single().Port.ShouldBe(7003);
        kept.ReplicasOf(9000).IsEmpty.ShouldBeTrue();
        kept.HasReplica("h:7003").ShouldBeTrue();
        plain.ReplicasOf(100).IsEmpty.ShouldBeTrue();
        plain.HasReplica("h:7003").ShouldBeFalse();
    }

    [Fact]
    public void WithOwner_MovedSlot_ForgetsItsReplicas()
    {
        var map = SlotMap.Build([new([(0, 16383)], new ClusterNode("h", 7000, "a"), [new ClusterNode("h", 7003, "d")])], keepReplicas: true);

        var moved = map.WithOwner(5, new ClusterNode("h", 7001, null));

        moved.ReplicasOf(5).IsEmpty.ShouldBeTrue();
        moved.ReplicasOf(6).ToArray().Single().Port.ShouldBe(7003);
    }

    [Theory]
    [InlineData("primary", RespReadFrom.Primary)]
    [InlineData("preferReplica", RespReadFrom.PreferReplica)]
    [InlineData("PREFERREPLICA", RespReadFrom.PreferReplica)]
    public void Parse_ReadFrom_SetsClusterReadFrom(string text, RespReadFrom expected) =>
        RespClientOptions.Parse($"redis://127.0.0.1:7000,127.0.0.1:7001?readFrom={text}").ClusterReadFrom.ShouldBe(expected);

    [Fact]
    public void Parse_ReadFromUnknown_IsAClearError() =>
        Should.Throw<FormatException>(() => RespClientOptions.Parse("redis://127.0.0.1:7000?readFrom=replica"))
            .Message.ShouldContain("primary or preferReplica");

    [Fact]
    public void Options_Default_ReadsFromPrimaryAndUndefinedIsInvalid()
    {
        var options = new RespClientOptions();
        options.ClusterReadFrom.ShouldBe(RespReadFrom.Primary);

        options.ClusterReadFrom = (RespReadFrom)7;
        Should.Throw<ArgumentException>(options.Validate).Message.ShouldContain("ClusterReadFrom");
    }

    [Fact]
    public void IsReadOnly_OnlyReadCommands_AreMarked()
    {
        new KeyCommand(CommandName.Get, "k").IsReadOnly.ShouldBeTrue();
        new KeyCommand(CommandName.PTtl, "k").IsReadOnly.ShouldBeTrue();
        new KeysCommand(CommandName.MGet, new[] { "a" }).IsReadOnly.ShouldBeTrue();
        new KeysCommand(CommandName.Exists, new[] { "a" }).IsReadOnly.ShouldBeTrue();
        new KeyCommand(CommandName.Incr, "k").IsReadOnly.ShouldBeFalse();
        new KeysCommand(CommandName.Del, new[] { "a" }).IsReadOnly.ShouldBeFalse();
        new SetCommand("k", default, "v", null, RespSetCondition.Always, returnOldValue: false).IsReadOnly.ShouldBeFalse();
        new ArgumentsCommand("GET", new RespArgument[] { "k" }).IsReadOnly.ShouldBeFalse();
    }
}
