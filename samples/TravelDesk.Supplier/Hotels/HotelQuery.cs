using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Hotels;

/// <summary>A validated hotel search: a stay of at least one night; empty <see cref="Amenities"/> means no requirement.</summary>
internal sealed record HotelQuery(City City, DateOnly CheckIn, DateOnly CheckOut, int Guests, int Rooms, int? MinStars, IReadOnlyList<string> Amenities)
{
    public int Nights => CheckOut.DayNumber - CheckIn.DayNumber;
}
