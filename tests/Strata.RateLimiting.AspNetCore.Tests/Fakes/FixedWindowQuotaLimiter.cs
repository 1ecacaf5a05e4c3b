using System.Threading.RateLimiting;

namespace Strata.RateLimiting.AspNetCore.Tests.Fakes;

/// <summary>
/// A hand-made fixed-window limiter on a (manual) clock that issues leases the way Strata's limiters do: every lease
/// carries <see cref="StrataMetadataNames.Quota"/>, rejected ones also an exact <see cref="MetadataName.RetryAfter"/>.
/// </summary>
internal sealed class FixedWindowQuotaLimiter(string policy, long limit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _origin = clock.GetUtcNow();
    private long _windowIndex;
    private long _used;

    public int Attempts { get; private set; }

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Roll(out _);
            return new RateLimiterStatistics { CurrentAvailablePermits = limit - _used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Attempts++;
            Roll(out var windowEnd);
            var untilReset = windowEnd - clock.GetUtcNow();
            if (_used + permitCount <= limit)
            {
                _used += permitCount;
                return Lease(true, untilReset, retryAfter: null);
            }

            return Lease(false, untilReset, retryAfter: untilReset);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        new(AttemptAcquireCore(permitCount));

    private void Roll(out DateTimeOffset windowEnd)
    {
        var index = (clock.GetUtcNow() - _origin).Ticks / window.Ticks;
        if (index != _windowIndex)
        {
            _windowIndex = index;
            _used = 0;
        }

        windowEnd = _origin + TimeSpan.FromTicks(window.Ticks * (index + 1));
    }

    private FakeLease Lease(bool acquired, TimeSpan untilReset, TimeSpan? retryAfter)
    {
        var quota = new RateLimitQuota(policy, limit, limit - _used, window, _used == 0 ? TimeSpan.Zero : untilReset);
        var metadata = new Dictionary<string, object?> { [StrataMetadataNames.Quota.Name] = quota };
        if (retryAfter is { } after)
        {
            metadata[MetadataName.RetryAfter.Name] = after;
        }

        return new FakeLease(acquired, metadata);
    }
}
