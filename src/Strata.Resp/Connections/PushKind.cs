using Strata.Resp.Protocol;

namespace Strata.Resp.Connections;

/// <summary>Classifies a push frame (or a RESP2 subscriber array) by its first element.</summary>
internal static class PushKind
{
    /// <summary>Not a push: an ordinary reply that happens to be an array (RESP2 subscriber <c>pong</c>).</summary>
    public const int None = 0;

    /// <summary><c>message</c>, <c>pmessage</c>, <c>smessage</c>: a published message.</summary>
    public const int Message = 1;

    /// <summary><c>subscribe</c>, <c>unsubscribe</c> and their pattern/shard forms: the reply to a subscription command.</summary>
    public const int Confirmation = 2;

    /// <summary><c>invalidate</c>: a client-tracking invalidation.</summary>
    public const int Invalidate = 3;

    /// <summary>Classifies the aggregate whose header <paramref name="header"/> has just read (a copy is advanced, not it).</summary>
    public static int Of(RespReader header)
    {
        if (header.Length < 1)
        {
            return None;
        }

        header.ReadToken();
        if (header.Type is not (RespType.BulkString or RespType.SimpleString))
        {
            return None;
        }

        if (header.PayloadEquals("message"u8) || header.PayloadEquals("pmessage"u8) || header.PayloadEquals("smessage"u8))
        {
            return Message;
        }

        if (header.PayloadEquals("invalidate"u8))
        {
            return Invalidate;
        }

        return header.PayloadEquals("subscribe"u8) || header.PayloadEquals("psubscribe"u8) || header.PayloadEquals("ssubscribe"u8)
            || header.PayloadEquals("unsubscribe"u8) || header.PayloadEquals("punsubscribe"u8) || header.PayloadEquals("sunsubscribe"u8)
            ? Confirmation
            : None;
    }
}
