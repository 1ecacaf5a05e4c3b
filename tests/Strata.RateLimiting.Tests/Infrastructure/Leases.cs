using System.Threading.RateLimiting;

namespace Strata.RateLimiting.Tests.Infrastructure;

/// <summary>Reading lease metadata in assertions.</summary>
internal static class Leases
{
    public static RateLimitQuota Quota(this RateLimitLease lease)
    {
        lease.TryGetMetadata(StrataMetadataNames.Quota, out var quota).ShouldBeTrue("every Strata lease carries its quota");
        return quota;
    }

    public static TimeSpan RetryAfter(this RateLimitLease lease)
    {
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue("a rejected lease carries RetryAfter");
        return retryAfter;
    }
}
