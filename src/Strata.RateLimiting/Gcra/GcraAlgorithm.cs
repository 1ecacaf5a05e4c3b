using Strata.RateLimiting.Leases;
using Strata.RateLimiting.Memory;

namespace Strata.RateLimiting.Gcra;

/// <summary>
/// GCRA in memory. Time is kept in units of 1/<c>limit</c> tick, in which one permit costs exactly <c>window</c> ticks,
/// so the arithmetic is exact in integers and the retry-after is the exact tick (rounded up) the next permit fits.
/// </summary>
internal sealed class GcraAlgorithm : IMemoryAlgorithm<GcraState>
{
    private readonly MonotonicClock _clock;
    private readonly long _rate;
    private readonly long _windowTicks;
    private readonly Int128 _capacity;

    public GcraAlgorithm(int permitLimit, TimeSpan window, int burst, TimeProvider time)
    {
        _clock = new MonotonicClock(time);
        _rate = permitLimit;
        _windowTicks = window.Ticks;
        PermitLimit = burst;
        _capacity = (Int128)_windowTicks * burst;
        BurstWindow = TimeSpan.FromTicks((long)CeilDiv(_capacity, _rate));
    }

    public long PermitLimit { get; }

    public bool ReleasesOnDispose => false;

    /// <summary>The time to refill a whole burst: the window leases report.</summary>
    public TimeSpan BurstWindow { get; }

    public GcraState CreateState() => new();

    public RateLimitDecision Decide(GcraState state, int permits, bool commit)
    {
        var now = (Int128)_clock.NowTicks() * _rate;
        var tat = state.ScaledTat > now ? state.ScaledTat : now;
        var lag = tat - now;
        var cost = (Int128)_windowTicks * permits;
        if (lag + cost <= _capacity)
        {
            if (commit)
            {
                state.ScaledTat = tat + cost;
            }

            return Decision(true, lag + cost, TimeSpan.Zero);
        }

        return Decision(false, lag, Ticks(lag + cost - _capacity));
    }

    public RateLimitDecision Peek(GcraState state)
    {
        var now = (Int128)_clock.NowTicks() * _rate;
        return Decision(true, state.ScaledTat > now ? state.ScaledTat - now : 0, TimeSpan.Zero);
    }

    public void Release(GcraState state, int permits)
    {
    }

    public bool IsIdle(GcraState state) => state.ScaledTat <= (Int128)_clock.NowTicks() * _rate;

    private static Int128 CeilDiv(Int128 value, Int128 divisor) => (value + divisor - 1) / divisor;

    private TimeSpan Ticks(Int128 scaled) => TimeSpan.FromTicks((long)CeilDiv(scaled, _rate));

    private RateLimitDecision Decision(bool acquired, Int128 lag, TimeSpan retryAfter) =>
        new(acquired, (long)((_capacity - lag) / _windowTicks), retryAfter, Ticks(lag), BurstWindow);
}
