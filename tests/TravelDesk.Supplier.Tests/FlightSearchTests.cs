using System.Net.Http.Json;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class FlightSearchTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Search_SameQueryTwice_SameJson()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var first = await host.Client.GetStringAsync(Queries.Flights(_clock));
        var second = await host.Client.GetStringAsync(Queries.Flights(_clock));

        second.ShouldBe(first);
        first.ShouldContain("\"cabin\":\"economy\"");
    }

    [Fact]
    public async Task Search_TwoInstancesSameSeed_SameJson_OtherSeed_Different()
    {
        await using var one = await SupplierHost.StartAsync(o => o.Seed = 7, _clock);
        await using var two = await SupplierHost.StartAsync(o => o.Seed = 7, _clock);
        await using var other = await SupplierHost.StartAsync(o => o.Seed = 8, _clock);

        foreach (var query in new[] { Queries.Flights(_clock), Queries.Hotels(_clock), Queries.Activities(_clock), "/weather/LON?date=2026-03-01", "/rates/EUR/JPY" })
        {
            var a = await one.Client.GetStringAsync(query);
            (await two.Client.GetStringAsync(query)).ShouldBe(a, query);
            (await other.Client.GetStringAsync(query)).ShouldNotBe(a, query);
        }
    }

    [Fact]
    public async Task Search_Unfiltered_FiveToTwentyFiveOffers_SortedByTotal_PlausibleItineraries()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        foreach (var (origin, destination) in new[] { ("LAX", "JFK"), ("LHR", "SYD"), ("FRA", "MUC"), ("GRU", "NRT"), ("CPT", "SEA") })
        {
            var offers = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock, origin: origin, destination: destination))).Offers;

            offers.Count.ShouldBeInRange(1, 25, $"{origin}-{destination}");
            offers.Select(o => o.TotalPrice.Amount).ShouldBeInOrder(SortDirection.Ascending);
            offers.Select(o => o.Id).ShouldBeUnique();
            foreach (var offer in offers)
            {
                Check(offer.Outbound, origin, destination);
                Check(offer.Inbound!, destination, origin);
                offer.Inbound!.Segments[0].Departure.ShouldBeGreaterThan(offer.Outbound.Segments[^1].Arrival);
                offer.TotalPrice.Currency.ShouldBe("USD");
                SupplierCatalog.TryGetAirline(offer.ValidatingAirline, out _).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public async Task Search_RouteWithManyCarriers_AtLeastFiveOffers()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var offers = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock, "&adults=1"))).Offers;

        // Seats filter (at least one seat always left) cannot remove offers for one passenger.
        offers.Count.ShouldBeInRange(5, 25);
    }

    [Fact]
    public async Task Search_OneWay_NoInbound()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var offers = (await host.GetAsync<FlightSearchResponse>($"/flights/search?origin=SFO&destination=LHR&departure={Queries.Future(20, _clock)}")).Offers;

        offers.ShouldNotBeEmpty();
        offers.ShouldAllBe(o => o.Inbound == null);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Search_MaxConnections_KeepsOnlyThoseOffersOfTheUnfilteredAnswer(int max)
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var all = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock))).Offers;

        var filtered = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock, $"&maxConnections={max}"))).Offers;

        all.ShouldContain(o => o.Outbound.Connections > max, "the unfiltered answer must have something to filter");
        filtered.ShouldNotBeEmpty();
        filtered.Select(o => o.Id).ShouldBe(all.Where(o => o.Outbound.Connections <= max && o.Inbound!.Connections <= max).Select(o => o.Id));
    }

    [Fact]
    public async Task Search_Airlines_KeepsOnlyOffersSoldByThem()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var all = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock))).Offers;
        var sellers = all.Select(o => o.ValidatingAirline).Distinct().Order(StringComparer.Ordinal).ToArray();
        sellers.Length.ShouldBeGreaterThan(1);
        var wanted = sellers[..^1];

        var filtered = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock, "&airlines=" + string.Join(",", wanted.Select(c => c.ToLowerInvariant()))))).Offers;

        filtered.Select(o => o.Id).ShouldBe(all.Where(o => wanted.Contains(o.ValidatingAirline)).Select(o => o.Id));
        var excluded = sellers[^1];
        filtered.ShouldNotContain(o => o.ValidatingAirline == excluded);
    }

    [Fact]
    public async Task Search_ChildrenAndInfants_PaySeventyFiveAndTenPercent()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var single = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock))).Offers.ToDictionary(o => o.Id);

        var family = (await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock, "&adults=2&children=2&infants=1"))).Offers;

        family.ShouldNotBeEmpty();
        foreach (var offer in family)
        {
            var adult = offer.PricePerAdult.Amount;
            single[offer.Id].PricePerAdult.Amount.ShouldBe(adult, "the fare does not depend on the party");
            var child = Math.Round(adult * 0.75m, 2, MidpointRounding.AwayFromZero);
            var infant = Math.Round(adult * 0.10m, 2, MidpointRounding.AwayFromZero);
            offer.TotalPrice.Amount.ShouldBe((2 * adult) + (2 * child) + infant);
            offer.SeatsLeft.ShouldBeGreaterThanOrEqualTo(4);
        }
    }

    [Fact]
    public async Task Search_Cabins_SameFlightsDearerInHigherCabins()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var cabins = new[] { "economy", "premiumEconomy", "business", "first" };
        var byCabin = new List<IReadOnlyList<FlightOffer>>();
        foreach (var cabin in cabins)
        {
            byCabin.Add((await host.GetAsync<FlightSearchResponse>(Queries.Flights(_clock, "&cabin=" + cabin))).Offers);
        }

        byCabin[3].ShouldAllBe(o => o.Cabin == CabinClass.First);
        var economy = byCabin[0].ToDictionary(o => FlightsOf(o));
        var compared = 0;
        foreach (var premium in byCabin[1])
        {
            var key = FlightsOf(premium);
            var business = byCabin[2].FirstOrDefault(o => FlightsOf(o) == key);
            var first = byCabin[3].FirstOrDefault(o => FlightsOf(o) == key);
            if (economy.TryGetValue(key, out var cheap) && business is not null && first is not null)
            {
                cheap.PricePerAdult.Amount.ShouldBeLessThan(premium.PricePerAdult.Amount);
                premium.PricePerAdult.Amount.ShouldBeLessThan(business.PricePerAdult.Amount);
                business.PricePerAdult.Amount.ShouldBeLessThan(first.PricePerAdult.Amount);
                first.PricePerAdult.Amount.ShouldBe(cheap.PricePerAdult.Amount * 5.5m, tolerance: 0.05m);
                first.Id.ShouldNotBe(cheap.Id);
                compared++;
            }
        }

        compared.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Search_SegmentTimes_CarryTheAirportsOffsets()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        // March 2026 in London is GMT (+00:00) before the 29th; Sydney is on daylight time (+11:00) until April.
        var offers = (await host.GetAsync<FlightSearchResponse>("/flights/search?origin=LHR&destination=SYD&departure=2026-03-10")).Offers;

        offers.ShouldNotBeEmpty();
        offers.ShouldAllBe(o => o.Outbound.Segments[0].Departure.Offset == TimeSpan.Zero);
        offers.ShouldAllBe(o => o.Outbound.Segments.Last().Arrival.Offset == TimeSpan.FromHours(11));
        offers.ShouldAllBe(o => o.Outbound.Segments[0].Departure.Date == new DateTime(2026, 3, 10));
    }

    [Fact]
    public async Task Search_Durations_FollowDistance()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var offers = (await host.GetAsync<FlightSearchResponse>($"/flights/search?origin=LAX&destination=JFK&departure={Queries.Future(30, _clock)}&maxConnections=0")).Offers;

        // 3,980 km at 800 km/h is about 5 h, plus taxi and climb: 5h30, rounded to five minutes.
        offers.ShouldNotBeEmpty();
        offers.ShouldAllBe(o => o.Outbound.DurationMinutes >= 320 && o.Outbound.DurationMinutes <= 345);
    }

    [Fact]
    public async Task Search_EnumAsCamelCaseText()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var json = await host.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(Queries.Flights(_clock, "&cabin=PremiumEconomy"));

        json.GetProperty("offers")[0].GetProperty("cabin").GetString().ShouldBe("premiumEconomy");
    }

    private static string FlightsOf(FlightOffer offer) =>
        string.Join('|', offer.Outbound.Segments.Concat(offer.Inbound?.Segments ?? []).Select(s => $"{s.FlightNumber}@{s.Departure:O}"));

    private static void Check(Itinerary itinerary, string from, string to)
    {
        itinerary.Segments[0].From.ShouldBe(from);
        itinerary.Segments[^1].To.ShouldBe(to);
        itinerary.Connections.ShouldBe(itinerary.Segments.Count - 1);
        itinerary.Connections.ShouldBeInRange(0, 2);
        for (var i = 0; i < itinerary.Segments.Count; i++)
        {
            var segment = itinerary.Segments[i];
            segment.Arrival.ShouldBeGreaterThan(segment.Departure);
            segment.FlightNumber.ShouldStartWith(segment.Airline);
            SupplierCatalog.TryGetAirport(segment.From, out var airport).ShouldBeTrue();
            segment.Departure.Offset.ShouldBe(TimeZoneInfo.FindSystemTimeZoneById(airport.TimeZone).GetUtcOffset(segment.Departure));
            if (i > 0)
            {
                segment.From.ShouldBe(itinerary.Segments[i - 1].To);
                (segment.Departure - itinerary.Segments[i - 1].Arrival).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(45));
            }
        }

        itinerary.DurationMinutes.ShouldBe((int)(itinerary.Segments[^1].Arrival - itinerary.Segments[0].Departure).TotalMinutes);
    }
}
