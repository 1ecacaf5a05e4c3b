using System.Threading.RateLimiting;

namespace Strata.RateLimiting;

/// <summary>Lease metadata Strata limiters add beside <see cref="MetadataName.RetryAfter"/>.</summary>
public static class StrataMetadataNames
{
    /// <summary>The <see cref="RateLimitQuota"/> behind the decision.</summary>
    public static MetadataName<RateLimitQuota> Quota { get; } = MetadataName.Create<RateLimitQuota>("STRATA_QUOTA");

    /// <summary>
    /// <see langword="true"/> on the not-acquired lease a Redis-backed limiter's <c>AttemptAcquire</c> returns: it made
    /// no decision (that needs a round trip), so the request is neither allowed nor refused yet and
    /// <see cref="RateLimiter.AcquireAsync"/> decides. Callers that bound their wait must still ask, even with no time
    /// left to wait.
    /// </summary>
    public static MetadataName<bool> Undecided { get; } = MetadataName.Create<bool>("STRATA_UNDECIDED");
}
