namespace TravelDesk.Supplier.Contracts;

/// <summary>
/// The answer to <c>GET /flights/search?origin=LAX&amp;destination=JFK&amp;departure=2026-12-01&amp;return=2026-12-08
/// &amp;adults=1&amp;children=0&amp;infants=0&amp;cabin=economy&amp;maxConnections=1&amp;airlines=AA,DL</c>.
/// </summary>
public sealed record FlightSearchResponse(IReadOnlyList<FlightOffer> Offers, DateTimeOffset GeneratedAt);
