using TravelDesk.Supplier;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>The bounds every searched travel date shares: not in the past, at most a year ahead.</summary>
internal static class SearchDates
{
    public const int MaxDaysAhead = 365;

    public static void CheckTravelDate(FieldErrors errors, string field, DateOnly? date, DateOnly today)
    {
        if (date is not { } value)
        {
            return;
        }

        if (value < today)
        {
            errors.Add(field, $"'{field}' ({value:yyyy-MM-dd}) is in the past (today is {today:yyyy-MM-dd}).");
        }
        else if (value > today.AddDays(MaxDaysAhead))
        {
            errors.Add(field, $"'{field}' ({value:yyyy-MM-dd}) is more than {MaxDaysAhead} days ahead.");
        }
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Today where the trip starts: an airport's or a city's local date, as the supplier judges "past" dates (at 01:00
    /// UTC it is already tomorrow in Tokyo and still yesterday in Los Angeles). UTC for an unknown code.
    /// </summary>
    public static DateOnly TodayAt(TimeProvider time, string? airportOrCity)
    {
        var airport = SupplierCatalog.TryGetAirport(airportOrCity, out var found) ? found : SupplierCatalog.GetAirportsOfCity(airportOrCity).FirstOrDefault();
        if (airport is null || !TimeZoneInfo.TryFindSystemTimeZoneById(airport.TimeZone, out var zone))
        {
            return Today(time);
        }

        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}
