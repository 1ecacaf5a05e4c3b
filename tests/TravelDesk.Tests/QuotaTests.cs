using System.Net;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

public sealed class QuotaTests
{
    [Fact]
    public async Task Each_api_key_has_its_own_daily_search_quota_counting_cache_hits_too()
    {
        await using var host = await TravelDeskTestHost.StartAsync(new Dictionary<string, string> { ["TravelDesk:Quota:SearchesPerDay"] = "3" });
        var url = $"/api/flights/search?origin=BOS&destination=SEA&departure={TravelDates.InDays(25)}";

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await Send(host, url, "key-one");
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var rejected = await Send(host, url, "key-one");
        rejected.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(rejected.Header("Retry-After"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 86_400);
        rejected.Header("RateLimit-Policy").ShouldContain("3");

        using var other = await Send(host, url, "key-two");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
        other.CacheStatus().ShouldBe("HIT");

        var usage = await (await Send(host, "/api/quota", "key-one")).JsonAsync();
        usage.GetProperty("limit").GetInt64().ShouldBe(3);
        usage.GetProperty("used").GetInt64().ShouldBe(3);
        usage.GetProperty("remaining").GetInt64().ShouldBe(0);
        usage.GetProperty("partition").GetString()!.ShouldStartWith("apikey:");
        usage.GetProperty("partition").GetString()!.ShouldNotContain("key-one");

        var fresh = await (await Send(host, "/api/quota", "key-three")).JsonAsync();
        fresh.GetProperty("used").GetInt64().ShouldBe(0);
        (await host.SupplierOperationAsync("flights")).Requests.ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_search_is_rejected_but_still_counts_against_the_quota()
    {
        await using var host = await TravelDeskTestHost.StartAsync(new Dictionary<string, string> { ["TravelDesk:Quota:SearchesPerDay"] = "2" });

        (await Send(host, "/api/flights/search?origin=XXX", "k")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Send(host, "/api/flights/search?origin=XXX", "k")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Send(host, "/api/flights/search?origin=XXX", "k")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    private static Task<HttpResponseMessage> Send(TravelDeskTestHost host, string url, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", apiKey);
        return host.Client.SendAsync(request);
    }
}
