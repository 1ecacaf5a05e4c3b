using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary><c>+OK</c> is true; a null (SET NX/XX that did not write) is false.</summary>
internal readonly struct OkParser : IReplyParser<bool>
{
    public static bool Parse(ref RespReader reader)
    {
        if (reader.IsNull)
        {
            return false;
        }

        return reader.Type == RespType.SimpleString && reader.PayloadEquals("OK"u8)
            ? true
            : throw new RespProtocolException($"Expected OK but got {reader.Describe()}.");
    }
}
