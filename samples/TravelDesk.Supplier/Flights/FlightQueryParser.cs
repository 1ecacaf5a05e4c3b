using System.Globalization;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Http;

namespace TravelDesk.Supplier.Flights;

/// <summary>
/// Reads <c>GET /flights/search</c>: origin and destination airports in different cities, departure not in the past
/// at the origin, return (optional) not before departure, 1–9 adults, 0–8 children, at most 9 seated, infants at most
/// one per adult, cabin (default economy), maxConnections (optional, 0 or more), airlines (optional comma list).
/// </summary>
internal static class FlightQueryParser
{
    private const int MaxSeated = 9;

    public static FlightQuery? Parse(QueryReader reader)
    {
        var origin = reader.Airport("origin");
        var destination = reader.Airport("destination");
        if (origin is not null && destination is not null && origin.CityCode == destination.CityCode)
        {
            reader.Add("destination", $"'destination' must be in another city than 'origin' (both are in {origin.CityName}).");
        }

        var departure = reader.FutureDate("departure", origin?.TimeZone, required: true);
        var back = reader.FutureDate("return", destination?.TimeZone, required: false);
        if (departure is { } leaving && back is { } returning && returning < leaving)
        {
            reader.Add("return", $"'return' ({returning:yyyy-MM-dd}) must not be before 'departure' ({leaving:yyyy-MM-dd}).");
        }

        var adults = reader.Int("adults", 1, MaxSeated, 1);
        var children = reader.Int("children", 0, MaxSeated - 1, 0);
        var infants = reader.Int("infants", 0, MaxSeated, 0);
        if (adults + children > MaxSeated)
        {
            reader.Add("children", $"'adults' + 'children' must be at most {MaxSeated} seated passengers, was {adults + children}.");
        }

        if (infants > adults)
        {
            reader.Add("infants", $"'infants' must not exceed 'adults' (one lap each), was {infants} for {adults}.");
        }

        var cabin = Cabin(reader);
        var maxConnections = reader.Int("maxConnections", 0, 9, null);
        var airlines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in reader.List("airlines"))
        {
            if (SupplierCatalog.TryGetAirline(code, out var airline))
            {
                airlines.Add(airline.Code);
            }
            else
            {
                reader.Add("airlines", $"'airlines': unknown airline code '{code}'.");
            }
        }

        return reader.HasErrors
            ? null
            : new FlightQuery(origin!, destination!, departure!.Value, back, adults!.Value, children!.Value, infants!.Value, cabin!.Value, maxConnections, airlines);
    }

    private static CabinClass? Cabin(QueryReader reader)
    {
        var text = reader.Text("cabin");
        if (text is null)
        {
            return CabinClass.Economy;
        }

        // Enum.TryParse also accepts numbers ("7"), which are not cabins.
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) &&
            Enum.TryParse<CabinClass>(text, ignoreCase: true, out var cabin) && Enum.IsDefined(cabin))
        {
            return cabin;
        }

        reader.Add("cabin", $"'cabin' must be economy, premiumEconomy, business or first, was '{text}'.");
        return null;
    }
}
