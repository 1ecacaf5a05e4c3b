using Strata.RateLimiting.Redis;
using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.RateLimiting.Quota;

/// <summary>
/// The fixed-window quota on Redis. Lua has no time-zone data, so the client sends the boundaries of three consecutive
/// calendar windows around its own clock (previous, current, next) and the script picks the one holding the server's
/// <c>TIME</c>: the decision is on the server's clock as long as the local clock is within a window of it; further off,
/// the script answers with its time and the client sends windows around that.
/// </summary>
internal sealed class QuotaRedisAlgorithm(int permitLimit, QuotaCalendar calendar, TimeProvider time) : RedisAlgorithm
{
    // KEYS[1] hash {s = window start µs, c = count}; ARGV limit, permits, b0..b3 (ascending window boundaries, µs).
    private static readonly RespScript QuotaScript = new(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local permits = tonumber(ARGV[2])
        local start
        local finish
        for i = 3, 5 do
          local from = tonumber(ARGV[i])
          local to = tonumber(ARGV[i + 1])
          if now >= from and now < to then
            start = from
            finish = to
          end
        end
        if start == nil then
          return {-1, now, 0, 0, 0}
        end
        local state = redis.call('HMGET', KEYS[1], 's', 'c')
        local count = 0
        if tonumber(state[1]) == start then
          count = tonumber(state[2]) or 0
        end
        if permits > 0 and count + permits <= limit then
          count = count + permits
          redis.call('HSET', KEYS[1], 's', string.format('%.0f', start), 'c', count)
          redis.call('PEXPIREAT', KEYS[1], string.format('%.0f', math.ceil(finish / 1000) + 1000))
          return {1, limit - count, 0, finish - now, finish - start}
        end
        local reset = 0
        if count > 0 then
          reset = finish - now
        end
        local remaining = math.max(0, limit - count)
        if permits == 0 then
          return {1, remaining, 0, reset, finish - start}
        end
        return {0, remaining, finish - now, reset, finish - start}
        """);

    public override string Name => "quota";

    public override RespScript Script => QuotaScript;

    public override long PermitLimit { get; } = permitLimit;

    public override TimeSpan Window
    {
        get
        {
            var window = calendar.WindowAt(time.GetUtcNow());
            return window.End - window.Start;
        }
    }

    public override IReadOnlyList<RespArgument> Arguments(int permits) => Arguments(permits, time.GetUtcNow());

    public override IReadOnlyList<RespArgument> Arguments(int permits, DateTimeOffset serverNow)
    {
        var current = calendar.WindowAt(serverNow);
        var previous = calendar.Previous(current);
        var next = calendar.Next(current);
        return [PermitLimit, permits, UnixMicroseconds(previous.Start), UnixMicroseconds(current.Start), UnixMicroseconds(current.End), UnixMicroseconds(next.End)];
    }

    private static long UnixMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
