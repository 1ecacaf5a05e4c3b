using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.Metrics;

/// <summary>Log messages of the metrics collector and the dashboard history, with stable event ids (71xx).</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(7101, LogLevel.Warning, "An observable instrument's callback failed while collecting metrics; its series are left out of this collection.")]
    public static partial void ObservationFailed(ILogger logger, Exception error);

    [LoggerMessage(7102, LogLevel.Warning, "Instrument {Instrument} of meter {Meter} maps to the Prometheus name {Name}, already used by a {Existing} family; it is not collected.")]
    public static partial void NameConflict(ILogger logger, string instrument, string meter, string name, MetricType existing);

    [LoggerMessage(7103, LogLevel.Warning, "Sampling the metrics history failed; the point is skipped.")]
    public static partial void HistorySampleFailed(ILogger logger, Exception error);
}
