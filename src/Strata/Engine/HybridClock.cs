namespace Strata.Engine;

/// <summary>
/// Stamps for "created" and "invalidated" that are wall-clock ticks, except that each stamp is strictly greater than
/// every stamp this process issued or observed (a hybrid logical clock). So an entry written right after an
/// invalidation — even within the same clock tick, or on a node whose clock lags the invalidating node's — is
/// always newer than it, and one written before it is always older.
/// </summary>
internal sealed class HybridClock
{
    private readonly TimeProvider _time;
    private long _last;

    public HybridClock(TimeProvider time) => _time = time;

    public long Next()
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var candidate = Math.Max(_time.GetUtcNow().UtcTicks, last + 1);
            if (Interlocked.CompareExchange(ref _last, candidate, last) == last)
            {
                return candidate;
            }
        }
    }

    /// <summary>Moves the clock past a stamp seen from elsewhere (another node's invalidation, an L2 entry).</summary>
    public void Observe(long stamp)
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            if (stamp <= last || Interlocked.CompareExchange(ref _last, stamp, last) == last)
            {
                return;
            }
        }
    }
}
