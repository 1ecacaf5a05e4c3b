using Microsoft.Extensions.Logging;

namespace Strata.Diagnostics;

/// <summary>Every log message of the Strata engine, with its stable event id (2xxx).</summary>
internal static partial class StrataLog
{
    [LoggerMessage(2001, LogLevel.Warning, "L2 tier {Tier} failed during {Operation}; serving from L1 and the factory.")]
    public static partial void DistributedFailed(ILogger logger, string tier, string operation, Exception error);

    [LoggerMessage(2002, LogLevel.Warning, "L2 circuit breaker for {Tier}: {Previous} -> {Next}.")]
    public static partial void BreakerTransition(ILogger logger, string tier, BreakerState previous, BreakerState next);

    [LoggerMessage(2003, LogLevel.Warning, "Factory for {Namespace}:{Key} failed; serving a stale value (fail-safe) until {RetryAfter:O}.")]
    public static partial void FailSafeActivated(ILogger logger, string @namespace, string key, DateTimeOffset retryAfter, Exception? error);

    [LoggerMessage(2004, LogLevel.Warning, "Background refresh of {Namespace}:{Key} failed; the cached value stays.")]
    public static partial void BackgroundRefreshFailed(ILogger logger, string @namespace, string key, Exception error);

    [LoggerMessage(2005, LogLevel.Warning, "Discarded an unreadable L2 value for {Key}: {Reason}.")]
    public static partial void CorruptEntry(ILogger logger, string key, string reason);

    [LoggerMessage(2006, LogLevel.Warning, "Value for {Namespace}:{Key} is {Bytes} bytes, above MaximumPayloadBytes {Limit}: returned but not cached.")]
    public static partial void OversizeValue(ILogger logger, string @namespace, string key, int bytes, int limit);

    [LoggerMessage(2007, LogLevel.Information, "L2 tier {Tier} is back: replayed {Keys} key repair(s) and {Stamps} invalidation(s).")]
    public static partial void RepairReplayed(ILogger logger, string tier, int keys, int stamps);

    [LoggerMessage(2008, LogLevel.Warning, "L2 tier {Tier} ({Reason}): flushed {Entries} L1 entries that could have missed other nodes' changes.")]
    public static partial void CoherenceFlushed(ILogger logger, string tier, string reason, int entries);

    [LoggerMessage(2009, LogLevel.Error, "Purging namespace {Namespace} from L2 failed; its invalidation stamp still hides the old entries.")]
    public static partial void PurgeFailed(ILogger logger, string @namespace, Exception error);

    [LoggerMessage(2010, LogLevel.Warning, "Factory for {Namespace}:{Key} timed out after {TimeoutMs} ms ({Kind}).")]
    public static partial void FactoryTimedOut(ILogger logger, string @namespace, string key, long timeoutMs, string kind);
}
