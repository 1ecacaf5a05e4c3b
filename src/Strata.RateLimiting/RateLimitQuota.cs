namespace Strata.RateLimiting;

/// <summary>
/// The quota state behind a rate-limit decision, carried by every Strata lease (acquired or rejected) under
/// <see cref="StrataMetadataNames.Quota"/>, so HTTP layers can write the IETF <c>RateLimit-Policy</c> and
/// <c>RateLimit</c> fields without knowing the algorithm.
/// </summary>
/// <param name="Policy">The policy name (a token, e.g. <c>supplier-search</c>).</param>
/// <param name="Limit">The quota: permits per <paramref name="Window"/> (for a concurrency limiter, concurrent permits).</param>
/// <param name="Remaining">Permits left right after this decision (never negative).</param>
/// <param name="Window">The window the quota applies to (for GCRA, the time to refill the full burst).</param>
/// <param name="ResetAfter">Time until the quota is fully available again (0 when nothing is used).</param>
public readonly record struct RateLimitQuota(string Policy, long Limit, long Remaining, TimeSpan Window, TimeSpan ResetAfter);
