using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary>A string-like reply copied into a pooled <see cref="RespLease"/>; null stays null.</summary>
internal readonly struct LeaseParser : IReplyParser<RespLease?>
{
    public static RespLease? Parse(ref RespReader reader)
    {
        if (reader.IsAggregate)
        {
            throw new RespProtocolException($"Expected a string but got {reader.Describe()}.");
        }

        return reader.IsNull ? null : RespLease.Rent(reader.Payload);
    }
}
