using Microsoft.Extensions.Logging;

namespace Strata.Redis.Diagnostics;

/// <summary>Every log message of Strata.Redis, with its stable event id (4xxx).</summary>
internal static partial class RedisTierLog
{
    [LoggerMessage(4001, LogLevel.Information, "Redis tier coherence: {Mode}.")]
    public static partial void CoherenceActive(ILogger logger, RedisCoherence mode);

    [LoggerMessage(4002, LogLevel.Warning, "Redis client tracking is not available ({Reason}); other nodes' changes are heard through pub/sub channel {Channel} instead.")]
    public static partial void TrackingUnavailable(ILogger logger, string reason, string channel);

    [LoggerMessage(4003, LogLevel.Warning, "Redis tier could not start hearing other nodes' changes; retrying in {DelayMs} ms. Reads wait for it.")]
    public static partial void CoherenceRetry(ILogger logger, long delayMs, Exception error);

    [LoggerMessage(4004, LogLevel.Warning, "Ignored a malformed change message on {Channel}: {Reason}.")]
    public static partial void MalformedChange(ILogger logger, string channel, string reason);

    [LoggerMessage(4005, LogLevel.Error, "An observer of Redis tier changes threw; the others were still told.")]
    public static partial void ObserverFailed(ILogger logger, Exception error);

    [LoggerMessage(4006, LogLevel.Debug, "Purged {Count} key(s) under {Prefix} in {Steps} UNLINK batch(es).")]
    public static partial void Purged(ILogger logger, long count, string prefix, int steps);

    [LoggerMessage(4007, LogLevel.Error, "Redis client tracking cannot be used: {Reason}. Reads through the tier fail until it is fixed (Coherence = Tracking was asked for).")]
    public static partial void TrackingRequiredButUnavailable(ILogger logger, string reason);
}
