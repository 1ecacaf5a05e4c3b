using Strata.Resp.Commands;
using Strata.Resp.Protocol;

namespace Strata.Resp.Replies;

/// <summary><c>TIME</c>'s reply: seconds and microseconds since the Unix epoch, as a UTC instant.</summary>
internal readonly struct TimeParser : IReplyParser<DateTimeOffset>
{
    public static DateTimeOffset Parse(ref RespReader reader)
    {
        if (reader.Type != RespType.Array || reader.Length != 2)
        {
            throw new RespProtocolException($"Expected a TIME reply but got {reader.Describe()}.");
        }

        reader.ReadToken();
        var seconds = reader.ReadInt64();
        reader.ReadToken();
        var microseconds = reader.ReadInt64();
        return DateTimeOffset.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (microseconds * TimeSpan.TicksPerMicrosecond));
    }
}
