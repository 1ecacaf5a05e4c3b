using System.Collections.Concurrent;

namespace TravelDesk.Supplier.Simulation;

/// <summary>
/// Local times at airports and cities from their IANA zone ids, so segment times carry the right offsets (DST
/// included). A zone the machine does not know (no tzdata) falls back to UTC rather than failing every search.
/// </summary>
internal static class TimeZones
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    public static TimeZoneInfo Find(string id) =>
        Cache.GetOrAdd(id, static key => TimeZoneInfo.TryFindSystemTimeZoneById(key, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>Today's date in the zone: "past dates" are judged where the trip starts, not in UTC.</summary>
    public static DateOnly Today(TimeProvider time, string zoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Find(zoneId)).DateTime);

    /// <summary>
    /// The instant a wall-clock time occurs in the zone. A time skipped by a spring-forward gap moves an hour later,
    /// as a timetable would; an ambiguous time takes the first occurrence (standard offset is the later one).
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time, string zoneId)
    {
        var zone = Find(zoneId);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant, string zoneId) => TimeZoneInfo.ConvertTime(instant, Find(zoneId));
}
