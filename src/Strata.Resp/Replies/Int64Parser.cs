using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>An integer reply.</summary>
internal readonly struct Int64Parser : IReplyParser<long>
{
    public static long Parse(ref RespReader reader) => reader.ReadInt64();
}
