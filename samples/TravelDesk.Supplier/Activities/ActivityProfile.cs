namespace TravelDesk.Supplier.Activities;

/// <summary>An activity as it always is, before a date is priced.</summary>
internal sealed record ActivityProfile(string Id, string Name, string City, string Category, int DurationMinutes, double BasePriceUsd, double Rating);
