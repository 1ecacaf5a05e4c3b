using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Flights;

/// <summary>A validated flight search. <see cref="Return"/> is null for one-way trips; empty <see cref="Airlines"/> means any.</summary>
internal sealed record FlightQuery(
    Airport Origin,
    Airport Destination,
    DateOnly Departure,
    DateOnly? Return,
    int Adults,
    int Children,
    int Infants,
    CabinClass Cabin,
    int? MaxConnections,
    IReadOnlySet<string> Airlines)
{
    /// <summary>Passengers who need a seat; infants travel on a lap.</summary>
    public int SeatedPassengers => Adults + Children;
}
