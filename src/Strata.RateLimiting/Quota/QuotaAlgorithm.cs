using Strata.RateLimiting.Leases;
using Strata.RateLimiting.Memory;

namespace Strata.RateLimiting.Quota;

/// <summary>
/// The fixed-window quota in memory, on the wall clock (calendar windows need it): a count per partition that starts
/// over when the window changes. A rejection may retry when the window ends.
/// </summary>
internal sealed class QuotaAlgorithm(int permitLimit, QuotaCalendar calendar, TimeProvider time) : IMemoryAlgorithm<QuotaState>
{
    public long PermitLimit { get; } = permitLimit;

    public bool ReleasesOnDispose => false;

    public QuotaState CreateState() => new();

    public RateLimitDecision Decide(QuotaState state, int permits, bool commit)
    {
        var (now, window) = Roll(state);
        var untilEnd = window.End - now;
        if (state.Count + permits <= PermitLimit)
        {
            if (commit)
            {
                state.Count += permits;
            }

            return new RateLimitDecision(true, PermitLimit - state.Count - (commit ? 0 : permits), TimeSpan.Zero, untilEnd, window.End - window.Start);
        }

        return new RateLimitDecision(false, PermitLimit - state.Count, untilEnd, state.Count > 0 ? untilEnd : TimeSpan.Zero, window.End - window.Start);
    }

    public RateLimitDecision Peek(QuotaState state)
    {
        var (now, window) = Roll(state);
        return new RateLimitDecision(true, PermitLimit - state.Count, TimeSpan.Zero, state.Count > 0 ? window.End - now : TimeSpan.Zero, window.End - window.Start);
    }

    public void Release(QuotaState state, int permits)
    {
    }

    public bool IsIdle(QuotaState state)
    {
        Roll(state);
        return state.Count == 0;
    }

    private (DateTimeOffset Now, QuotaWindow Window) Roll(QuotaState state)
    {
        var now = time.GetUtcNow();
        var window = calendar.WindowAt(now);
        if (state.WindowStartTicks != window.Start.UtcTicks)
        {
            state.WindowStartTicks = window.Start.UtcTicks;
            state.Count = 0;
        }

        return (now, window);
    }
}
