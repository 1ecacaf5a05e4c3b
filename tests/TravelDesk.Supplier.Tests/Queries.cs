namespace TravelDesk.Supplier.Tests;

/// <summary>Search URLs with dates safely in the future of both the manual clock (2026-01-01) and the real one.</summary>
internal static class Queries
{
    public static string Future(int daysAhead, TimeProvider time) =>
        DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(daysAhead).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Flights(TimeProvider time, string extra = "", string origin = "LAX", string destination = "JFK") =>
        $"/flights/search?origin={origin}&destination={destination}&departure={Future(40, time)}&return={Future(47, time)}{extra}";

    public static string Hotels(TimeProvider time, string extra = "", string city = "PAR") =>
        $"/hotels/search?city={city}&checkIn={Future(40, time)}&checkOut={Future(43, time)}{extra}";

    public static string Activities(TimeProvider time, string extra = "", string city = "TYO") =>
        $"/activities/search?city={city}&date={Future(40, time)}{extra}";
}
