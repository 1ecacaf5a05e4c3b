using Microsoft.Extensions.Logging;

namespace Strata.Resp.Diagnostics;

/// <summary>Every log message of Strata.Resp, with its stable event id (1xxx).</summary>
internal static partial class RespLog
{
    [LoggerMessage(1001, LogLevel.Information, "Connected to {EndPoint} using RESP{Protocol} (server {ServerVersion}, client id {ClientId}).")]
    public static partial void Connected(ILogger logger, string endPoint, int protocol, string? serverVersion, long clientId);

    [LoggerMessage(1002, LogLevel.Warning, "Connection to {EndPoint} lost with {FailedCommands} command(s) in flight.")]
    public static partial void Disconnected(ILogger logger, string endPoint, int failedCommands, Exception reason);

    [LoggerMessage(1003, LogLevel.Information, "Reconnected to {EndPoint} after {Attempts} attempt(s) in {ElapsedMs} ms.")]
    public static partial void Reconnected(ILogger logger, string endPoint, int attempts, long elapsedMs);

    [LoggerMessage(1004, LogLevel.Warning, "Reconnect attempt {Attempt} to {EndPoint} failed; next attempt in {DelayMs} ms.")]
    public static partial void ReconnectFailed(ILogger logger, int attempt, string endPoint, long delayMs, Exception error);

    [LoggerMessage(1005, LogLevel.Debug, "The server refused HELLO ({Error}); falling back to RESP2 on {EndPoint}.")]
    public static partial void HelloRefused(ILogger logger, string error, string endPoint);

    [LoggerMessage(1006, LogLevel.Debug, "The server lacks an optional command ({Command}): {Error}.")]
    public static partial void OptionalCommandFailed(ILogger logger, string command, string error);

    [LoggerMessage(1007, LogLevel.Warning, "Restoring {What} after reconnecting to {EndPoint} failed.")]
    public static partial void RestoreFailed(ILogger logger, string what, string endPoint, Exception error);

    [LoggerMessage(1009, LogLevel.Warning, "{Count} command(s) timed out on {EndPoint} (oldest {Command} after {ElapsedMs} ms): {State}.")]
    public static partial void TimedOut(ILogger logger, int count, string endPoint, string command, long elapsedMs, string state);

    [LoggerMessage(1008, LogLevel.Error, "A pub/sub handler for {Channel} threw; the subscription continues.")]
    public static partial void HandlerFailed(ILogger logger, string channel, Exception error);

    [LoggerMessage(1010, LogLevel.Information, "Cluster slot map loaded from {EndPoint}: {Primaries} primaries, {Covered} of 16384 slots covered.")]
    public static partial void TopologyLoaded(ILogger logger, string endPoint, int primaries, int covered);

    [LoggerMessage(1011, LogLevel.Warning, "Reloading the cluster slot map failed on every reachable node.")]
    public static partial void TopologyRefreshFailed(ILogger logger, Exception? error);

    [LoggerMessage(1012, LogLevel.Warning, "Seed {EndPoint} could not be reached; trying the next seed, {Next}.")]
    public static partial void SeedUnreachable(ILogger logger, string endPoint, string next, Exception error);
}
