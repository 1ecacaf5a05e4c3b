namespace TravelDesk.Data.Seeding;

internal sealed record CompanySeed(string Name, string Country, bool Verified);
