using System.Threading.Channels;
using Strata.Resp.Cluster;
using Strata.Resp.Tracking;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

/// <summary>Client tracking across every primary; a failover changes the layout, so this class has a cluster of its own.</summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterTrackingTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Tracking_KeysOnEveryPrimaryThenFailover_InvalidatedFlushAllAndTrackedOnNewPrimary()
    {
        var cluster = fixture.Cluster;
        var options = RespClientOptions.Parse(fixture.ConnectionString);
        options.ClusterRefreshInterval = TimeSpan.FromSeconds(1); // the tracking client notices the failover by itself
        await using var reader = await RespClient.ConnectAsync(options);
        await using var writer = await RespClient.ConnectAsync(fixture.ConnectionString);
        var invalidations = Channel.CreateUnbounded<RespInvalidation>();
        reader.Invalidated += (_, invalidation) => invalidations.Writer.TryWrite(invalidation);
        await reader.EnableTrackingAsync(new RespTrackingOptions { Prefixes = { "trk:" }, NoLoop = true });

        var primaries = await cluster.PrimariesAsync();
        var keyOf = new Dictionary<int, string>();
        for (var i = 0; keyOf.Count < primaries.Count; i++)
        {
            var key = $"trk:{{k{i}}}";
            keyOf.TryAdd((await cluster.PrimaryOfSlotAsync(HashSlot.Of(key))).Port, key);
        }

        foreach (var key in keyOf.Values)
        {
            await reader.GetAsync(key);
            await writer.SetAsync(key, "v1");
        }

        await ExpectKeysAsync(invalidations.Reader, keyOf.Values);

        var (port, failedOverKey) = keyOf.First();
        var replica = await cluster.ReplicaOfAsync(primaries.First(p => p.Port == port));
        await cluster.FailoverAsync(replica);
        await ExpectFlushAllAsync(invalidations.Reader, RespInvalidationReason.TopologyChanged);

        // A read reaches the new primary only once its connection is open, which is after tracking was turned on.
        (await reader.GetAsync(failedOverKey)).ShouldBe("v1");
        (await cluster.CliAsync(replica, "CLIENT", "LIST")).Split('\n').ShouldContain(
            line => line.Contains(" flags=t", StringComparison.Ordinal), "the tracking client has no tracking connection on the new primary");
        await writer.SetAsync(failedOverKey, "v2");
        await ExpectKeysAsync(invalidations.Reader, [failedOverKey]);
        foreach (var key in keyOf.Values)
        {
            await writer.SetAsync(key, "v3");
        }

        await ExpectKeysAsync(invalidations.Reader, keyOf.Values);
    }

    private static async Task ExpectKeysAsync(ChannelReader<RespInvalidation> invalidations, IEnumerable<string> keys)
    {
        var missing = keys.ToHashSet(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(Wait);
        while (missing.Count > 0)
        {
            RespInvalidation invalidation;
            try
            {
                invalidation = await invalidations.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new ShouldAssertException($"No invalidation for {string.Join(", ", missing)} within {Wait}.");
            }

            foreach (var key in invalidation.Keys ?? [])
            {
                missing.Remove(key);
            }
        }
    }

    private static async Task ExpectFlushAllAsync(ChannelReader<RespInvalidation> invalidations, RespInvalidationReason reason)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            RespInvalidation invalidation;
            try
            {
                invalidation = await invalidations.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new ShouldAssertException($"No flush-all ({reason}) within {Wait}.");
            }

            if (invalidation.IsFlushAll && invalidation.Reason == reason)
            {
                return;
            }
        }
    }
}
