using System.Diagnostics;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Supplier.Flights;

namespace TravelDesk.Supplier.Tests;

public sealed class RouteCoverageTests
{
    [Fact]
    public void EveryCityPair_FiveToTwentyFiveOffers_AtMostTwoConnections_NoRepeatedCity()
    {
        var clock = new ManualTimeProvider();
        var pairs = 0;
        foreach (var origin in SupplierCatalog.Airports)
        {
            foreach (var destination in SupplierCatalog.Airports.Where(d => d.CityCode != origin.CityCode))
            {
                var query = new FlightQuery(origin, destination, new DateOnly(2026, 4, 14), null, 1, 0, 0, CabinClass.Economy, null, new HashSet<string>());

                var offers = FlightSearch.Search(query, 42, clock);

                offers.Count.ShouldBeInRange(5, 25, $"{origin.Code}-{destination.Code}");
                foreach (var offer in offers)
                {
                    var stops = offer.Outbound.Segments.Select(s => s.From).Append(destination.Code).ToList();
                    offer.Outbound.Connections.ShouldBeInRange(0, 2);
                    stops.Select(Airport).Select(a => a.CityCode).ShouldBeUnique($"{origin.Code}-{destination.Code}");
                    offer.PricePerAdult.Amount.ShouldBeGreaterThan(30m);
                }

                pairs++;
            }
        }

        pairs.ShouldBe((40 * 39) - 2);
    }

    [Fact]
    public void Fares_GrowWithDistance()
    {
        FlightSearch.BaseFare(500).ShouldBeLessThan(FlightSearch.BaseFare(4_000));
        FlightSearch.BaseFare(4_000).ShouldBeLessThan(FlightSearch.BaseFare(15_000));
        FlightSearch.FlightMinutes(800).ShouldBe(90);
        FlightSearch.FlightMinutes(4_000).ShouldBe(330);
    }

    private static Airport Airport(string code) => SupplierCatalog.TryGetAirport(code, out var airport) ? airport : throw new UnreachableException(code);
}
