namespace Strata.RateLimiting.AspNetCore;

/// <summary>Why <see cref="RateLimitExceededException"/> was thrown.</summary>
public enum RateLimitExceededReason
{
    /// <summary>The local limiter rejected the request and its retry hint lies beyond the maximum wait (or it gave none).</summary>
    LimiterRejected,

    /// <summary>The upstream answered 429/503 with a hold (<c>Retry-After</c> and friends) lasting beyond the maximum wait.</summary>
    UpstreamHold,

    /// <summary>The limiter queued the request but did not grant a permit within the maximum wait.</summary>
    WaitTimedOut,
}
