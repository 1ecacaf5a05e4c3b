using Strata.RateLimiting.Leases;
using Strata.RateLimiting.Memory;

namespace Strata.RateLimiting.SlidingWindow;

/// <summary>
/// The sliding-window log in memory: exact. An entry leaves the window at its time + window; a rejected request may
/// retry when the entry that makes room for it leaves.
/// </summary>
internal sealed class SlidingWindowLogAlgorithm(int permitLimit, TimeSpan window, TimeProvider time) : IMemoryAlgorithm<SlidingWindowLogState>
{
    private readonly MonotonicClock _clock = new(time);
    private readonly long _window = window.Ticks;

    public long PermitLimit { get; } = permitLimit;

    public bool ReleasesOnDispose => false;

    public SlidingWindowLogState CreateState() => new(PermitLimit);

    public RateLimitDecision Decide(SlidingWindowLogState state, int permits, bool commit)
    {
        var now = Expire(state);
        if (state.Count + permits <= PermitLimit)
        {
            if (commit)
            {
                for (var i = 0; i < permits; i++)
                {
                    state.Add(now, PermitLimit);
                }
            }

            return new RateLimitDecision(true, PermitLimit - state.Count - (commit ? 0 : permits), TimeSpan.Zero, window, window);
        }

        // The entry whose departure leaves room for all the requested permits.
        var freeing = state[state.Count + permits - (int)PermitLimit - 1];
        return new RateLimitDecision(false, PermitLimit - state.Count, TimeSpan.FromTicks(freeing + _window - now), ResetAfter(state, now), window);
    }

    public RateLimitDecision Peek(SlidingWindowLogState state)
    {
        var now = Expire(state);
        return new RateLimitDecision(true, PermitLimit - state.Count, TimeSpan.Zero, ResetAfter(state, now), window);
    }

    public void Release(SlidingWindowLogState state, int permits)
    {
    }

    public bool IsIdle(SlidingWindowLogState state)
    {
        Expire(state);
        return state.Count == 0;
    }

    private TimeSpan ResetAfter(SlidingWindowLogState state, long now) =>
        state.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(state.Newest + _window - now);

    private long Expire(SlidingWindowLogState state)
    {
        var now = _clock.NowTicks();
        while (state.Count > 0 && state[0] + _window <= now)
        {
            state.RemoveOldest();
        }

        return now;
    }
}
