namespace TravelDesk.Supplier.Contracts;

/// <summary>A city of the catalogue (<c>GET /cities</c>): hotels, activities and weather are per city code.</summary>
public sealed record City(string Code, string Name, string Country, string Currency, double Latitude, double Longitude);
