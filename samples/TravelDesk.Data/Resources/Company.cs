namespace TravelDesk.Data;

/// <summary>A tour company that publishes trip templates.</summary>
public sealed record Company(int Id, string Name, string Country, bool Verified);
