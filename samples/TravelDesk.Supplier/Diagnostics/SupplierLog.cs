using Microsoft.Extensions.Logging;

namespace TravelDesk.Supplier.Diagnostics;

/// <summary>
/// Every log message of the supplier and its event id, in one place. Quiet by design: one line at start, a warning
/// when someone changes the faults; simulated failures and rejections are Debug (they are the point, not news).
/// </summary>
internal static partial class SupplierLog
{
    /// <summary>The category of every supplier log.</summary>
    public const string Category = "TravelDesk.Supplier";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Travel supplier listening on {Addresses}: seed {Seed}, {SearchesPerMinute} searches/min, error rate {ErrorRate}, outage {Outage}, latency scale {LatencyScale}")]
    public static partial void Started(ILogger logger, string addresses, int seed, int searchesPerMinute, double errorRate, bool outage, double latencyScale);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Supplier faults changed through /control: error rate {ErrorRate}, outage {Outage}")]
    public static partial void ControlChanged(ILogger logger, double? errorRate, bool? outage);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Operation}: simulated failure ({Reason})")]
    public static partial void SimulatedFailure(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "{Operation}: search rejected by the limit of {Limit}/min, retry after {RetryAfterSeconds} s")]
    public static partial void SearchRejected(ILogger logger, string operation, int limit, int retryAfterSeconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Supplier statistics reset")]
    public static partial void StatsReset(ILogger logger);
}
