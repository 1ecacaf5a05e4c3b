using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class LookupTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Activities_CategoryFilter_SubsetOfAll_SortedByRating()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var all = (await host.GetAsync<ActivitySearchResponse>(Queries.Activities(_clock))).Activities;

        var food = (await host.GetAsync<ActivitySearchResponse>(Queries.Activities(_clock, "&category=Food"))).Activities;

        all.Count.ShouldBeGreaterThan(food.Count);
        all.Select(a => a.Rating).ShouldBeInOrder(SortDirection.Descending);
        all.ShouldAllBe(a => a.City == "TYO" && a.Price.Currency == "JPY" && a.DurationMinutes > 0 && a.Rating >= 3.5 && a.Rating <= 5);
        all.Select(a => a.Category).Distinct().ShouldAllBe(c => new[] { "tour", "museum", "food", "outdoor", "nightlife", "show" }.Contains(c));
        food.Select(a => a.Id).ShouldBe(all.Where(a => a.Category == "food").Select(a => a.Id));
    }

    [Fact]
    public async Task Activities_Mondays_NoMuseums_OtherDaysSome()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);
        var mondays = 0;
        var tuesdays = 0;
        for (var week = 0; week < 8; week++)
        {
            var monday = new DateOnly(2026, 3, 2).AddDays(7 * week);
            mondays += (await host.GetAsync<ActivitySearchResponse>($"/activities/search?city=PAR&date={monday:yyyy-MM-dd}&category=museum")).Activities.Count;
            tuesdays += (await host.GetAsync<ActivitySearchResponse>($"/activities/search?city=PAR&date={monday.AddDays(1):yyyy-MM-dd}&category=museum")).Activities.Count;
        }

        mondays.ShouldBe(0);
        tuesdays.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Weather_FollowsLatitudeAndSeason()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var londonJanuary = await host.GetAsync<WeatherReport>("/weather/LON?date=2027-01-15");
        var londonJuly = await host.GetAsync<WeatherReport>("/weather/lon?date=2026-07-15");
        var sydneyJanuary = await host.GetAsync<WeatherReport>("/weather/SYD?date=2027-01-15");
        var dubaiJuly = await host.GetAsync<WeatherReport>("/weather/DXB?date=2026-07-15");

        londonJuly.HighCelsius.ShouldBeGreaterThan(londonJanuary.HighCelsius + 8);
        sydneyJanuary.HighCelsius.ShouldBeGreaterThan(londonJanuary.HighCelsius + 8);
        dubaiJuly.HighCelsius.ShouldBeGreaterThan(35);
        dubaiJuly.PrecipitationChancePercent.ShouldBeLessThan(20);
        foreach (var report in new[] { londonJanuary, londonJuly, sydneyJanuary, dubaiJuly })
        {
            report.LowCelsius.ShouldBeLessThan(report.HighCelsius);
            report.PrecipitationChancePercent.ShouldBeInRange(0, 100);
            report.Conditions.ShouldNotBeNullOrWhiteSpace();
        }

        londonJuly.City.ShouldBe("LON");
        londonJuly.Date.ShouldBe(new DateOnly(2026, 7, 15));
    }

    [Fact]
    public async Task Weather_NoDate_TodayOnTheSuppliersClock()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var report = await host.GetAsync<WeatherReport>("/weather/NYC");

        // The manual clock starts at 2026-01-01T00:00Z, which is still 31 December in New York.
        report.Date.ShouldBe(new DateOnly(2025, 12, 31));
    }

    [Fact]
    public async Task Rates_ConsistentBothWays_IdentityForSameCurrency_StableWithinADay()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        var there = await host.GetAsync<ExchangeRate>("/rates/usd/jpy");
        var back = await host.GetAsync<ExchangeRate>("/rates/JPY/USD");
        var same = await host.GetAsync<ExchangeRate>("/rates/EUR/EUR");
        _clock.Advance(TimeSpan.FromHours(5));
        var later = await host.GetAsync<ExchangeRate>("/rates/USD/JPY");
        _clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await host.GetAsync<ExchangeRate>("/rates/USD/JPY");

        there.From.ShouldBe("USD");
        there.To.ShouldBe("JPY");
        there.Rate.ShouldBeInRange(148m, 152m);
        (there.Rate * back.Rate).ShouldBe(1m, tolerance: 0.000001m);
        same.Rate.ShouldBe(1m);
        later.ShouldBe(there);
        tomorrow.Rate.ShouldNotBe(there.Rate);
        tomorrow.AsOf.ShouldBe(there.AsOf.AddDays(1));
    }

    [Fact]
    public async Task Lists_AirportsAirlinesCities_AreTheCatalogue()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        (await host.GetAsync<List<Airport>>("/airports")).ShouldBe(SupplierCatalog.Airports);
        (await host.GetAsync<List<Airline>>("/airlines")).ShouldBe(SupplierCatalog.Airlines);
        (await host.GetAsync<List<City>>("/cities")).ShouldBe(SupplierCatalog.Cities);
        (await host.GetAsync<Airport>("/airports/cdg")).CityCode.ShouldBe("PAR");
    }

    [Theory]
    [InlineData("/airports/XXX", "airport", "XXX")]
    [InlineData("/weather/ZZZ", "city", "ZZZ")]
    [InlineData("/rates/USD/XYZ", "currency", "XYZ")]
    [InlineData("/rates/ABC/USD", "currency", "ABC")]
    public async Task Lookup_UnknownCode_404ProblemNamingIt_CountedAsServed(string uri, string what, string code)
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        using var response = await host.Client.GetAsync(uri);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        problem!.Title.ShouldBe($"Unknown {what}");
        problem.Detail!.ShouldContain($"'{code}'");
        var stats = await host.StatsAsync();
        var row = stats.Operations.Single(o => o.Requests == 1);
        row.Served.ShouldBe(1);
    }
}
