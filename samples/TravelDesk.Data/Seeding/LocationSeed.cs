namespace TravelDesk.Data.Seeding;

internal sealed record LocationSeed(string Name, string Country, string Region, double Latitude, double Longitude);
