namespace TravelDesk.Supplier.Contracts;

/// <summary>The answer to <c>GET /weather/{city}?date=2026-12-02</c> (date optional: today).</summary>
public sealed record WeatherReport(string City, DateOnly Date, string Conditions, double HighCelsius, double LowCelsius, int PrecipitationChancePercent);
