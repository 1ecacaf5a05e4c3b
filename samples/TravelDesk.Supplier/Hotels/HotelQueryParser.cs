using TravelDesk.Supplier.Http;

namespace TravelDesk.Supplier.Hotels;

/// <summary>
/// Reads <c>GET /hotels/search</c>: a city, check-in not in the past, check-out 1–30 nights later, 1–9 rooms,
/// guests from one per room to four per room (default 1 per room), minStars 1–5 (optional), amenities (optional comma
/// list of known amenities, all required).
/// </summary>
internal static class HotelQueryParser
{
    private const int MaxNights = 30;
    private const int MaxGuestsPerRoom = 4;

    public static HotelQuery? Parse(QueryReader reader)
    {
        var city = reader.City("city");
        var zone = city is null ? null : SupplierCatalog.GetAirportsOfCity(city.Code)[0].TimeZone;
        var checkIn = reader.FutureDate("checkIn", zone, required: true);
        var checkOut = reader.Date("checkOut", required: true);
        if (checkIn is { } arrive && checkOut is { } leave)
        {
            var nights = leave.DayNumber - arrive.DayNumber;
            if (nights < 1 || nights > MaxNights)
            {
                reader.Add("checkOut", $"'checkOut' must be 1 to {MaxNights} nights after 'checkIn', was {nights}.");
            }
        }

        var rooms = reader.Int("rooms", 1, 9, 1);
        var guests = reader.Int("guests", 1, 9 * MaxGuestsPerRoom, rooms ?? 1);
        if (guests is { } people && rooms is { } count && (people < count || people > count * MaxGuestsPerRoom))
        {
            reader.Add("guests", $"'guests' must be from 1 to {MaxGuestsPerRoom} per room ({count} to {count * MaxGuestsPerRoom}), was {people}.");
        }

        var minStars = reader.Int("minStars", 1, 5, null);
        var amenities = new List<string>();
        foreach (var amenity in reader.List("amenities"))
        {
            if (HotelAmenities.IsKnown(amenity))
            {
                amenities.Add(amenity.ToLowerInvariant());
            }
            else
            {
                reader.Add("amenities", $"'amenities': unknown amenity '{amenity}' (known: {string.Join(", ", HotelAmenities.All)}).");
            }
        }

        return reader.HasErrors
            ? null
            : new HotelQuery(city!, checkIn!.Value, checkOut!.Value, guests!.Value, rooms!.Value, minStars, amenities);
    }
}
