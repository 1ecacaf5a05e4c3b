using System.Globalization;
using Strata.Resp.Tracking;
using Strata.Testing;

namespace Strata.Resp.Tests.Cluster;

/// <summary>Killing a node changes the cluster's layout, so this class has a cluster of its own.</summary>
[Collection(ClusterTestCollection.Name)]
public sealed class ClusterPubSubFailoverTests(RedisClusterFixture fixture) : IClassFixture<RedisClusterFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Subscribe_SubscriberNodeKilled_MovesToAnotherNodeResubscribesAndMessagesArrive()
    {
        var cluster = fixture.Cluster;
        await using var client = await RespClient.ConnectAsync(fixture.ConnectionString);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionLost += (_, _) => lost.TrySetResult();
        client.ConnectionRestored += (_, _) =>
        {
            if (lost.Task.IsCompleted)
            {
                restored.TrySetResult();
            }
        };
        var trackingLost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var topologyChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Invalidated += (_, invalidation) =>
        {
            if (invalidation.Reason == RespInvalidationReason.ConnectionLost)
            {
                trackingLost.TrySetResult();
            }
            else if (invalidation.Reason == RespInvalidationReason.TopologyChanged)
            {
                topologyChanged.TrySetResult();
            }
        };
        await client.EnableTrackingAsync(new RespTrackingOptions { Prefixes = { "failover:" } });
        await using var subscription = await client.SubscribeAsync("failover:news");
        var subscribedAt = await SubscribedNodeAsync("failover:news");

        await cluster.KillAsync(subscribedAt);
        await lost.Task.WaitAsync(Wait);
        await cluster.WaitHealthyAsync();
        await restored.Task.WaitAsync(Wait);

        // Subscriptions are restored in the handshake, before ConnectionRestored is raised.
        var movedTo = await SubscribedNodeAsync("failover:news");
        movedTo.Port.ShouldNotBe(subscribedAt.Port);
        var publisher = cluster.Nodes.First(n => n.IsRunning && n.Port != movedTo.Port);
        (await cluster.CliAsync(publisher, "PUBLISH", "failover:news", "after-kill")).ShouldNotBeNull();
        var message = await subscription.Messages.ReadAsync().AsTask().WaitAsync(Wait);
        message.PayloadText.ShouldBe("after-kill");
        client.IsConnected.ShouldBeTrue();
        (await client.SetAsync("{failover:news}:after", "ok")).ShouldBeTrue();

        // The killed primary's node connection was tracking: its loss and the promotion of its replica are flushes.
        await trackingLost.Task.WaitAsync(Wait);
        await topologyChanged.Task.WaitAsync(Wait);
    }

    /// <summary>The one running node where the channel has a subscriber (PUBSUB NUMSUB is per node).</summary>
    private async Task<RedisClusterNode> SubscribedNodeAsync(string channel)
    {
        var found = new List<RedisClusterNode>();
        foreach (var node in fixture.Cluster.Nodes.Where(n => n.IsRunning))
        {
            var reply = await fixture.Cluster.CliAsync(node, "PUBSUB", "NUMSUB", channel);
            var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (int.Parse(lines[^1], CultureInfo.InvariantCulture) > 0)
            {
                found.Add(node);
            }
        }

        return found.ShouldHaveSingleItem();
    }
}
