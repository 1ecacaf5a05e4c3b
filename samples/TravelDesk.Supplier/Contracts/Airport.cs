namespace TravelDesk.Supplier.Contracts;

/// <summary>An airport of the catalogue (<c>GET /airports/{code}</c>, <c>GET /airports</c>).</summary>
public sealed record Airport(string Code, string Name, string CityCode, string CityName, string Country, string TimeZone, double Latitude, double Longitude);
