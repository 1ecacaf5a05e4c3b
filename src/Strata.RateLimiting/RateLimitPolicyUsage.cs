namespace Strata.RateLimiting;

/// <summary>One limiter's decisions since it was created, for the admin API's <c>ratelimits</c> view.</summary>
/// <param name="Policy">The policy name.</param>
/// <param name="PermitLimit">The limit (for GCRA, the burst).</param>
/// <param name="Distributed">Whether it decides on Redis.</param>
/// <param name="Acquired">Decisions that granted permits.</param>
/// <param name="Rejected">Decisions that refused them.</param>
/// <param name="TopPartitions">The busiest partitions, most decisions first.</param>
public sealed record RateLimitPolicyUsage(
    string Policy,
    long PermitLimit,
    bool Distributed,
    long Acquired,
    long Rejected,
    IReadOnlyList<RateLimitPartitionUsage> TopPartitions);
