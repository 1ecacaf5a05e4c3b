using System.Globalization;
using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

/// <summary>
/// Reads from replicas (<see cref="RespReadFrom.PreferReplica"/>) against a real 3-primary, 3-replica cluster. Which node
/// served a command is read from each node's <c>INFO commandstats</c> after <c>CONFIG RESETSTAT</c>, and from
/// <c>CLIENT LIST</c> (a <c>READONLY</c> connection has flag <c>r</c>).
/// </summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterReplicaReadTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private RedisCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Get_PreferReplica_ServedByTheReplicasOfEveryShard()
    {
        await using var client = await ConnectAsync(RespReadFrom.PreferReplica, "rr-replica");
        var keys = await KeysOnEveryShardAsync("rr:get", perShard: 5);
        foreach (var key in keys)
        {
            await client.SetAsync(key, "v-" + key);
        }

        await WaitReplicatedAsync();
        await ResetStatsAsync();

        foreach (var key in keys)
        {
            (await client.GetAsync(key)).ShouldBe("v-" + key);
        }

        foreach (var primary in await Cluster.PrimariesAsync())
        {
            (await CallsAsync(primary, "get")).ShouldBe(0, $"primary {primary} served a GET");
            var replica = await Cluster.ReplicaOfAsync(primary);
            (await CallsAsync(replica, "get")).ShouldBe(5, $"replica {replica} should serve its shard's reads");
            (await Cluster.CliAsync(replica, "CLIENT", "LIST")).Split('\n')
                .ShouldContain(line => line.Contains("name=rr-replica ", StringComparison.Ordinal) && line.Contains("flags=r ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task MGetExistsPttl_PreferReplica_ServedByReplicasAndCorrect()
    {
        await using var client = await ConnectAsync(RespReadFrom.PreferReplica, "rr-multi");
        var keys = await KeysOnEveryShardAsync("rr:multi", perShard: 2);
        foreach (var key in keys)
        {
            await client.SetAsync(key, "m-" + key, TimeSpan.FromMinutes(5));
        }

        await WaitReplicatedAsync();
        await ResetStatsAsync();

        (await client.MGetAsync([.. keys, "rr:multi:missing"])).ShouldBe([.. keys.Select(k => "m-" + k), null]);
        (await client.ExistsAsync(keys)).ShouldBe(keys.Length);
        (await client.TimeToLiveAsync(keys[0])).ShouldNotBeNull().ShouldBeGreaterThan(TimeSpan.FromMinutes(4));

        foreach (var primary in await Cluster.PrimariesAsync())
        {
            (await CallsAsync(primary, "mget")).ShouldBe(0);
            (await CallsAsync(primary, "exists")).ShouldBe(0);
            (await CallsAsync(await Cluster.ReplicaOfAsync(primary), "mget")).ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Set_PreferReplica_GoesToPrimaries()
    {
        await using var client = await ConnectAsync(RespReadFrom.PreferReplica, "rr-set");
        var keys = await KeysOnEveryShardAsync("rr:set", perShard: 3);
        await ResetStatsAsync();

        foreach (var key in keys)
        {
            (await client.SetAsync(key, "s")).ShouldBeTrue();
            (await client.IncrAsync(key + ":n")).ShouldBe(1);
        }

        foreach (var primary in await Cluster.PrimariesAsync())
        {
            (await CallsAsync(primary, "set")).ShouldBe(3);
        }

        // Replicas apply the writes from the replication stream; a client that only wrote never connected to them.
        foreach (var replica in await Cluster.ReplicasAsync())
        {
            (await Cluster.CliAsync(replica, "CLIENT", "LIST")).ShouldNotContain("name=rr-set ");
        }
    }

    [Fact]
    public async Task PrimaryMode_NeverConnectsToReplicas()
    {
        await using var client = await ConnectAsync(RespReadFrom.Primary, "rr-primary");
        var keys = await KeysOnEveryShardAsync("rr:primary", perShard: 3);
        foreach (var key in keys)
        {
            await client.SetAsync(key, "p");
        }

        await ResetStatsAsync();
        foreach (var key in keys)
        {
            (await client.GetAsync(key)).ShouldBe("p");
        }

        foreach (var replica in await Cluster.ReplicasAsync())
        {
            (await CallsAsync(replica, "get")).ShouldBe(0);
            (await Cluster.CliAsync(replica, "CLIENT", "LIST")).ShouldNotContain("name=rr-primary ");
        }
    }

    [Fact]
    public async Task Get_ReplicaPaused_FallsBackToPrimaryWithCorrectValue()
    {
        const string key = "rr:paused";
        await using var client = await ConnectAsync(RespReadFrom.PreferReplica, "rr-paused");
        await client.SetAsync(key, "before");
        var primary = await Cluster.PrimaryOfSlotAsync(HashSlot.Of(key));
        var replica = await Cluster.ReplicaOfAsync(primary);
        await WaitReplicatedAsync();
        (await client.GetAsync(key)).ShouldBe("before");
        await ResetStatsAsync();

        Cluster.Pause(replica);
        try
        {
            await client.SetAsync(key, "after");
            (await client.GetAsync(key)).ShouldBe("after");
        }
        finally
        {
            Cluster.Resume(replica);
        }

        (await CallsAsync(primary, "get")).ShouldBe(1);
        await Cluster.WaitHealthyAsync();
    }

    [Fact]
    public async Task Get_ReplicaKilled_FallsBackToPrimaryWithCorrectValues()
    {
        const string key = "rr:killed";
        await using var client = await ConnectAsync(RespReadFrom.PreferReplica, "rr-killed");
        await client.SetAsync(key, "one");
        var primary = await Cluster.PrimaryOfSlotAsync(HashSlot.Of(key));
        var replica = await Cluster.ReplicaOfAsync(primary);
        await WaitReplicatedAsync();
        (await client.GetAsync(key)).ShouldBe("one");
        await ResetStatsAsync();

        await Cluster.KillAsync(replica);
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await client.SetAsync(key, $"v{i}");
                (await client.GetAsync(key)).ShouldBe($"v{i}");
            }

            (await CallsAsync(primary, "get")).ShouldBe(10);
        }
        finally
        {
            await Cluster.RestartAsync(replica);
        }
    }

    private async Task<RespClient> ConnectAsync(RespReadFrom readFrom, string name)
    {
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.ClusterReadFrom = readFrom;
        options.ClientName = name;
        return await RespClient.ConnectAsync(options);
    }

    /// <summary>Keys whose slots belong to each primary, <paramref name="perShard"/> for each.</summary>
    private async Task<string[]> KeysOnEveryShardAsync(string prefix, int perShard)
    {
        var primaries = await Cluster.PrimariesAsync();
        var owners = new Dictionary<int, List<string>>();
        for (var i = 0; owners.Count < primaries.Count || owners.Values.Any(k => k.Count < perShard); i++)
        {
            var key = $"{prefix}:{i}";
            var owner = await Cluster.PrimaryOfSlotAsync(HashSlot.Of(key));
            var list = owners.TryGetValue(owner.Port, out var existing) ? existing : owners[owner.Port] = [];
            if (list.Count < perShard)
            {
                list.Add(key);
            }
        }

        return [.. owners.Values.SelectMany(k => k)];
    }

    /// <summary>Waits until every replica has applied everything its primary has (the replica offsets catch up).</summary>
    private async Task WaitReplicatedAsync()
    {
        foreach (var primary in await Cluster.PrimariesAsync())
        {
            var replica = await Cluster.ReplicaOfAsync(primary);
            var target = ReplicationOffset(await Cluster.CliAsync(primary, "INFO", "replication"), "master_repl_offset");
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (ReplicationOffset(await Cluster.CliAsync(replica, "INFO", "replication"), "slave_repl_offset") < target)
            {
                // redis-cli round trips pace this loop; the token bounds it.
                limit.Token.ThrowIfCancellationRequested();
            }
        }
    }

    private async Task ResetStatsAsync()
    {
        foreach (var node in Cluster.Nodes.Where(n => n.IsRunning))
        {
            await Cluster.CliAsync(node, "CONFIG", "RESETSTAT");
        }
    }

    private async Task<long> CallsAsync(RedisClusterNode node, string command)
    {
        var prefix = $"cmdstat_{command}:calls=";
        foreach (var line in (await Cluster.CliAsync(node, "INFO", "commandstats")).Split('\n'))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                var end = line.IndexOf(',', prefix.Length);
                return long.Parse(line.AsSpan(prefix.Length, end - prefix.Length), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static long ReplicationOffset(string info, string field)
    {
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
