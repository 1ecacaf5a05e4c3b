using Microsoft.AspNetCore.Mvc;
using TravelDesk.Supplier;
using TravelDesk.Validation;

namespace TravelDesk.Search;

/// <summary>The query string of <c>GET /api/hotels/search</c>, as text; see <see cref="FlightSearchRequest"/>.</summary>
internal sealed class HotelSearchRequest : ISearchRequest<HotelSearchQuery>
{
    public const int MaxNights = 30;

    public const int MaxGuestsPerRoom = 4;

    /// <summary>IATA city code, e.g. PAR or NYC.</summary>
    [FromQuery(Name = "city")] public string? City { get; init; }

    /// <summary>yyyy-MM-dd, today or later.</summary>
    [FromQuery(Name = "checkIn")] public string? CheckIn { get; init; }

    /// <summary>yyyy-MM-dd, 1–30 nights after check-in.</summary>
    [FromQuery(Name = "checkOut")] public string? CheckOut { get; init; }

    /// <summary>1–9, default 2.</summary>
    [FromQuery(Name = "guests")] public string? Guests { get; init; }

    /// <summary>1–5 and at most one per guest, default 1.</summary>
    [FromQuery(Name = "rooms")] public string? Rooms { get; init; }

    /// <summary>1–5; absent for any.</summary>
    [FromQuery(Name = "minStars")] public string? MinStars { get; init; }

    /// <summary>Comma-separated amenities every hotel must have, e.g. pool,wifi.</summary>
    [FromQuery(Name = "amenities")] public string? Amenities { get; init; }

    /// <summary>true: ask the supplier now and refresh the cached entry.</summary>
    [FromQuery(Name = "skipCache")] public string? SkipCache { get; init; }

    public HotelSearchQuery? Validate(TimeProvider time, FieldErrors errors)
    {
        var city = SearchCodes.City(errors, "city", City);
        var today = SearchDates.TodayAt(time, city);
        var checkIn = errors.Date("checkIn", CheckIn, required: true);
        var checkOut = errors.Date("checkOut", CheckOut, required: true);
        SearchDates.CheckTravelDate(errors, "checkIn", checkIn, today);
        if (checkIn is { } arrive && checkOut is { } leave)
        {
            var nights = leave.DayNumber - arrive.DayNumber;
            if (nights < 1)
            {
                errors.Add("checkOut", $"'checkOut' ({leave:yyyy-MM-dd}) must be after 'checkIn' ({arrive:yyyy-MM-dd}).");
            }
            else if (nights > MaxNights)
            {
                errors.Add("checkOut", $"A stay is at most {MaxNights} nights, was {nights}.");
            }
        }

        var guests = errors.Integer("guests", Guests, 2, 1, 9);
        var rooms = errors.Integer("rooms", Rooms, 1, 1, 5);
        if (guests is { } people && rooms is { } count && count > people)
        {
            errors.Add("rooms", $"'rooms' ({count}) must not exceed 'guests' ({people}).");
        }
        else if (guests is { } party && rooms is { } booked && party > booked * MaxGuestsPerRoom)
        {
            errors.Add("guests", $"At most {MaxGuestsPerRoom} guests per room: {party} guests need at least {(party + MaxGuestsPerRoom - 1) / MaxGuestsPerRoom} rooms.");
        }

        var minStars = errors.Integer("minStars", MinStars, null, 1, 5);
        var amenities = FieldErrors.CodeList(Amenities).Select(static a => a.ToLowerInvariant()).ToArray();
        foreach (var amenity in amenities)
        {
            if (amenity.Length > 32 || !amenity.All(static c => char.IsAsciiLetterLower(c) || c == '-'))
            {
                errors.Add("amenities", $"'{amenity}' is not an amenity name (lower-case letters and '-').");
            }
        }

        return errors.Any ? null : new HotelSearchQuery(city!, checkIn!.Value, checkOut!.Value, guests!.Value, rooms!.Value, minStars, amenities);
    }
}
