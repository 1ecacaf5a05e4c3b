using Microsoft.Extensions.Logging;

namespace Strata.RateLimiting.AspNetCore.Diagnostics;

/// <summary>Every log message of Strata.RateLimiting.AspNetCore, with its stable event id (6xxx).</summary>
internal static partial class RateLimitingHttpLog
{
    [LoggerMessage(6001, LogLevel.Information, "Upstream partition {Partition} answered {StatusCode} asking to hold off for {RequestedSeconds} s; holding it for {HoldSeconds} s (cap {CapSeconds} s).")]
    public static partial void UpstreamHold(ILogger logger, string partition, int statusCode, double requestedSeconds, double holdSeconds, double capSeconds);

    [LoggerMessage(6002, LogLevel.Debug, "Partition {Partition} is held by its upstream; waiting {WaitMs} ms before sending.")]
    public static partial void WaitingForHold(ILogger logger, string partition, long waitMs);

    [LoggerMessage(6003, LogLevel.Debug, "The limiter refused a permit for partition {Partition}; retrying in {WaitMs} ms.")]
    public static partial void WaitingForPermit(ILogger logger, string partition, long waitMs);

    [LoggerMessage(6004, LogLevel.Warning, "No permit for partition {Partition} within {MaxWaitMs} ms ({Reason}); the request was not sent.")]
    public static partial void PermitWaitExceeded(ILogger logger, string partition, long maxWaitMs, string reason);
}
