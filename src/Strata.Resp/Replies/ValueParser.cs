using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>Any reply as a <see cref="RespValue"/> tree.</summary>
internal readonly struct ValueParser : IReplyParser<RespValue>
{
    public static RespValue Parse(ref RespReader reader) => RespValue.FromCurrent(ref reader);
}
