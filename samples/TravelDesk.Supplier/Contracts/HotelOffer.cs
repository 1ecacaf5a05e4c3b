namespace TravelDesk.Supplier.Contracts;

/// <summary>A hotel with its price for the searched stay.</summary>
public sealed record HotelOffer(
    string HotelId,
    string Name,
    string City,
    int Stars,
    double Rating,
    IReadOnlyList<string> Amenities,
    Money PricePerNight,
    Money TotalPrice,
    int RoomsLeft);
