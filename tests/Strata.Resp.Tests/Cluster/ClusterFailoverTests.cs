using Strata.Resp.Cluster;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

/// <summary>Failover changes the cluster's layout, so it has a cluster of its own.</summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterFailoverTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task Commands_DuringManualFailover_ClientFollowsByItselfWithBoundedFailures()
    {
        var cluster = fixture.Cluster;
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        const string key = "{failover}:counter";
        var primary = await cluster.PrimaryOfSlotAsync(HashSlot.Of("failover"));
        var replica = await cluster.ReplicaOfAsync(primary);

        using var stop = new CancellationTokenSource();
        long succeeded = 0, failed = 0;
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await client.IncrAsync(key);
                    succeeded++;
                }
                catch (RespException)
                {
                    failed++;
                }
            }
        });

        await cluster.FailoverAsync(replica);
        var before = Interlocked.Read(ref succeeded);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Interlocked.Read(ref succeeded) < before + 100)
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "commands did not succeed again after the failover");
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await loop;

        (await cluster.PrimaryOfSlotAsync(HashSlot.Of("failover"))).Port.ShouldBe(replica.Port);
        failed.ShouldBeLessThan(20);
        client.ClusterStatistics.Failures.ShouldBe(failed);
        long.Parse((await client.GetAsync(key))!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(succeeded);
        (await client.SetAsync("{failover}:after", "ok")).ShouldBeTrue();
    }
}
