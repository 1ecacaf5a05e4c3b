using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using TravelDesk.Tests.Infrastructure;

namespace TravelDesk.Tests;

/// <summary>The operator's side: admin API, dashboard, metrics, health, OpenAPI, start-up validation.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task The_admin_api_needs_the_key_and_the_dashboard_metrics_health_and_openapi_answer()
    {
        await using var host = await TravelDeskTestHost.StartAsync();
        await host.Client.GetAsync($"/api/flights/search?origin=LAX&destination=JFK&departure={TravelDates.InDays(30)}");
        await host.Client.GetAsync("/api/locations");

        (await host.Client.GetAsync("/cache/stats")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var admin = new HttpRequestMessage(HttpMethod.Get, "/cache/stats");
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TravelDeskTestHost.AdminKey);
        using var stats = await host.Client.SendAsync(admin);
        stats.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await host.Client.GetAsync("/cache/dashboard")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var metrics = await host.Client.GetStringAsync("/metrics");
        metrics.ShouldContain("strata_cache_requests_total");
        metrics.ShouldContain("traveldesk_supplier_calls_total{operation=\"flights\",outcome=\"200\"} 1");
        metrics.ShouldContain("traveldesk_db_queries_total{operation=\"GetLocationsAsync\"} 1");

        var openApi = await host.Client.GetStringAsync("/openapi/v1.json");
        foreach (var path in (string[])["/api/flights/search", "/api/hotels/search", "/api/recommendations", "/api/users/{id}", "/api/quota"])
        {
            openApi.ShouldContain($"\"{path}\"");
        }
    }

    [Theory]
    [InlineData("TravelDesk:Supplier:SearchesPerMinute", "0")]
    [InlineData("TravelDesk:Supplier:Url", "ftp://example")]
    [InlineData("TravelDesk:Quota:SearchesPerDay", "-5")]
    [InlineData("TravelDesk:Quota:TimeZone", "Mars/Olympus")]
    [InlineData("TravelDesk:Database:Provider", "oracle")]
    public async Task A_bad_setting_stops_start_up_with_a_message_naming_it(string key, string value)
    {
        var exception = await Should.ThrowAsync<OptionsValidationException>(async () =>
        {
            await using var host = await TravelDeskTestHost.StartAsync(new Dictionary<string, string> { [key] = value });
        });

        exception.Message.ShouldContain(key);
    }

    [Fact]
    public async Task A_misspelled_setting_stops_start_up_naming_it()
    {
        var exception = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var host = await TravelDeskTestHost.StartAsync(new Dictionary<string, string> { ["TravelDesk:CacheEnabld"] = "false" });
        });

        exception.Message.ShouldContain("CacheEnabld");
    }
}
