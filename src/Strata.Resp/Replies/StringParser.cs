using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>A string-like reply as UTF-8 text; null stays null.</summary>
internal readonly struct StringParser : IReplyParser<string?>
{
    public static string? Parse(ref RespReader reader) =>
        reader.IsAggregate ? throw new RespProtocolException($"Expected a string but got {reader.Describe()}.") : reader.ReadString();
}
