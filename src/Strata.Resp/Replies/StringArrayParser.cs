using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>An array of strings (MGET): null elements stay null.</summary>
internal readonly struct StringArrayParser : IReplyParser<string?[]>
{
    public static string?[] Parse(ref RespReader reader)
    {
        if (reader.Type is not (RespType.Array or RespType.Set) || reader.IsNull)
        {
            throw new RespProtocolException($"Expected an array but got {reader.Describe()}.");
        }

        var items = new string?[reader.Length];
        for (var i = 0; i < items.Length; i++)
        {
            reader.ReadToken();
            items[i] = StringParser.Parse(ref reader);
        }

        return items;
    }
}
