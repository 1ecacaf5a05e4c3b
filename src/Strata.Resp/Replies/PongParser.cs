using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary><c>+PONG</c>, or the <c>["pong", ""]</c> array a RESP2 connection in subscriber mode answers.</summary>
internal readonly struct PongParser : IReplyParser<bool>
{
    public static bool Parse(ref RespReader reader)
    {
        if (reader.Type == RespType.SimpleString && reader.PayloadEqualsIgnoreCase("PONG"u8))
        {
            return true;
        }

        if (reader.Type == RespType.Array && reader.Length == 2)
        {
            reader.ReadToken();
            if (reader.PayloadEqualsIgnoreCase("PONG"u8))
            {
                reader.ReadToken();
                return true;
            }
        }

        throw new RespProtocolException($"Expected PONG but got {reader.Describe()}.");
    }
}
