using Strata.RateLimiting.Leases;
using Strata.Resp;

namespace Strata.RateLimiting.Redis;

/// <summary>Reads the common reply of the limiter scripts (see <see cref="RedisAlgorithm"/>).</summary>
internal static class RedisReply
{
    public const long ClockMiss = -1;

    public static long Status(RespValue reply) => Item(reply, 0);

    /// <summary>The server time the script sent with <see cref="ClockMiss"/>.</summary>
    public static DateTimeOffset ServerTime(RespValue reply) => DateTimeOffset.UnixEpoch.AddTicks(Item(reply, 1) * TimeSpan.TicksPerMicrosecond);

    public static RateLimitDecision Decision(RespValue reply) => new(
        Item(reply, 0) == 1,
        Item(reply, 1),
        Microseconds(Item(reply, 2)),
        Microseconds(Item(reply, 3)),
        Microseconds(Item(reply, 4)));

    private static TimeSpan Microseconds(long value) => TimeSpan.FromTicks(Math.Max(0, value) * TimeSpan.TicksPerMicrosecond);

    private static long Item(RespValue reply, int index) =>
        reply.Items.Count > index
            ? reply.Items[index].AsInt64()
            : throw new RespProtocolException($"A rate-limit script replied {reply}, not the expected 5 numbers.");
}
