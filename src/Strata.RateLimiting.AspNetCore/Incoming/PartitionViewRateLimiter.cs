using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Incoming;

/// <summary>
/// One partition of a shared <see cref="PartitionedRateLimiter{TResource}"/> (a Redis-backed limiter, say) seen as the
/// per-partition <see cref="RateLimiter"/> ASP.NET Core policies want. It owns nothing: disposing it (when ASP.NET Core
/// drops an idle partition) leaves the shared limiter alone.
/// </summary>
internal sealed class PartitionViewRateLimiter<TResource>(PartitionedRateLimiter<TResource> shared, TResource resource, TimeProvider timeProvider)
    : RateLimiter
{
    private long _lastUsed = timeProvider.GetTimestamp();

    // Reported so ASP.NET Core can drop views of partitions nobody uses any more; the state lives in the shared limiter.
    public override TimeSpan? IdleDuration => timeProvider.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics(resource);

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Volatile.Write(ref _lastUsed, timeProvider.GetTimestamp());
        return shared.AttemptAcquire(resource, permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastUsed, timeProvider.GetTimestamp());
        return shared.AcquireAsync(resource, permitCount, cancellationToken);
    }
}
