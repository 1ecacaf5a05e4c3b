using Strata.RateLimiting.Leases;
using Strata.RateLimiting.Memory;

namespace Strata.RateLimiting.SlidingWindow;

/// <summary>
/// The sliding-window counter in memory: the estimate is <c>previous × (share of the previous window still inside the
/// sliding window) + current</c>, compared in integers (permit-ticks) so the retry-after is exact for that estimate.
/// </summary>
internal sealed class SlidingWindowCounterAlgorithm(int permitLimit, TimeSpan window, TimeProvider time) : IMemoryAlgorithm<SlidingWindowCounterState>
{
    private readonly MonotonicClock _clock = new(time);
    private readonly long _window = window.Ticks;
    private readonly Int128 _capacity = (Int128)permitLimit * window.Ticks;

    public long PermitLimit { get; } = permitLimit;

    public bool ReleasesOnDispose => false;

    public SlidingWindowCounterState CreateState() => new();

    public RateLimitDecision Decide(SlidingWindowCounterState state, int permits, bool commit)
    {
        var elapsed = Roll(state);
        var used = Used(state, elapsed);
        var cost = (Int128)permits * _window;
        if (used + cost <= _capacity)
        {
            if (commit)
            {
                state.Current += permits;
            }

            return new RateLimitDecision(true, (long)((_capacity - used - cost) / _window), TimeSpan.Zero, ResetAfter(state.Current + (commit ? 0 : permits), state.Previous, elapsed), window);
        }

        long retry;
        if (state.Current + permits > PermitLimit)
        {
            // Only the next window can hold it: wait for it, then until the current count's weight has shrunk enough.
            retry = _window - elapsed + (long)CeilDiv((Int128)_window * (state.Current - (PermitLimit - permits)), state.Current);
        }
        else
        {
            var spare = PermitLimit - state.Current - permits;
            retry = (long)CeilDiv((Int128)_window * (state.Previous - spare), state.Previous) - elapsed;
        }

        return new RateLimitDecision(
            false, (long)Int128.Max(0, (_capacity - used) / _window), TimeSpan.FromTicks(retry), ResetAfter(state.Current, state.Previous, elapsed), window);
    }

    public RateLimitDecision Peek(SlidingWindowCounterState state)
    {
        var elapsed = Roll(state);
        return new RateLimitDecision(
            true, (long)Int128.Max(0, (_capacity - Used(state, elapsed)) / _window), TimeSpan.Zero, ResetAfter(state.Current, state.Previous, elapsed), window);
    }

    public void Release(SlidingWindowCounterState state, int permits)
    {
    }

    public bool IsIdle(SlidingWindowCounterState state)
    {
        Roll(state);
        return state.Current == 0 && state.Previous == 0;
    }

    private static Int128 CeilDiv(Int128 value, Int128 divisor) => (value + divisor - 1) / divisor;

    private Int128 Used(SlidingWindowCounterState state, long elapsed) =>
        (Int128)state.Previous * (_window - elapsed) + (Int128)state.Current * _window;

    // Moves the counters into the window that holds now; returns the time elapsed in it. Rolling changes no estimate, so
    // it happens even when a decision does not commit.
    private long Roll(SlidingWindowCounterState state)
    {
        var now = _clock.NowTicks();
        var index = now / _window;
        if (state.Index != index)
        {
            state.Previous = state.Index == index - 1 ? state.Current : 0;
            state.Current = 0;
            state.Index = index;
        }

        return now - (index * _window);
    }

    private TimeSpan ResetAfter(long current, long previous, long elapsed) =>
        current > 0 ? TimeSpan.FromTicks(_window - elapsed + _window)
        : previous > 0 ? TimeSpan.FromTicks(_window - elapsed)
        : TimeSpan.Zero;
}
