using Strata.RateLimiting.Redis;
using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.RateLimiting.SlidingWindow;

/// <summary>
/// The sliding-window log on Redis: a sorted set per partition, one member per admitted permit scored by its server
/// time in µs. Members are <c>time-n</c> with n counting the members already at that exact microsecond, so requests in
/// the same instant never collide. Never more than the limit members: a full log rejects.
/// </summary>
internal sealed class SlidingWindowLogRedisAlgorithm : FixedArgumentsRedisAlgorithm
{
    // KEYS[1] zset; ARGV limit, window_us, permits. An entry leaves at score + window (removed once score <= now - window).
    private static readonly RespScript LogScript = new(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local stamp = string.format('%.0f', now)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
        local count = redis.call('ZCARD', KEYS[1])
        if permits > 0 and count + permits <= limit then
          local same = redis.call('ZCOUNT', KEYS[1], stamp, stamp)
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], stamp, stamp .. '-' .. (same + i))
          end
          redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil(window / 1000) + 1000))
          return {1, limit - count - permits, 0, window, window}
        end
        local reset = 0
        if count > 0 then
          local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
          reset = tonumber(newest[2]) + window - now
        end
        local remaining = math.max(0, limit - count)
        if permits == 0 then
          return {1, remaining, 0, reset, window}
        end
        local index = math.min(count + permits - limit, count) - 1
        local freeing = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
        return {0, remaining, tonumber(freeing[2]) + window - now, reset, window}
        """);

    private readonly long _windowMicroseconds;

    public SlidingWindowLogRedisAlgorithm(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
        _windowMicroseconds = Microseconds(window);
    }

    public override string Name => "swl";

    public override RespScript Script => LogScript;

    public override long PermitLimit { get; }

    public override TimeSpan Window { get; }

    protected override RespArgument[] Build(int permits) => [PermitLimit, _windowMicroseconds, permits];
}
