using System.Net;
using Strata.Testing;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

public sealed class SearchTests
{
    [Fact]
    public async Task A_flight_search_is_a_miss_then_a_hit_and_canonical_variants_share_one_entry()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var departure = TravelDates.InDays(30);

        using var first = await host.Client.GetAsync($"/api/flights/search?origin=lax&destination=jfk&departure={departure}&airlines=DL,AA");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.CacheStatus().ShouldBe("MISS");

        using var second = await host.Client.GetAsync($"/api/flights/search?destination=JFK&origin=LAX&departure={departure}&airlines=aa,dl,AA&adults=1&cabin=economy");
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.CacheStatus().ShouldBe("HIT");
        second.Header("X-Cache-Tier").ShouldBe("l1");
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());

        (await host.SupplierOperationAsync("flights")).Requests.ShouldBe(1);
    }

    [Fact]
    public async Task Searches_differing_in_a_parameter_are_separate_entries()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var departure = TravelDates.InDays(30);

        (await host.Client.GetAsync($"/api/flights/search?origin=LAX&destination=JFK&departure={departure}")).CacheStatus().ShouldBe("MISS");
        (await host.Client.GetAsync($"/api/flights/search?origin=LAX&destination=JFK&departure={departure}&cabin=business")).CacheStatus().ShouldBe("MISS");
        (await host.Client.GetAsync($"/api/flights/search?origin=LAX&destination=JFK&departure={departure}&adults=2")).CacheStatus().ShouldBe("MISS");
        (await host.SupplierOperationAsync("flights")).Requests.ShouldBe(3);
    }

    [Fact]
    public async Task A_flight_departing_tomorrow_is_cached_two_minutes_one_a_month_out_ten()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TravelDeskTestHost.StartAsync(time: time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var near = $"/api/flights/search?origin=LAX&destination=SFO&departure={TravelDates.InDays(today, 1)}";
        var far = $"/api/flights/search?origin=LAX&destination=SFO&departure={TravelDates.InDays(today, 30)}";
        (await host.Client.GetAsync(near)).CacheStatus().ShouldBe("MISS");
        (await host.Client.GetAsync(far)).CacheStatus().ShouldBe("MISS");

        // FLIGHT_SEARCH is 10 min; within a day of departure at most 2 min (+ up to 20 s jitter, + 30 s stale-while-revalidate).
        time.Advance(TimeSpan.FromMinutes(3));

        (await host.Client.GetAsync(near)).CacheStatus().ShouldBe("MISS");
        (await host.Client.GetAsync(far)).CacheStatus().ShouldBe("HIT");
    }

    [Fact]
    public async Task SkipCache_asks_the_supplier_and_refreshes_the_entry_for_everyone()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var url = $"/api/flights/search?origin=SFO&destination=ORD&departure={TravelDates.InDays(20)}";

        (await host.Client.GetAsync(url)).CacheStatus().ShouldBe("MISS");
        (await host.Client.GetAsync(url + "&skipCache=true")).CacheStatus().ShouldBe("BYPASS");
        (await host.Client.GetAsync(url)).CacheStatus().ShouldBe("HIT");
        (await host.SupplierOperationAsync("flights")).Requests.ShouldBe(2);
    }

    [Fact]
    public async Task Hotel_and_activity_searches_and_lookups_are_cached()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var hotels = $"/api/hotels/search?city=par&checkIn={TravelDates.InDays(10)}&checkOut={TravelDates.InDays(13)}&amenities=wifi,pool";
        var activities = $"/api/activities/search?city=LON&date={TravelDates.InDays(5)}";
        string[] lookups = ["/api/weather/PAR", "/api/rates/usd/eur", "/api/airports/lhr"];

        foreach (var url in (string[])[hotels, activities, .. lookups])
        {
            using var miss = await host.Client.GetAsync(url);
            miss.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            using var hit = await host.Client.GetAsync(url);
            hit.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            hit.CacheStatus().ShouldBe("HIT", url);
            (await hit.Content.ReadAsStringAsync()).ShouldBe(await miss.Content.ReadAsStringAsync(), url);
        }

        (await host.SupplierOperationAsync("hotels")).Requests.ShouldBe(1);
        (await host.SupplierOperationAsync("activities")).Requests.ShouldBe(1);
    }

    [Theory]
    [InlineData("origin=XXX&destination=JFK&departure={d}", "origin")]
    [InlineData("origin=LAX&destination=LAX&departure={d}", "destination")]
    [InlineData("destination=JFK&departure={d}", "origin")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&return={past}", "return")]
    [InlineData("origin=LAX&destination=JFK&departure={past}", "departure")]
    [InlineData("origin=LAX&destination=JFK&departure=12/01/2026", "departure")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&adults=-1", "adults")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&children=-2", "children")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&adults=1&infants=2", "infants")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&cabin=luxury", "cabin")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&maxConnections=5", "maxConnections")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&airlines=AA,ZZ", "airlines")]
    [InlineData("origin=LAX&destination=JFK&departure={d}&skipCache=maybe", "skipCache")]
    public async Task A_bad_flight_search_is_a_400_naming_the_field_and_never_reaches_the_supplier_or_the_cache(string query, string field)
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var url = "/api/flights/search?" + query.Replace("{d}", TravelDates.InDays(30)).Replace("{past}", TravelDates.InDays(-3));

        using var response = await host.Client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ProblemFieldsAsync()).ShouldContain(field);
        response.CacheStatus().ShouldBeEmpty();
        (await host.SupplierOperationAsync("flights")).Requests.ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/hotels/search?city=PAR&checkIn={d}&checkOut={d}", "checkOut")]
    [InlineData("/api/hotels/search?city=QQQ&checkIn={d}&checkOut={d2}", "city")]
    [InlineData("/api/hotels/search?city=PAR&checkIn={d}&checkOut={d2}&guests=0", "guests")]
    [InlineData("/api/hotels/search?city=PAR&checkIn={d}&checkOut={d2}&guests=1&rooms=2", "rooms")]
    [InlineData("/api/activities/search?city=PAR&date={d}&category=opera", "category")]
    [InlineData("/api/weather/PAR?date=2001-01-01", "date")]
    [InlineData("/api/rates/USD/XYZ", "to")]
    [InlineData("/api/airports/LAXX", "code")]
    public async Task Bad_hotel_activity_and_lookup_requests_are_400s_naming_the_field(string url, string field)
    {
        await using var host = await TravelDeskTestHost.StartAsync();

        using var response = await host.Client.GetAsync(url.Replace("{d}", TravelDates.InDays(10)).Replace("{d2}", TravelDates.InDays(12)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemFieldsAsync()).ShouldContain(field);
        var stats = await host.SupplierStatsAsync();
        stats.Operations.Where(o => o.Operation is "hotels" or "activities" or "weather" or "rates").Sum(o => o.Requests).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_airport_lookup_is_a_404_without_a_supplier_call()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        var before = (await host.SupplierOperationAsync("airports")).Requests;

        using var response = await host.Client.GetAsync("/api/airports/QQQ");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.SupplierOperationAsync("airports")).Requests.ShouldBe(before);
    }
}
