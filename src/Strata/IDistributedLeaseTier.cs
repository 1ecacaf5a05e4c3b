namespace Strata;

/// <summary>
/// An optional capability of an <see cref="IDistributedTier"/>: short per-key leases, so that when several nodes miss
/// the same key at once one of them runs the factory and the others wait for its value to appear in the tier (they
/// hear it through <see cref="IDistributedTier.Subscribe"/>). The engine uses it when
/// <see cref="StrataCacheOptions.DistributedLeaseDuration"/> is set.
/// </summary>
public interface IDistributedLeaseTier
{
    /// <summary>
    /// In one atomic step: reads the value under <paramref name="key"/> and, unless another owner holds it, takes the
    /// lease under <paramref name="leaseKey"/> for <paramref name="owner"/> for <paramref name="duration"/>.
    /// </summary>
    /// <param name="key">The full key of the value the lease guards.</param>
    /// <param name="leaseKey">The full key of the lease itself (a change of it is delivered to other nodes).</param>
    /// <param name="owner">A token unique to this attempt; only it can release the lease.</param>
    /// <param name="duration">How long the lease lasts if never released (its holder may die).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    ValueTask<DistributedLeaseAttempt> TryAcquireLeaseAsync(string key, string leaseKey, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Releases the lease if <paramref name="owner"/> still holds it (compare-and-delete); a lease that expired
    /// and was taken by someone else is left alone.</summary>
    ValueTask ReleaseLeaseAsync(string leaseKey, string owner, CancellationToken cancellationToken);
}
