namespace Strata.RateLimiting.Leases;

/// <summary>
/// What an algorithm decided for one request (in memory or as a Redis script's reply), before it becomes a lease.
/// </summary>
/// <param name="Acquired">Whether the permits were granted.</param>
/// <param name="Remaining">Permits left after the decision (never negative).</param>
/// <param name="RetryAfter">When rejected: how long until the same request would succeed; zero when unknowable (concurrency).</param>
/// <param name="ResetAfter">How long until the partition is fully available again.</param>
/// <param name="Window">The window the limit applies to (for GCRA, the time to refill the burst; for a quota, the current period).</param>
internal readonly record struct RateLimitDecision(bool Acquired, long Remaining, TimeSpan RetryAfter, TimeSpan ResetAfter, TimeSpan Window);
