using System.Threading.RateLimiting;

namespace Strata.RateLimiting.Partitions;

/// <summary>
/// One partition of a <see cref="StrataPartitionedRateLimiter"/> seen as a <see cref="RateLimiter"/>. It owns nothing, so
/// hosts that dispose idle partition limiters (ASP.NET Core's partitioned limiter) only drop this view.
/// </summary>
internal sealed class PartitionRateLimiter(StrataPartitionedRateLimiter owner, string partitionKey) : RateLimiter
{
    // Stopwatch time, not the options' TimeProvider: idleness is about this process, and hosts compare it to their own timeouts.
    private long _lastUsed = TimeProvider.System.GetTimestamp();

    public override TimeSpan? IdleDuration => TimeProvider.System.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => owner.GetStatistics(partitionKey);

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Touch();
        return owner.AttemptAcquire(partitionKey, permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Touch();
        return owner.AcquireAsync(partitionKey, permitCount, cancellationToken);
    }

    private void Touch() => Volatile.Write(ref _lastUsed, TimeProvider.System.GetTimestamp());
}
