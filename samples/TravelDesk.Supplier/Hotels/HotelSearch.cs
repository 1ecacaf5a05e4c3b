using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;
using static System.FormattableString;

namespace TravelDesk.Supplier.Hotels;

/// <summary>
/// Prices a stay at every hotel of the city: nightly = base (stars × city cost) × the average demand of the nights
/// (weekends, peak seasons) × how late the booking is × a small per-stay variation, in the city's currency;
/// total = nightly × nights × rooms. Hotels without enough rooms left, below <c>minStars</c> or missing a required
/// amenity are left out; the rest are sorted by total price.
/// </summary>
internal static class HotelSearch
{
    public static IReadOnlyList<HotelOffer> Search(HotelQuery query, int seed, TimeProvider time)
    {
        var today = TimeZones.Today(time, SupplierCatalog.GetAirportsOfCity(query.City.Code)[0].TimeZone);
        var demand = 0.0;
        for (var night = query.CheckIn; night < query.CheckOut; night = night.AddDays(1))
        {
            demand += DemandCalendar.Season(night) * DemandCalendar.WeekendNight(night);
        }

        demand = demand / query.Nights * DemandCalendar.Advance(today, query.CheckIn);
        var offers = new List<HotelOffer>();
        foreach (var hotel in HotelRoster.For(query.City, seed))
        {
            var stay = Invariant($"stay|{seed}|{hotel.Id}|{query.CheckIn:yyyy-MM-dd}|{query.CheckOut:yyyy-MM-dd}");
            var roomsLeft = 1 + (int)(StableHash.Unit("rooms|" + stay) * 8);
            if (roomsLeft < query.Rooms ||
                hotel.Stars < (query.MinStars ?? 0) ||
                !query.Amenities.All(a => hotel.Amenities.Contains(a, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            var nightly = Pricing.Local(hotel.BaseNightlyUsd * demand * (0.95 + (0.13 * StableHash.Unit(stay))), query.City.Currency);
            offers.Add(new HotelOffer(
                hotel.Id,
                hotel.Name,
                hotel.City,
                hotel.Stars,
                hotel.Rating,
                hotel.Amenities,
                nightly,
                nightly with { Amount = nightly.Amount * query.Nights * query.Rooms },
                roomsLeft));
        }

        offers.Sort(static (a, b) =>
        {
            var byPrice = a.TotalPrice.Amount.CompareTo(b.TotalPrice.Amount);
            return byPrice != 0 ? byPrice : string.CompareOrdinal(a.HotelId, b.HotelId);
        });
        return offers;
    }
}
