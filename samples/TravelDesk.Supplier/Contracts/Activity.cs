namespace TravelDesk.Supplier.Contracts;

/// <summary>A bookable activity in a city on a date.</summary>
public sealed record Activity(string Id, string Name, string City, string Category, int DurationMinutes, Money Price, double Rating);
