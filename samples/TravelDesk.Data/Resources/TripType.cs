namespace TravelDesk.Data;

/// <summary>A kind of trip (adventure, cultural, beach, ...); <paramref name="Slug"/> is its stable URL-friendly name.</summary>
public sealed record TripType(int Id, string Name, string Slug);
