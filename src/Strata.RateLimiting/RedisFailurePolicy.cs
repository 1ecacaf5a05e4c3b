namespace Strata.RateLimiting;

/// <summary>What a Redis-backed limiter decides while Redis cannot be reached (or does not answer in time).</summary>
public enum RedisFailurePolicy
{
    /// <summary>
    /// Allow every request. Each such decision is counted (<c>strata.ratelimit.store.unavailable</c>) and the outage is
    /// logged once when it starts and once when it ends. Availability over protection: the default.
    /// </summary>
    FailOpen,

    /// <summary>Reject every request, with <see cref="RedisRateLimiterOptions.RetryInterval"/> as the retry-after.</summary>
    FailClosed,

    /// <summary>
    /// Decide with an in-memory limiter of the same algorithm whose limit is the configured limit divided by
    /// <see cref="RedisRateLimiterOptions.ExpectedNodeCount"/> (at least 1), so the nodes together stay near the limit.
    /// </summary>
    FallbackToLocal,
}
