using Microsoft.Extensions.Logging;

namespace TravelDesk.Data.Diagnostics;

/// <summary>Every log message of the data layer, with its stable event id, in one place.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Created the {Provider} schema (version {Version}) and seeded {Templates} trip templates in {ElapsedMilliseconds} ms.")]
    public static partial void DatabaseSeeded(ILogger logger, DatabaseProvider provider, int version, int templates, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Reusing the existing {Provider} database (schema version {Version}, seeded with {Templates} trip templates).")]
    public static partial void DatabaseReused(ILogger logger, DatabaseProvider provider, int version, int templates);
}
