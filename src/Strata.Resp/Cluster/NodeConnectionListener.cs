using System.Buffers;
using Strata.Resp.Connections;

namespace Strata.Resp.Cluster;

/// <summary>
/// Listens to one node's connection for the <see cref="ClusterRouter"/>: it needs to know which connection is
/// new and which came back (a reconnect may have missed invalidations, a first connect has nothing to miss).
/// A replica's connection (reads from replicas) sends <c>READONLY</c> in its handshake and never tracks.
/// </summary>
internal sealed class NodeConnectionListener(ClusterRouter router, bool replica = false) : IConnectionListener
{
    private volatile bool _everConnected;

    /// <summary>Whether the connection has been open at least once (a replica's first connect is worth waiting for).</summary>
    public bool EverConnected => _everConnected;

    public Task OnHandshakeAsync(RespConnection connection, TimeSpan timeout) =>
        replica ? ClusterRouter.OnReplicaHandshakeAsync(connection, timeout) : router.OnNodeHandshakeAsync(connection, timeout);

    public void OnConnected(RespConnection connection)
    {
        if (!replica)
        {
            router.OnNodeConnected(reconnected: _everConnected);
        }

        _everConnected = true;
    }

    public void OnDisconnected(Exception reason)
    {
        if (replica)
        {
            // The replica may have failed or been promoted: the reload says; reads go to the primary meanwhile.
            router.ScheduleRefresh();
        }
        else
        {
            router.OnNodeDisconnected();
        }
    }

    public void OnPush(RespConnection connection, ReadOnlySequence<byte> frame) => router.OnNodePush(connection, frame);
}
