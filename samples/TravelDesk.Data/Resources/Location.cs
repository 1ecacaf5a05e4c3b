namespace TravelDesk.Data;

/// <summary>A destination trips go to.</summary>
public sealed record Location(int Id, string Name, string Country, string Region, double Latitude, double Longitude);
