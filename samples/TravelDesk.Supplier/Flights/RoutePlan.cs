namespace TravelDesk.Supplier.Flights;

/// <summary>
/// A way to fly a route: the airports in order (origin, connections, destination), the carrier of each segment,
/// and the airline that sells the ticket.
/// </summary>
internal sealed record RoutePlan(string ValidatingAirline, IReadOnlyList<string> Stops, IReadOnlyList<string> Carriers)
{
    public int Connections => Stops.Count - 2;

    /// <summary>The same plan flown home: stops and carriers reversed, same seller.</summary>
    public RoutePlan Reversed() => new(ValidatingAirline, Stops.Reverse().ToArray(), Carriers.Reverse().ToArray());
}
