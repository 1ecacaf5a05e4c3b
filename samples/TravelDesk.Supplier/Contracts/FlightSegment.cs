namespace TravelDesk.Supplier.Contracts;

/// <summary>One flight: airline code, flight number, airports and local times with their offsets.</summary>
public sealed record FlightSegment(string FlightNumber, string Airline, string From, string To, DateTimeOffset Departure, DateTimeOffset Arrival);
