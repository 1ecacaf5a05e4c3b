namespace TravelDesk.Supplier.Contracts;

/// <summary>A priced flight offer; <see cref="Inbound"/> is null for one-way searches.</summary>
public sealed record FlightOffer(
    string Id,
    string ValidatingAirline,
    Itinerary Outbound,
    Itinerary? Inbound,
    CabinClass Cabin,
    Money PricePerAdult,
    Money TotalPrice,
    int SeatsLeft);
