namespace TravelDesk.Supplier.Simulation;

/// <summary>
/// How demand moves prices with the calendar, shared by flights, hotels and activities so the same dates are dear
/// everywhere: weekends, the year-end holidays and the northern summer cost more, and so does booking late.
/// </summary>
internal static class DemandCalendar
{
    /// <summary>Peak seasons: the year-end holidays (+25 %) and July-August (+15 %).</summary>
    public static double Season(DateOnly date) => date switch
    {
        { Month: 12, Day: >= 15 } or { Month: 1, Day: <= 5 } => 1.25,
        { Month: 7 or 8 } => 1.15,
        _ => 1.0,
    };

    /// <summary>Flights: Friday and Sunday departures are the business and weekend peaks (+12 %), Saturday is cheap (-5 %).</summary>
    public static double FlightDay(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Friday or DayOfWeek.Sunday => 1.12,
        DayOfWeek.Saturday => 0.95,
        _ => 1.0,
    };

    /// <summary>Hotels and activities: Friday and Saturday nights (+15 %).</summary>
    public static double WeekendNight(DateOnly date) =>
        date.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday ? 1.15 : 1.0;

    /// <summary>
    /// Booking late costs more: +35 % within a week, +15 % within three weeks, -5 % two months out and -8 % beyond four.
    /// Relative to today on the supplier's clock, so a cached answer does go stale from one day to the next.
    /// </summary>
    public static double Advance(DateOnly today, DateOnly date)
    {
        var days = date.DayNumber - today.DayNumber;
        return days switch
        {
            < 7 => 1.35,
            < 21 => 1.15,
            < 60 => 1.0,
            < 120 => 0.95,
            _ => 0.92,
        };
    }
}
