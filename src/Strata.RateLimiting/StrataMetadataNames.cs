using System.Threading.RateLimiting;

namespace Strata.RateLimiting;

/// <summary>Lease metadata Strata limiters add beside <see cref="MetadataName.RetryAfter"/>.</summary>
public static class StrataMetadataNames
{
    /// <summary>The <see cref="RateLimitQuota"/> behind the decision.</summary>
    public static MetadataName<RateLimitQuota> Quota { get; } = MetadataName.Create<RateLimitQuota>("STRATA_QUOTA");
}
