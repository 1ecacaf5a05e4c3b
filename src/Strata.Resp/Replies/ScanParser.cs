using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary><c>SCAN</c>'s reply: the next cursor and a page of keys.</summary>
internal readonly struct ScanParser : IReplyParser<RespScanPage>
{
    public static RespScanPage Parse(ref RespReader reader)
    {
        if (reader.Type != RespType.Array || reader.Length != 2)
        {
            throw new RespProtocolException($"Expected a SCAN reply (cursor and keys) but got {reader.Describe()}.");
        }

        reader.ReadToken();
        var cursor = reader.ReadInt64();
        reader.ReadToken();
        var keys = StringArrayParser.Parse(ref reader);
        return new RespScanPage(cursor, keys!);
    }
}
