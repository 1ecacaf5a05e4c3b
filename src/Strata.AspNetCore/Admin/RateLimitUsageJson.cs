using Strata.RateLimiting;

namespace Strata.AspNetCore.Admin;

/// <summary>The JSON shape of rate-limit usage, shared by the admin API's <c>ratelimits</c> and the dashboard.</summary>
internal static class RateLimitUsageJson
{
    public static IEnumerable<object> From(IReadOnlyList<RateLimitPolicyUsage> usage) => usage.Select(static u => new
    {
        policy = u.Policy,
        permitLimit = u.PermitLimit,
        distributed = u.Distributed,
        acquired = u.Acquired,
        rejected = u.Rejected,
        rejectedRatio = u.Acquired + u.Rejected == 0 ? 0 : (double)u.Rejected / (u.Acquired + u.Rejected),
        topPartitions = u.TopPartitions.Select(static p => new { partition = p.Partition, decisions = p.Decisions, rejected = p.Rejected, maxOvercount = p.MaxOvercount }),
    });
}
