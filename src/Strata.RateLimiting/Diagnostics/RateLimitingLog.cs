using Microsoft.Extensions.Logging;

namespace Strata.RateLimiting.Diagnostics;

/// <summary>Every log message of Strata.RateLimiting, with its stable event id (5xxx). Partition keys are never logged (they are often user ids).</summary>
internal static partial class RateLimitingLog
{
    public const string Category = "Strata.RateLimiting";

    [LoggerMessage(5001, LogLevel.Warning, "Redis is unavailable for rate-limit policy {Policy}; deciding with {FailurePolicy} until it answers again.")]
    public static partial void StoreUnavailable(ILogger logger, string policy, RedisFailurePolicy failurePolicy, Exception? error);

    [LoggerMessage(5002, LogLevel.Information, "Redis answers again for rate-limit policy {Policy} after {DownMs} ms; {Decisions} decision(s) were made with {FailurePolicy}.")]
    public static partial void StoreRecovered(ILogger logger, string policy, long downMs, long decisions, RedisFailurePolicy failurePolicy);

    [LoggerMessage(5003, LogLevel.Debug, "Rate-limit policy {Policy} decided without Redis ({FailurePolicy}): {Result}.")]
    public static partial void DecidedWithoutStore(ILogger logger, string policy, RedisFailurePolicy failurePolicy, string result);

    [LoggerMessage(5004, LogLevel.Warning, "Renewing a concurrency lease of policy {Policy} failed; it lapses if renewal keeps failing.")]
    public static partial void LeaseRenewalFailed(ILogger logger, string policy, Exception error);

    [LoggerMessage(5005, LogLevel.Warning, "A concurrency lease of policy {Policy} had already expired on Redis when renewed (held longer than its time to live without renewal); its permits may be in use by others.")]
    public static partial void LeaseLapsed(ILogger logger, string policy);

    [LoggerMessage(5006, LogLevel.Warning, "Releasing a concurrency lease of policy {Policy} failed; Redis frees it when its time to live ends.")]
    public static partial void LeaseReleaseFailed(ILogger logger, string policy, Exception error);
}
