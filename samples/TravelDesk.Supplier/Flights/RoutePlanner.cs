using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Simulation;

namespace TravelDesk.Supplier.Flights;

/// <summary>
/// Lists the plausible ways to fly between two airports from the airlines' hubs: non-stop by an airline based at
/// either end, one stop through an airline's hub, two stops through a hub of the airline and then one of the same
/// airline or an alliance partner. Detours are bounded so nobody flies LAX-SFO through Dubai. The order is fixed
/// (airlines by code, hubs as listed), which the seeded choice of offers relies on.
/// </summary>
internal static class RoutePlanner
{
    /// <summary>About the longest non-stop flown today (Singapore-New York is 15,350 km).</summary>
    private const double MaxSegmentKm = 15_600;

    public static IReadOnlyList<RoutePlan> Plan(Airport origin, Airport destination)
    {
        var direct = GreatCircle.Kilometres(origin, destination);
        var plans = new List<RoutePlan>();
        foreach (var airline in SupplierCatalog.Airlines)
        {
            var hubs = SupplierCatalog.GetHubs(airline.Code);
            if (direct <= MaxSegmentKm && (hubs.Contains(origin.Code) || hubs.Contains(destination.Code)))
            {
                plans.Add(new RoutePlan(airline.Code, [origin.Code, destination.Code], [airline.Code]));
            }

            foreach (var hub in hubs.Select(Airport))
            {
                if (!IsConnection(hub, origin, destination))
                {
                    continue;
                }

                var viaHub = GreatCircle.Kilometres(origin, hub) + GreatCircle.Kilometres(hub, destination);
                if (Fits(origin, hub) && Fits(hub, destination) && Acceptable(direct, viaHub, 1.35, 1_200))
                {
                    plans.Add(new RoutePlan(airline.Code, [origin.Code, hub.Code, destination.Code], [airline.Code, airline.Code]));
                }

                foreach (var partner in Partners(airline))
                {
                    foreach (var second in SupplierCatalog.GetHubs(partner.Code).Select(Airport))
                    {
                        if (second.Code == hub.Code || second.CityCode == hub.CityCode || !IsConnection(second, origin, destination))
                        {
                            continue;
                        }

                        var viaTwo = GreatCircle.Kilometres(origin, hub) + GreatCircle.Kilometres(hub, second) + GreatCircle.Kilometres(second, destination);
                        if (Fits(origin, hub) && Fits(hub, second) && Fits(second, destination) && Acceptable(direct, viaTwo, 1.6, 2_500))
                        {
                            plans.Add(new RoutePlan(
                                airline.Code,
                                [origin.Code, hub.Code, second.Code, destination.Code],
                                [airline.Code, airline.Code, partner.Code]));
                        }
                    }
                }
            }
        }

        return plans;
    }

    private static Airport Airport(string code) => SupplierCatalog.TryGetAirport(code, out var airport)
        ? airport
        : throw new InvalidOperationException($"Hub {code} is not an airport of the catalogue.");

    private static bool IsConnection(Airport hub, Airport origin, Airport destination) =>
        hub.CityCode != origin.CityCode && hub.CityCode != destination.CityCode;

    private static bool Fits(Airport from, Airport to) => GreatCircle.Kilometres(from, to) <= MaxSegmentKm;

    // Either a modest ratio (long routes) or a modest absolute detour (short routes, where any hub is a big ratio).
    private static bool Acceptable(double direct, double flown, double maxRatio, double maxExtraKm) =>
        flown <= direct * maxRatio || flown - direct <= maxExtraKm;

    private static IEnumerable<Airline> Partners(Airline airline) => SupplierCatalog.Airlines.Where(other =>
        other.Code == airline.Code || (airline.Alliance is not null && other.Alliance == airline.Alliance));
}
