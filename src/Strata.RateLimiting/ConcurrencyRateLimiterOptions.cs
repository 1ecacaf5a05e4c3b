namespace Strata.RateLimiting;

/// <summary>
/// Options of the concurrency limiter: at most <see cref="StrataRateLimiterOptions.PermitLimit"/> permits held at once per
/// partition; a lease returns its permits when disposed.
/// </summary>
public sealed class ConcurrencyRateLimiterOptions : StrataRateLimiterOptions
{
    /// <summary>
    /// Redis only: how long a lease survives without renewal. The holder renews it every third of this while it is held,
    /// so only the leases of a crashed or frozen process lapse, after at most this long. At least 100 ms. Default 30 seconds.
    /// </summary>
    public TimeSpan LeaseTimeToLive { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (LeaseTimeToLive < TimeSpan.FromMilliseconds(100))
        {
            throw OutOfRange(nameof(LeaseTimeToLive), LeaseTimeToLive, "must be at least 100 ms");
        }
    }

    /// <summary>What only the Redis limiter requires: no queue (another node's release would have to be polled for).</summary>
    internal void ValidateForRedis()
    {
        if (QueueLimit != 0)
        {
            throw OutOfRange(nameof(QueueLimit), QueueLimit, "must be 0 on Redis: a release may happen on another node, so waiting would mean polling; retry instead");
        }
    }
}
