using Strata.RateLimiting.Redis;
using Strata.Resp;
using Strata.Resp.Scripting;

namespace Strata.RateLimiting.Gcra;

/// <summary>
/// GCRA on Redis: one string per partition, <c>tat:frac</c>, the theoretical arrival time as whole microseconds plus a
/// remainder in 1/<c>limit</c> µs, so the emission interval window/limit is exact and never drifts. One GET and one
/// SET with PX per decision: the cheapest script of the set.
/// </summary>
internal sealed class GcraRedisAlgorithm : FixedArgumentsRedisAlgorithm
{
    // KEYS[1] string "tat:frac"; ARGV limit, window_us, burst, permits. Lag and capacity are in 1/limit µs, where one permit
    // costs exactly window_us: small integers, exact in Lua's doubles.
    private static readonly RespScript GcraScript = new(
        """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local burst = tonumber(ARGV[3])
        local permits = tonumber(ARGV[4])
        local tat
        local frac = 0
        local state = redis.call('GET', KEYS[1])
        if state then
          local sep = string.find(state, ':', 1, true)
          tat = tonumber(string.sub(state, 1, sep - 1))
          frac = tonumber(string.sub(state, sep + 1))
        end
        if tat == nil or tat < now then
          tat = now
          frac = 0
        end
        local lag = (tat - now) * limit + frac
        local capacity = window * burst
        local cost = window * permits
        local span = math.ceil(capacity / limit)
        if permits > 0 and lag + cost <= capacity then
          local total = frac + cost
          local whole = math.floor(total / limit)
          tat = tat + whole
          frac = total - whole * limit
          redis.call('SET', KEYS[1], string.format('%.0f:%.0f', tat, frac), 'PX', string.format('%.0f', math.ceil((tat - now) / 1000) + 1000))
          lag = lag + cost
          return {1, math.floor((capacity - lag) / window), 0, math.ceil(lag / limit), span}
        end
        local remaining = math.max(0, math.floor((capacity - lag) / window))
        if permits == 0 then
          return {1, remaining, 0, math.ceil(lag / limit), span}
        end
        return {0, remaining, math.ceil((lag + cost - capacity) / limit), math.ceil(lag / limit), span}
        """);

    private readonly long _rate;
    private readonly long _windowMicroseconds;

    public GcraRedisAlgorithm(int permitLimit, TimeSpan window, int burst)
    {
        _rate = permitLimit;
        _windowMicroseconds = Microseconds(window);
        PermitLimit = burst;
        Window = TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond * (long)Math.Ceiling((double)_windowMicroseconds * burst / permitLimit));
    }

    public override string Name => "gcra";

    public override RespScript Script => GcraScript;

    public override long PermitLimit { get; }

    public override TimeSpan Window { get; }

    protected override RespArgument[] Build(int permits) => [_rate, _windowMicroseconds, PermitLimit, permits];
}
