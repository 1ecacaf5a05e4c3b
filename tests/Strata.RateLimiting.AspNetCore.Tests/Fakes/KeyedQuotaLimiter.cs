using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Tests.Fakes;

/// <summary>A hand-made partitioned limiter (one fixed window per key), like a Redis-backed limiter keyed by string.</summary>
internal sealed class KeyedQuotaLimiter(string policy, long limit, TimeSpan window, TimeProvider clock) : PartitionedRateLimiter<string>
{
    private readonly ConcurrentDictionary<string, FixedWindowQuotaLimiter> _partitions = new();

    public ConcurrentQueue<string> Resources { get; } = new();

    public override RateLimiterStatistics? GetStatistics(string resource) => Partition(resource).GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        Resources.Enqueue(resource);
        return Partition(resource).AttemptAcquire(permitCount);
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken)
    {
        Resources.Enqueue(resource);
        return Partition(resource).AcquireAsync(permitCount, cancellationToken);
    }

    private FixedWindowQuotaLimiter Partition(string resource) =>
        _partitions.GetOrAdd(resource, _ => new FixedWindowQuotaLimiter(policy, limit, window, clock));
}
