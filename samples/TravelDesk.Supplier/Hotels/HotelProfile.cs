namespace TravelDesk.Supplier.Hotels;

/// <summary>A hotel as it always is (name, stars, rating, amenities, base price), before a stay is priced.</summary>
internal sealed record HotelProfile(string Id, string Name, string City, int Stars, double Rating, IReadOnlyList<string> Amenities, double BaseNightlyUsd);
