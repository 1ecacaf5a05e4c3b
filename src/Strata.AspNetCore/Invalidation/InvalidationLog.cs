using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.Invalidation;

/// <summary>Every log message of HTTP invalidation, with its stable event id (6200–6229; warm-up uses 6230–6259,
/// health 6260–6299).</summary>
internal static partial class InvalidationLog
{
    [LoggerMessage(6200, LogLevel.Debug, "Invalidated {Kind} '{Target}' after {Method} {Path} answered {StatusCode} (declared by {Source} {Origin}).")]
    public static partial void Invalidated(ILogger logger, InvalidationKind kind, string target, string method, string path, int statusCode, InvalidationSource source, string origin);

    [LoggerMessage(6201, LogLevel.Error, "Invalidating {Kind} '{Target}' after {Method} {Path} failed (declared by {Source} {Origin}); other nodes may serve the old entries until they expire.")]
    public static partial void InvalidationFailed(ILogger logger, InvalidationKind kind, string target, string method, string path, InvalidationSource source, string origin, Exception error);

    [LoggerMessage(6202, LogLevel.Warning, "{Method} {Path}: the template '{Template}' has no value for one of its placeholders; it invalidates nothing for this request.")]
    public static partial void TemplateWithoutValue(ILogger logger, string method, string path, string template);

    [LoggerMessage(6203, LogLevel.Debug, "{Method} {Path} answered {StatusCode}: nothing invalidated (only 2xx responses invalidate).")]
    public static partial void SkippedStatus(ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(6204, LogLevel.Debug, "{Method} {Path} failed with an exception before its response started: nothing invalidated.")]
    public static partial void SkippedException(ILogger logger, string method, string path);
}
