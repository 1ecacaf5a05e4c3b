using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Strata.Testing;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class ValidationTests
{
    // The manual clock's today is 2026-01-01 (UTC; still 31 December in the Americas).
    private const string Ok = "origin=LAX&destination=JFK&departure=2026-03-01";
    private readonly ManualTimeProvider _clock = new();

    [Theory]
    [InlineData("/flights/search?destination=JFK&departure=2026-03-01", "origin")]
    [InlineData("/flights/search?origin=XXX&destination=JFK&departure=2026-03-01", "origin")]
    [InlineData("/flights/search?origin=LAX&destination=ZZZ&departure=2026-03-01", "destination")]
    [InlineData("/flights/search?origin=HND&destination=NRT&departure=2026-03-01", "destination")]
    [InlineData("/flights/search?origin=LAX&destination=JFK", "departure")]
    [InlineData("/flights/search?origin=LAX&destination=JFK&departure=01/03/2026", "departure")]
    [InlineData("/flights/search?origin=LAX&destination=JFK&departure=2026-02-30", "departure")]
    [InlineData("/flights/search?origin=LAX&destination=JFK&departure=2025-12-30", "departure")]
    [InlineData("/flights/search?origin=LAX&destination=JFK&departure=2029-01-01", "departure")]
    [InlineData("/flights/search?" + Ok + "&return=2026-02-28", "return")]
    [InlineData("/flights/search?" + Ok + "&adults=0", "adults")]
    [InlineData("/flights/search?" + Ok + "&adults=10", "adults")]
    [InlineData("/flights/search?" + Ok + "&adults=two", "adults")]
    [InlineData("/flights/search?" + Ok + "&children=-1", "children")]
    [InlineData("/flights/search?" + Ok + "&adults=5&children=5", "children")]
    [InlineData("/flights/search?" + Ok + "&adults=1&infants=2", "infants")]
    [InlineData("/flights/search?" + Ok + "&cabin=coach", "cabin")]
    [InlineData("/flights/search?" + Ok + "&cabin=2", "cabin")]
    [InlineData("/flights/search?" + Ok + "&maxConnections=-1", "maxConnections")]
    [InlineData("/flights/search?" + Ok + "&airlines=AA,ZZ", "airlines")]
    [InlineData("/hotels/search?checkIn=2026-03-01&checkOut=2026-03-02", "city")]
    [InlineData("/hotels/search?city=XYZ&checkIn=2026-03-01&checkOut=2026-03-02", "city")]
    [InlineData("/hotels/search?city=PAR&checkIn=2025-12-01&checkOut=2026-03-02", "checkIn")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-03-01", "checkOut")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-04-15", "checkOut")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01", "checkOut")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-03-02&rooms=0", "rooms")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-03-02&rooms=2&guests=1", "guests")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-03-02&guests=5", "guests")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-03-02&minStars=6", "minStars")]
    [InlineData("/hotels/search?city=PAR&checkIn=2026-03-01&checkOut=2026-03-02&amenities=wifi,jacuzzi", "amenities")]
    [InlineData("/activities/search?city=PAR", "date")]
    [InlineData("/activities/search?city=PAR&date=2025-06-01", "date")]
    [InlineData("/activities/search?city=PAR&date=2026-03-01&category=opera", "category")]
    [InlineData("/activities/search?city=QQQ&date=2026-03-01", "city")]
    [InlineData("/weather/LON?date=tomorrow", "date")]
    public async Task Request_BadParameter_400ProblemNamingIt_NothingElseCounted(string uri, string parameter)
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        using var response = await host.Client.GetAsync(uri);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        problem!.Errors.Keys.ShouldContain(parameter);
        problem.Errors[parameter].ShouldAllBe(m => m.Contains(parameter));
        var stats = await host.StatsAsync();
        stats.Operations.Sum(o => o.Requests).ShouldBe(1);
        stats.Operations.Sum(o => o.Served + o.Failed + o.RateLimited).ShouldBe(0);
        stats.MaxSearchesInAnyMinute.ShouldBe(0, "a bad request uses no search permit");
    }

    [Fact]
    public async Task Request_SeveralBadParameters_AllNamedAtOnce()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        using var response = await host.Client.GetAsync("/flights/search?origin=XXX&destination=YYY&departure=soon&adults=0");

        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        problem!.Errors.Keys.Order(StringComparer.Ordinal).ShouldBe(["adults", "departure", "destination", "origin"]);
    }

    [Theory]
    [InlineData("/flights/search?" + Ok + "&return=2026-03-01&adults=9&infants=9&cabin=FIRST&maxConnections=0&airlines=")]
    [InlineData("/flights/search?origin=lax&destination=jfk&departure=2025-12-31")]
    [InlineData("/hotels/search?city=par&checkIn=2026-03-01&checkOut=2026-03-31&rooms=9&guests=36&minStars=1&amenities=")]
    [InlineData("/activities/search?city=par&date=2026-01-01&category=SHOW")]
    public async Task Request_EdgeValues_Accepted(string uri)
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        using var response = await host.Client.GetAsync(uri);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Control_ErrorRateOutOfRange_400NamingIt_NothingChanged()
    {
        await using var host = await SupplierHost.StartAsync(time: _clock);

        using var response = await host.Client.PostAsJsonAsync("/control", new SupplierControl(1.5, true), SupplierJson.Options);
        using var empty = await host.Client.PostAsync("/control", new StringContent("not json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["errorRate"]);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.StatsAsync()).Control.ShouldBe(new SupplierControl(0, false));
    }
}
