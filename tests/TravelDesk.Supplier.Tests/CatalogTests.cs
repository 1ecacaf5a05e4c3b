namespace TravelDesk.Supplier.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void Airports_HoldTheFortyListedAirports_OrderedByCode()
    {
        string[] expected =
        [
            "LAX", "JFK", "SFO", "ORD", "ATL", "DFW", "SEA", "BOS", "MIA", "DEN", "LHR", "CDG", "FRA", "AMS", "MAD", "BCN", "FCO", "MUC", "ZRH", "DXB",
            "SIN", "HND", "NRT", "ICN", "HKG", "SYD", "MEL", "YYZ", "YVR", "MEX", "GRU", "EZE", "JNB", "CPT", "IST", "DOH", "BKK", "DEL", "BOM", "LIS",
        ];

        SupplierCatalog.Airports.Select(a => a.Code).ShouldBe(expected.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("lax", "LAX", "LAX", "America/Los_Angeles")]
    [InlineData("JFK", "JFK", "NYC", "America/New_York")]
    [InlineData("Lhr", "LHR", "LON", "Europe/London")]
    [InlineData("nrt", "NRT", "TYO", "Asia/Tokyo")]
    public void TryGetAirport_AnyCase_FindsTheAirport(string code, string expectedCode, string city, string zone)
    {
        SupplierCatalog.TryGetAirport(code, out var airport).ShouldBeTrue();
        airport.Code.ShouldBe(expectedCode);
        airport.CityCode.ShouldBe(city);
        airport.TimeZone.ShouldBe(zone);
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData(null)]
    public void TryGet_UnknownCode_ReturnsFalse(string? code)
    {
        SupplierCatalog.TryGetAirport(code, out _).ShouldBeFalse();
        SupplierCatalog.TryGetCity(code, out _).ShouldBeFalse();
        SupplierCatalog.TryGetAirline(code, out _).ShouldBeFalse();
        SupplierCatalog.IsKnownCurrency(code).ShouldBeFalse();
    }

    [Fact]
    public void Cities_AreExactlyTheCitiesTheAirportsServe()
    {
        SupplierCatalog.Cities.Select(c => c.Code).ShouldBe(SupplierCatalog.Airports.Select(a => a.CityCode).Distinct().Order(StringComparer.Ordinal));
        foreach (var airport in SupplierCatalog.Airports)
        {
            SupplierCatalog.TryGetCity(airport.CityCode, out var city).ShouldBeTrue();
            city.Name.ShouldBe(airport.CityName);
            city.Country.ShouldBe(airport.Country);
        }

        SupplierCatalog.GetAirportsOfCity("tyo").Select(a => a.Code).Order(StringComparer.Ordinal).ShouldBe(["HND", "NRT"]);
        SupplierCatalog.TryGetCity("par", out var paris).ShouldBeTrue();
        paris.Currency.ShouldBe("EUR");
    }

    [Fact]
    public void Catalogue_IsConsistent_ZonesResolveCurrenciesKnownHubsReal()
    {
        foreach (var airport in SupplierCatalog.Airports)
        {
            TimeZoneInfo.TryFindSystemTimeZoneById(airport.TimeZone, out _).ShouldBeTrue(airport.TimeZone);
            airport.Latitude.ShouldBeInRange(-90, 90);
            airport.Longitude.ShouldBeInRange(-180, 180);
        }

        SupplierCatalog.Cities.ShouldAllBe(c => SupplierCatalog.Currencies.Contains(c.Currency));
        SupplierCatalog.Currencies.ShouldBe(SupplierCatalog.Cities.Select(c => c.Currency).Distinct().Order(StringComparer.Ordinal));
        SupplierCatalog.Airlines.Count.ShouldBeGreaterThanOrEqualTo(15);
        foreach (var airline in SupplierCatalog.Airlines)
        {
            SupplierCatalog.GetHubs(airline.Code).ShouldNotBeEmpty();
            SupplierCatalog.GetHubs(airline.Code).ShouldAllBe(h => SupplierCatalog.Airports.Any(a => a.Code == h));
        }

        // Every airport is some airline's hub, so every route has a carrier.
        SupplierCatalog.Airports.ShouldAllBe(a => SupplierCatalog.Airlines.Any(l => SupplierCatalog.GetHubs(l.Code).Contains(a.Code)));
    }

    [Fact]
    public void Lists_CannotBeChangedThroughACast()
    {
        (SupplierCatalog.Airports is Contracts.Airport[]).ShouldBeFalse();
        Should.Throw<NotSupportedException>(() => ((IList<Contracts.Airline>)SupplierCatalog.Airlines).Clear());
    }
}
