namespace TravelDesk.Supplier.Contracts;

/// <summary>One direction of a trip: its segments in order; <see cref="Connections"/> is segments minus one.</summary>
public sealed record Itinerary(IReadOnlyList<FlightSegment> Segments, int DurationMinutes, int Connections);
