using System.Buffers;
using Strata.Resp.Connections;

namespace Strata.Resp.Cluster;

/// <summary>
/// Listens to one node's connection for the <see cref="ClusterRouter"/>: it needs to know which connection is
/// new and which came back (a reconnect may have missed invalidations, a first connect has nothing to miss).
/// </summary>
internal sealed class NodeConnectionListener(ClusterRouter router) : IConnectionListener
{
    private bool _everConnected;

    public Task OnHandshakeAsync(RespConnection connection, TimeSpan timeout) => router.OnNodeHandshakeAsync(connection, timeout);

    public void OnConnected(RespConnection connection)
    {
        router.OnNodeConnected(reconnected: _everConnected);
        _everConnected = true;
    }

    public void OnDisconnected(Exception reason) => router.OnNodeDisconnected();

    public void OnPush(RespConnection connection, ReadOnlySequence<byte> frame) => router.OnNodePush(connection, frame);
}
