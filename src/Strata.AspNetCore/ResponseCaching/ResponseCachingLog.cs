using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.ResponseCaching;

/// <summary>Every log message of response caching, with its stable event id (6100–6199). Keys may hold user ids,
/// so they are logged at Debug only.</summary>
internal static partial class ResponseCachingLog
{
    public const string Category = "Strata.AspNetCore.ResponseCaching";

    /// <summary>The event id of <see cref="RevalidationFinished"/> (tests wait for it).</summary>
    public const int RevalidationFinishedId = 6107;

    [LoggerMessage(6100, LogLevel.Debug, "Response for {Key} stored (status {StatusCode}, {BodyBytes} bytes).")]
    public static partial void Stored(ILogger logger, string key, int statusCode, int bodyBytes);

    [LoggerMessage(6101, LogLevel.Debug, "Response for {Key} not stored: {Reason}.")]
    public static partial void NotStored(ILogger logger, string key, string reason);

    [LoggerMessage(6102, LogLevel.Debug, "Request to {Endpoint} bypassed the response cache: {Reason}.")]
    public static partial void Bypassed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(6103, LogLevel.Debug, "Serving the stale response for {Key} (age {AgeSeconds} s) while it is revalidated.")]
    public static partial void ServingStaleWhileRevalidating(ILogger logger, string key, long ageSeconds);

    [LoggerMessage(6104, LogLevel.Warning, "The endpoint {Endpoint} failed ({Failure}); serving a stale response (stale-if-error, age {AgeSeconds} s).")]
    public static partial void ServingStaleOnError(ILogger logger, string endpoint, string failure, long ageSeconds);

    [LoggerMessage(6105, LogLevel.Debug, "Background revalidation of {Key} started.")]
    public static partial void RevalidationStarted(ILogger logger, string key);

    [LoggerMessage(6106, LogLevel.Warning, "Background revalidation of {Key} failed; the stale response stays.")]
    public static partial void RevalidationFailed(ILogger logger, string key, Exception? error);

    [LoggerMessage(RevalidationFinishedId, LogLevel.Debug, "Background revalidation of {Key} finished: {Outcome}.")]
    public static partial void RevalidationFinished(ILogger logger, string key, string outcome);

    [LoggerMessage(6108, LogLevel.Warning, "Storing the response for {Key} failed; it was served but not cached.")]
    public static partial void StoreFailed(ILogger logger, string key, Exception error);

    [LoggerMessage(6109, LogLevel.Debug, "Response for {Key} is older than its policy allows (age {AgeSeconds} s); running the endpoint.")]
    public static partial void TooOld(ILogger logger, string key, long ageSeconds);
}
