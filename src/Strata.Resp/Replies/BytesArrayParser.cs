using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>An array of binary strings (MGET): null elements stay null.</summary>
internal readonly struct BytesArrayParser : IReplyParser<byte[]?[]>
{
    public static byte[]?[] Parse(ref RespReader reader)
    {
        if (reader.Type != RespType.Array || reader.IsNull)
        {
            throw new RespProtocolException($"Expected an array but got {reader.Describe()}.");
        }

        var items = new byte[]?[reader.Length];
        for (var i = 0; i < items.Length; i++)
        {
            reader.ReadToken();
            items[i] = BytesParser.Parse(ref reader);
        }

        return items;
    }
}
