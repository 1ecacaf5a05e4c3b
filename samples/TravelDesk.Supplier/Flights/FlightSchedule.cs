using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Flights;

/// <summary>
/// A generated trip before it is priced for a cabin and a party: its flights and its economy fare per adult in US
/// dollars. <see cref="Key"/> names the flights and times, so offer ids follow the flights, not the position in a list.
/// </summary>
internal sealed record FlightSchedule(string Key, string ValidatingAirline, Itinerary Outbound, Itinerary? Inbound, double EconomyFare);
