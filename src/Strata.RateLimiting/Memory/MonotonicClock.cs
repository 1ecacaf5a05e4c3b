namespace Strata.RateLimiting.Memory;

/// <summary>
/// Elapsed time since the limiter was created, in <see cref="TimeSpan"/> ticks, from the provider's timestamp: monotonic,
/// so a wall-clock step (NTP, a VM resume) cannot refill or drain a window.
/// </summary>
internal sealed class MonotonicClock(TimeProvider time)
{
    private readonly long _origin = time.GetTimestamp();

    public long NowTicks() => time.GetElapsedTime(_origin).Ticks;
}
