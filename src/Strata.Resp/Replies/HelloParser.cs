using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary><c>HELLO</c>'s reply: a map (RESP3) or flat array (RESP2) of server properties.</summary>
internal readonly struct HelloParser : IReplyParser<HelloReply>
{
    public static HelloReply Parse(ref RespReader reader)
    {
        if (reader.Type is not (RespType.Map or RespType.Array) || reader.IsNull)
        {
            throw new RespProtocolException($"Expected HELLO's map but got {reader.Describe()}.");
        }

        var pairs = reader.Type == RespType.Map ? reader.Length : reader.Length / 2;
        var reply = new HelloReply();
        for (var i = 0; i < pairs; i++)
        {
            reader.ReadToken();
            var name = reader.ReadString();
            reader.ReadToken();
            switch (name)
            {
                case "proto":
                    reply.Protocol = (int)reader.ReadInt64();
                    break;
                case "id":
                    reply.ClientId = reader.ReadInt64();
                    break;
                case "version":
                    reply.Version = reader.ReadString();
                    break;
                case "mode":
                    reply.Mode = reader.ReadString();
                    break;
                case "role":
                    reply.Role = reader.ReadString();
                    break;
                default:
                    reader.SkipChildren();
                    break;
            }
        }

        return reply;
    }
}
