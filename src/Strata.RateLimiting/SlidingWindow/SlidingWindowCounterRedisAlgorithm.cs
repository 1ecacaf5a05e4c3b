using Strata.RateLimiting.Redis;
using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.RateLimiting.SlidingWindow;

/// <summary>
/// The sliding-window counter on Redis: one hash per partition with the current window's index (<c>w</c>), its count
/// (<c>c</c>) and the previous window's count (<c>p</c>). Windows are aligned to the server clock's epoch.
/// </summary>
internal sealed class SlidingWindowCounterRedisAlgorithm : FixedArgumentsRedisAlgorithm
{
    // KEYS[1] hash {w, c, p}; ARGV limit, window_us, permits. "used" is in permit-microseconds: previous × the part of
    // it still inside the sliding window + current × window.
    private static readonly RespScript CounterScript = new(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local index = math.floor(now / window)
        local elapsed = now - index * window
        local state = redis.call('HMGET', KEYS[1], 'w', 'c', 'p')
        local w = tonumber(state[1])
        local cur = tonumber(state[2]) or 0
        local prev = tonumber(state[3]) or 0
        if w == nil or w < index - 1 then
          cur = 0
          prev = 0
        elseif w == index - 1 then
          prev = cur
          cur = 0
        elseif w > index then
          index = w
          elapsed = 0
        end
        local function reset_after(c, p)
          if c > 0 then return window - elapsed + window end
          if p > 0 then return window - elapsed end
          return 0
        end
        local used = prev * (window - elapsed) + cur * window
        local capacity = limit * window
        if permits > 0 and used + permits * window <= capacity then
          cur = cur + permits
          redis.call('HSET', KEYS[1], 'w', string.format('%.0f', index), 'c', cur, 'p', prev)
          redis.call('PEXPIRE', KEYS[1], string.format('%.0f', math.ceil((2 * window - elapsed) / 1000) + 1000))
          return {1, math.floor((capacity - used - permits * window) / window), 0, reset_after(cur, prev), window}
        end
        local remaining = math.max(0, math.floor((capacity - used) / window))
        if permits == 0 then
          return {1, remaining, 0, reset_after(cur, prev), window}
        end
        local retry
        if cur + permits > limit then
          retry = window - elapsed + math.ceil(window * (cur - (limit - permits)) / cur)
        else
          retry = math.ceil(window * (prev - (limit - cur - permits)) / prev) - elapsed
        end
        return {0, remaining, retry, reset_after(cur, prev), window}
        """);

    private readonly long _windowMicroseconds;

    public SlidingWindowCounterRedisAlgorithm(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
        _windowMicroseconds = Microseconds(window);
    }

    public override string Name => "swc";

    public override RespScript Script => CounterScript;

    public override long PermitLimit { get; }

    public override TimeSpan Window { get; }

    protected override RespArgument[] Build(int permits) => [PermitLimit, _windowMicroseconds, permits];
}
