using System.Text;
using Strata.Resp.Cluster;
using Strata.Resp.Protocol;

namespace Strata.Resp.Tests.Cluster;

public sealed class TopologyParserTests
{
    private static RespValue Parse(string resp)
    {
        var reader = new RespReader(Encoding.UTF8.GetBytes(resp.Replace("\n", "\r\n", StringComparison.Ordinal)));
        return RespValue.Read(ref reader);
    }

    private static string ShardNode(string id, string ip, string endpoint, int port, string role, string health = "online") =>
        $"%7\n$2\nid\n${id.Length}\n{id}\n$4\nport\n:{port}\n$2\nip\n${ip.Length}\n{ip}\n$8\nendpoint\n${endpoint.Length}\n{endpoint}\n" +
        $"$4\nrole\n${role.Length}\n{role}\n$18\nreplication-offset\n:0\n$6\nhealth\n${health.Length}\n{health}\n";

    [Fact]
    public void ParseShards_Resp3Maps_ReadsRangesPrimaryAndReplicas()
    {
        var reply = Parse(
            "*2\n" +
            "%2\n$5\nslots\n*4\n:0\n:99\n:200\n:299\n$5\nnodes\n*2\n" + ShardNode("a", "10.0.0.1", "10.0.0.1", 7000, "master") + ShardNode("b", "10.0.0.2", "10.0.0.2", 7001, "replica") +
            "%2\n$5\nslots\n*2\n:100\n:199\n$5\nnodes\n*1\n" + ShardNode("c", "10.0.0.3", "node-c.local", 7002, "master"));

        var shards = TopologyParser.ParseShards(reply, "seed", useTls: false);

        shards.Count.ShouldBe(2);
        shards[0].Ranges.ShouldBe([(0, 99), (200, 299)]);
        shards[0].Primary!.EndPoint.ShouldBe("10.0.0.1:7000");
        shards[0].Primary!.Id.ShouldBe("a");
        shards[0].Replicas.Single().EndPoint.ShouldBe("10.0.0.2:7001");
        shards[1].Primary!.EndPoint.ShouldBe("node-c.local:7002");

        var map = SlotMap.Build(shards);
        map.PrimaryOf(50)!.Port.ShouldBe(7000);
        map.PrimaryOf(150)!.Port.ShouldBe(7002);
        map.PrimaryOf(250)!.Port.ShouldBe(7000);
        map.PrimaryOf(300).ShouldBeNull();
        map.CoveredSlots.ShouldBe(300);
        map.Primaries.Count.ShouldBe(2);
        map.DefaultNode!.Port.ShouldBe(7000);
    }

    [Fact]
    public void ParseShards_UnknownOrEmptyEndpoint_UsesIpThenReachedHost()
    {
        var reply = Parse(
            "*2\n" +
            "%2\n$5\nslots\n*2\n:0\n:8191\n$5\nnodes\n*1\n" + ShardNode("a", "10.0.0.1", "?", 7000, "master") +
            "%2\n$5\nslots\n*2\n:8192\n:16383\n$5\nnodes\n*1\n" + ShardNode("b", "", "", 7001, "master"));

        var shards = TopologyParser.ParseShards(reply, "reached.example", useTls: false);

        shards[0].Primary!.Host.ShouldBe("10.0.0.1");
        shards[1].Primary!.Host.ShouldBe("reached.example");
        SlotMap.Build(shards).CoveredSlots.ShouldBe(16384);
    }

    [Fact]
    public void ParseShards_Resp2FlatArrays_AreReadLikeMaps()
    {
        var node = "*14\n$2\nid\n$1\na\n$4\nport\n:7000\n$2\nip\n$9\n127.0.0.1\n$8\nendpoint\n$9\n127.0.0.1\n$4\nrole\n$6\nmaster\n$18\nreplication-offset\n:5\n$6\nhealth\n$6\nonline\n";
        var reply = Parse("*1\n*4\n$5\nslots\n*2\n:0\n:16383\n$5\nnodes\n*1\n" + node);

        var shards = TopologyParser.ParseShards(reply, "seed", useTls: false);

        shards.Single().Primary!.EndPoint.ShouldBe("127.0.0.1:7000");
        shards.Single().Ranges.ShouldBe([(0, 16383)]);
    }

    [Fact]
    public void ParseSlots_EmptyAndUnknownHosts_UseReachedHostOrMetadataIp()
    {
        var reply = Parse(
            "*3\n" +
            "*4\n:0\n:5460\n*3\n$9\n127.0.0.1\n:7000\n$1\na\n*3\n$9\n127.0.0.1\n:7003\n$1\nd\n" +
            "*3\n:5461\n:10922\n*3\n$0\n\n:7001\n$1\nb\n" +
            "*3\n:10923\n:16383\n*4\n$1\n?\n:7002\n$1\nc\n%1\n$2\nip\n$8\n10.1.1.1\n");

        var shards = TopologyParser.ParseSlots(reply, "seed.host");

        shards[0].Primary!.EndPoint.ShouldBe("127.0.0.1:7000");
        shards[0].Replicas.Single().Port.ShouldBe(7003);
        shards[1].Primary!.EndPoint.ShouldBe("seed.host:7001");
        shards[2].Primary!.EndPoint.ShouldBe("10.1.1.1:7002");
        SlotMap.Build(shards).CoveredSlots.ShouldBe(16384);
    }

    [Fact]
    public void ParseSlots_SlotOutOfRange_ThrowsProtocolException()
    {
        var reply = Parse("*1\n*3\n:0\n:16384\n*2\n$1\nh\n:1\n");

        Should.Throw<RespProtocolException>(() => TopologyParser.ParseSlots(reply, "seed"));
    }

    [Fact]
    public void SlotMap_WithOwner_ChangesOneSlotOnly()
    {
        var map = SlotMap.Build([new ClusterShard([(0, 16383)], new ClusterNode("a", 1, "a"), [])]);

        var moved = map.WithOwner(42, new ClusterNode("b", 2, null));

        moved.PrimaryOf(42)!.EndPoint.ShouldBe("b:2");
        moved.PrimaryOf(41)!.EndPoint.ShouldBe("a:1");
        map.PrimaryOf(42)!.EndPoint.ShouldBe("a:1");
        moved.Primaries.Count.ShouldBe(2);
    }
}
