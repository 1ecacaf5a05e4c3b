namespace Strata.RateLimiting.SlidingWindow;

/// <summary>A partition's two counters: permits in the current fixed window and in the one before it.</summary>
internal sealed class SlidingWindowCounterState
{
    public long Index { get; set; } = long.MinValue;

    public long Current { get; set; }

    public long Previous { get; set; }
}
