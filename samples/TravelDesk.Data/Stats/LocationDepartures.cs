namespace TravelDesk.Data;

/// <summary>A location and how many departures (not cancelled) it has from today on.</summary>
public sealed record LocationDepartures(int LocationId, string Name, string Country, int UpcomingDepartures);
