namespace TravelDesk.Supplier.Contracts;

/// <summary>
/// The answer to <c>GET /hotels/search?city=PAR&amp;checkIn=2026-12-01&amp;checkOut=2026-12-04&amp;guests=2&amp;rooms=1
/// &amp;minStars=3&amp;amenities=pool,wifi</c>.
/// </summary>
public sealed record HotelSearchResponse(IReadOnlyList<HotelOffer> Hotels, DateTimeOffset GeneratedAt);
