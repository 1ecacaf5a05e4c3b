namespace Strata;

/// <summary>What <see cref="IDistributedLeaseTier.TryAcquireLeaseAsync"/> found.</summary>
/// <param name="Acquired">Whether the caller now holds the lease.</param>
/// <param name="Value">The value stored under the guarded key at that moment (null when absent): it may already be
/// what the caller wanted, written by the previous holder.</param>
/// <param name="HeldFor">When not acquired: how long the other owner's lease still lasts.</param>
public readonly record struct DistributedLeaseAttempt(bool Acquired, byte[]? Value, TimeSpan HeldFor);
