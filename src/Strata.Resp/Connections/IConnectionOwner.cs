using System.Buffers;

namespace Strata.Resp.Connections;

/// <summary>What a connection reports to whoever manages it.</summary>
internal interface IConnectionOwner
{
    /// <summary>
    /// A push frame arrived (pub/sub message, client-tracking invalidation, server-side unsubscribe). Called on
    /// the reader loop with a frame valid only during the call: copy what is needed and return quickly.
    /// </summary>
    void OnPush(RespConnection connection, ReadOnlySequence<byte> frame);

    /// <summary>The connection failed or was closed; <paramref name="failedCommands"/> callers got an exception.</summary>
    void OnConnectionClosed(RespConnection connection, Exception reason, int failedCommands);
}
