namespace TravelDesk.Data.Dialects;

/// <summary>The one precision timestamps are stored with on every engine: whole seconds, UTC.</summary>
internal static class Timestamps
{
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - (utc.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
