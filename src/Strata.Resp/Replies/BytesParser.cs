using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>A string-like reply as a new byte array; null stays null.</summary>
internal readonly struct BytesParser : IReplyParser<byte[]?>
{
    public static byte[]? Parse(ref RespReader reader) =>
        reader.IsAggregate ? throw new RespProtocolException($"Expected a string but got {reader.Describe()}.") : reader.ReadBytes();
}
