using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>The last subscription confirmation of a SUBSCRIBE-family command (its content is not needed).</summary>
internal readonly struct ConfirmationParser : IReplyParser<bool>
{
    public static bool Parse(ref RespReader reader) => true;
}
