using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.Warmup;

/// <summary>Every log message of warm-up, with its stable event id (6230–6259).</summary>
internal static partial class WarmupLog
{
    [LoggerMessage(6230, LogLevel.Debug, "Warmer {Warmer} started ({Trigger}).")]
    public static partial void Started(ILogger logger, string warmer, StrataWarmupTrigger trigger);

    [LoggerMessage(6231, LogLevel.Information, "Warmer {Warmer} succeeded ({Trigger}): {Items} item(s) in {DurationMs} ms.")]
    public static partial void Succeeded(ILogger logger, string warmer, StrataWarmupTrigger trigger, long items, long durationMs);

    [LoggerMessage(6232, LogLevel.Error, "Warmer {Warmer} failed ({Trigger}) after {Items} item(s); the cache serves as usual, colder.")]
    public static partial void Failed(ILogger logger, string warmer, StrataWarmupTrigger trigger, long items, Exception? error);

    [LoggerMessage(6233, LogLevel.Warning, "Warmer {Warmer} timed out ({Trigger}) after {TimeoutMs} ms with {Items} item(s); its token was cancelled.")]
    public static partial void TimedOut(ILogger logger, string warmer, StrataWarmupTrigger trigger, long timeoutMs, long items);

    [LoggerMessage(6234, LogLevel.Warning, "Warmer {Warmer} ignores cancellation and is still running after its run ended; its scope is disposed when it returns.")]
    public static partial void StillRunning(ILogger logger, string warmer);

    [LoggerMessage(6235, LogLevel.Information, "Start-up warm-up finished: {Succeeded} of {Total} warmer(s) succeeded.")]
    public static partial void StartupFinished(ILogger logger, int succeeded, int total);

    [LoggerMessage(6236, LogLevel.Error, "A {Trigger} warm-up run failed unexpectedly.")]
    public static partial void RunFailed(ILogger logger, StrataWarmupTrigger trigger, Exception error);
}
