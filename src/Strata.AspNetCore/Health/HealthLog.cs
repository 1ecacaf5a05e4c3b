using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.Health;

/// <summary>Every log message of the health checks, with its stable event id (6260–6299).</summary>
internal static partial class HealthLog
{
    [LoggerMessage(6260, LogLevel.Debug, "Readiness: the L2 tier {Tier} did not answer a ping: {Reason}")]
    public static partial void L2Unreachable(ILogger logger, string tier, string reason);
}
