using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>An integer 1/0 (or RESP3 boolean) reply as a boolean.</summary>
internal readonly struct BooleanParser : IReplyParser<bool>
{
    public static bool Parse(ref RespReader reader) => reader.ReadBoolean();
}
