using System.Buffers;

namespace Strata.Resp.Connections;

/// <summary>What a <see cref="ConnectionSupervisor"/> tells the component that uses its connection.</summary>
internal interface IConnectionListener
{
    /// <summary>
    /// The handshake is done and callers cannot use the connection yet: restore state (client tracking,
    /// subscriptions) now, so nothing is read untracked or published unheard after a reconnect.
    /// </summary>
    Task OnHandshakeAsync(RespConnection connection, TimeSpan timeout);

    /// <summary>The connection is open for callers.</summary>
    void OnConnected(RespConnection connection);

    /// <summary>The connection was lost; a reconnect has started.</summary>
    void OnDisconnected(Exception reason);

    /// <summary>A push frame arrived; see <see cref="IConnectionOwner.OnPush"/>.</summary>
    void OnPush(RespConnection connection, ReadOnlySequence<byte> frame);
}
