namespace Strata.RateLimiting;

/// <summary>One partition's share of a limiter's decisions, as tracked for the admin view.</summary>
/// <param name="Partition">The partition key (as the limiter saw it: API keys are digests when partitioned with
/// <c>HttpPartitionKeys.ApiKey</c>).</param>
/// <param name="Decisions">Decisions counted for it (an overestimate by at most <paramref name="MaxOvercount"/>).</param>
/// <param name="Rejected">Of those, rejections seen since it was last tracked (never an overestimate).</param>
/// <param name="MaxOvercount">How much <paramref name="Decisions"/> may exceed the truth: the count it inherited when it
/// displaced a quieter partition in the bounded tracker (0 while the limiter has seen few partitions).</param>
public sealed record RateLimitPartitionUsage(string Partition, long Decisions, long Rejected, long MaxOvercount);
