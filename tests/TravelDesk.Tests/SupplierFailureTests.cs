using System.Net;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

/// <summary>The supplier fails, throttles or goes away: cached results keep being served, its limit is never hit.</summary>
public sealed class SupplierFailureTests
{
    [Fact]
    public async Task During_a_supplier_outage_cached_results_are_served_stale_and_uncached_ones_fail_with_503()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await TravelDeskTestHost.StartAsync(time: time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var cached = $"/api/flights/search?origin=LAX&destination=JFK&departure={TravelDates.InDays(today, 40)}";
        (await host.Client.GetAsync(cached)).CacheStatus().ShouldBe("MISS");

        await host.SetSupplierAsync(new SupplierControl(ErrorRate: null, Outage: true));
        time.Advance(TimeSpan.FromMinutes(15));   // past FLIGHT_SEARCH's 10 minutes (+ jitter), inside its 2 h fail-safe

        using var stale = await host.Client.GetAsync(cached);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        stale.CacheStatus().ShouldBe("STALE");
        int.Parse(stale.Header("Age"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(15 * 60);

        using var uncached = await host.Client.GetAsync($"/api/flights/search?origin=LAX&destination=SFO&departure={TravelDates.InDays(today, 40)}");
        uncached.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await uncached.JsonAsync()).GetProperty("operation").GetString().ShouldBe("flights");

        await host.SetSupplierAsync(new SupplierControl(ErrorRate: null, Outage: false));
        time.Advance(TimeSpan.FromMinutes(1));    // past the fail-safe throttle: the next read tries the supplier again
        using var recovered = await host.Client.GetAsync(cached);
        recovered.StatusCode.ShouldBe(HttpStatusCode.OK);
        recovered.CacheStatus().ShouldBeOneOf("MISS", "STALE");
    }

    [Fact]
    public async Task TravelDesks_own_limit_keeps_the_supplier_under_its_limit_and_excess_searches_get_503_with_retry_after()
    {
        await using var host = await TravelDeskTestHost.StartAsync(new Dictionary<string, string>
        {
            ["TravelDesk:Supplier:SearchesPerMinute"] = "5",
            ["TravelDesk:Supplier:MaxWait"] = "00:00:00",
        });

        var statuses = new List<HttpStatusCode>();
        for (var day = 10; day < 22; day++)
        {
            using var response = await host.Client.GetAsync($"/api/flights/search?origin=ATL&destination=MIA&departure={TravelDates.InDays(day)}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                int.Parse(response.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
            }
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(5);
        statuses.Count(s => s == HttpStatusCode.ServiceUnavailable).ShouldBe(7);
        var flights = await host.SupplierOperationAsync("flights");
        flights.Requests.ShouldBe(5);
        flights.RateLimited.ShouldBe(0);
        (await host.SupplierStatsAsync()).MaxSearchesInAnyMinute.ShouldBe(5);
    }

    [Fact]
    public async Task A_supplier_429_is_obeyed_later_searches_are_not_sent_until_its_retry_after()
    {
        await using var host = await TravelDeskTestHost.StartAsync(new Dictionary<string, string>
        {
            ["Supplier:SearchesPerMinute"] = "3",              // the supplier is stricter than TravelDesk believes
            ["TravelDesk:Supplier:SearchesPerMinute"] = "100",
        });

        var statuses = new List<HttpStatusCode>();
        for (var day = 10; day < 16; day++)
        {
            using var response = await host.Client.GetAsync($"/api/hotels/search?city=NYC&checkIn={TravelDates.InDays(day)}&checkOut={TravelDates.InDays(day + 2)}");
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable]);
        var hotels = await host.SupplierOperationAsync("hotels");
        hotels.RateLimited.ShouldBe(1);      // one 429; after it TravelDesk holds back instead of hammering
        hotels.Requests.ShouldBe(4);
    }
}
