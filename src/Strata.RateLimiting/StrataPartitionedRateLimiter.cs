using System.Globalization;
using System.Threading.RateLimiting;
using Strata.RateLimiting.Partitions;

namespace Strata.RateLimiting;

/// <summary>
/// A Strata limiter: a <see cref="PartitionedRateLimiter{TResource}"/> keyed by partition (a user id, a supplier, an
/// API key), in memory or on Redis. Create one with <see cref="StrataRateLimiter"/>. Every lease carries
/// <see cref="StrataMetadataNames.Quota"/>, and a rejected one <see cref="MetadataName.RetryAfter"/> (except from a
/// concurrency limiter, which cannot know when a holder will let go).
/// </summary>
/// <remarks>
/// Adapt to another resource type with <see cref="PartitionedRateLimiter{TResource}.WithTranslatedKey{TOuter}"/>, or use
/// one partition as a plain <see cref="RateLimiter"/> (ASP.NET Core policies, Polly) with <see cref="GetPartitionLimiter"/>.
/// Redis-backed limiters decide in <see cref="PartitionedRateLimiter{TResource}.AcquireAsync"/>; their
/// <see cref="PartitionedRateLimiter{TResource}.AttemptAcquire"/> never blocks on the network (see docs/rate-limiting.md).
/// </remarks>
public abstract class StrataPartitionedRateLimiter : PartitionedRateLimiter<string>
{
    private protected StrataPartitionedRateLimiter(string policyName, long permitLimit)
    {
        PolicyName = policyName;
        PermitLimit = permitLimit;
    }

    /// <summary>The policy name (metrics tag, <see cref="RateLimitQuota.Policy"/>, part of Redis keys).</summary>
    public string PolicyName { get; }

    /// <summary>The most permits one acquisition may ask for: the limit (for GCRA, the burst).</summary>
    public long PermitLimit { get; }

    /// <summary>Whether the limiter keeps its state on Redis (and so decides asynchronously).</summary>
    public abstract bool IsDistributed { get; }

    /// <summary>
    /// One partition as a <see cref="RateLimiter"/>, e.g. for <c>RateLimitPartition.Get(key, k =&gt; limiter.GetPartitionLimiter(k))</c>
    /// or a Polly rate-limiter strategy. Disposing it does not dispose this limiter.
    /// </summary>
    /// <param name="partitionKey">The partition.</param>
    /// <exception cref="ArgumentNullException"><paramref name="partitionKey"/> is null.</exception>
    public RateLimiter GetPartitionLimiter(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return new PartitionRateLimiter(this, partitionKey);
    }

    /// <summary>
    /// The partition's current usage without taking anything: <see cref="RateLimitQuota.Remaining"/> of
    /// <see cref="RateLimitQuota.Limit"/>, and when it is fully available again. The admin view of a quota.
    /// </summary>
    /// <param name="partitionKey">The partition.</param>
    /// <param name="cancellationToken">Stops waiting for Redis.</param>
    /// <exception cref="ArgumentNullException"><paramref name="partitionKey"/> is null.</exception>
    /// <exception cref="Strata.Resp.RespException">Redis failed (the failure policy does not apply to this read).</exception>
    public ValueTask<RateLimitQuota> GetUsageAsync(string partitionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return GetUsageCoreAsync(partitionKey, cancellationToken);
    }

    /// <inheritdoc/>
    public sealed override RateLimiterStatistics? GetStatistics(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return GetStatisticsCore(resource);
    }

    /// <inheritdoc/>
    protected sealed override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        CheckRequest(resource, permitCount);
        return AttemptAcquireValidated(resource, permitCount);
    }

    /// <inheritdoc/>
    protected sealed override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken)
    {
        CheckRequest(resource, permitCount);
        return cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<RateLimitLease>(cancellationToken)
            : AcquireValidatedAsync(resource, permitCount, cancellationToken);
    }

    /// <summary>The usage read, after validation.</summary>
    private protected abstract ValueTask<RateLimitQuota> GetUsageCoreAsync(string partitionKey, CancellationToken cancellationToken);

    /// <summary>The statistics, after validation.</summary>
    private protected abstract RateLimiterStatistics GetStatisticsCore(string partitionKey);

    /// <summary>The synchronous decision, after validation (the key is not null, the count within the limit).</summary>
    private protected abstract RateLimitLease AttemptAcquireValidated(string partitionKey, int permitCount);

    /// <summary>The asynchronous decision, after validation; the token is not yet cancelled.</summary>
    private protected abstract ValueTask<RateLimitLease> AcquireValidatedAsync(string partitionKey, int permitCount, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ObjectDisposedException"/> once disposed.</summary>
    private protected abstract void ThrowIfDisposed();

    private void CheckRequest(string resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (permitCount > PermitLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(permitCount),
                permitCount,
                string.Create(CultureInfo.InvariantCulture, $"{permitCount} permits exceed the limit of policy '{PolicyName}' ({PermitLimit})."));
        }

        ThrowIfDisposed();
    }
}
