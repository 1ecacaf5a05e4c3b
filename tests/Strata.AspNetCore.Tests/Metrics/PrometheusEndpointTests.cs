using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Strata.AspNetCore.Tests.Metrics;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public async Task GetMetrics_AfterCacheReads_ExposesExactRequestCounts()
    {
        await using var host = await MetricsHost.StartAsync();
        await host.ReadAsync("a", hits: 3);
        await host.ReadAsync("b", hits: 2);

        var scrape = await host.ScrapeAsync();

        scrape.Family("strata_cache_requests_total").Type.ShouldBe("counter");
        scrape.Family("strata_cache_requests_total").Help.ShouldNotBeNullOrEmpty();
        scrape.Sum("strata_cache_requests_total", ("tier", "l1"), ("result", "hit")).ShouldBe(5);
        scrape.Sum("strata_cache_requests_total", ("tier", "l1"), ("result", "miss")).ShouldBe(2);
        host.Collector.GetCounterTotal("strata.cache.requests", ("tier", "l1"), ("result", "hit")).ShouldBe(5);
    }

    [Fact]
    public async Task GetMetrics_AfterFactoryRuns_ExposesDurationHistogramWithAdvisedBuckets()
    {
        await using var host = await MetricsHost.StartAsync();
        await host.ReadAsync("a", hits: 0);
        await host.ReadAsync("b", hits: 0);
        await host.ReadAsync("c", hits: 0);

        var scrape = await host.ScrapeAsync();

        scrape.Family("strata_cache_factory_duration_seconds").Type.ShouldBe("histogram");
        scrape.Sum("strata_cache_factory_duration_seconds_count", ("outcome", "success")).ShouldBe(3);
        scrape.Sum("strata_cache_factory_duration_seconds_bucket", ("outcome", "success"), ("le", "+Inf")).ShouldBe(3);
        // The engine's advice (10 µs … 10 s), not the OpenTelemetry defaults.
        scrape.Samples("strata_cache_factory_duration_seconds_bucket", ("le", "0.0025")).ShouldNotBeEmpty();
        scrape.Samples("strata_cache_factory_duration_seconds_bucket", ("le", "1e-05")).ShouldNotBeEmpty();
        scrape.Samples("strata_cache_factory_duration_seconds_bucket", ("le", "10")).ShouldNotBeEmpty();
        scrape.Samples("strata_cache_factory_duration_seconds_bucket", ("le", "7.5")).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetMetrics_CacheHoldsEntries_ExposesL1Gauges()
    {
        await using var host = await MetricsHost.StartAsync();
        await host.ReadAsync("a", hits: 0);
        await host.ReadAsync("b", hits: 0);

        var scrape = await host.ScrapeAsync();

        scrape.Family("strata_cache_l1_bytes").Type.ShouldBe("gauge");
        scrape.Sum("strata_cache_l1_bytes").ShouldBeGreaterThan(0);
        scrape.Sum("strata_cache_l1_entries").ShouldBe(2);
        scrape.Sum("strata_cache_breaker_state").ShouldBe(0);
        host.Collector.GetGaugeValues("strata.cache.l1.entries").Single().Value.ShouldBe(2);
    }

    [Fact]
    public async Task GetMetrics_AppMeterConfigured_IsIncludedOnlyThen()
    {
        await using var configured = await MetricsHost.StartAsync(static o => o.AdditionalMeters.Add("Shop"));
        await using var plain = await MetricsHost.StartAsync();
        foreach (var host in new[] { configured, plain })
        {
            host.App.Services.GetRequiredService<IMeterFactory>().Create("Shop").CreateCounter<long>("shop.orders", "{order}").Add(4);
        }

        (await configured.ScrapeAsync()).Sum("shop_orders_total").ShouldBe(4);
        (await plain.ScrapeAsync()).Contains("shop_orders_total").ShouldBeFalse();
    }

    [Fact]
    public async Task GetMetrics_TwoHostsInOneProcess_SeeOnlyTheirOwnMeasurements()
    {
        await using var first = await MetricsHost.StartAsync();
        await using var second = await MetricsHost.StartAsync();
        await first.ReadAsync("k", hits: 4);
        await second.ReadAsync("k", hits: 9);

        (await first.ScrapeAsync()).Sum("strata_cache_requests_total", ("tier", "l1"), ("result", "hit")).ShouldBe(4);
        (await second.ScrapeAsync()).Sum("strata_cache_requests_total", ("tier", "l1"), ("result", "hit")).ShouldBe(9);
    }

    [Fact]
    public async Task MapStrataMetrics_CustomPatternAndConvention_ReturnsConventionBuilder()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddStrata();
        builder.Services.AddStrataMetrics();
        builder.Services.AddStrataMetrics(); // idempotent
        await using var app = builder.Build();
        app.MapStrataMetrics("/internal/prometheus").RequireHost("metrics.internal");
        await app.StartAsync();
        using var client = app.GetTestClient();

        (await client.GetAsync(new Uri("/internal/prometheus", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/internal/prometheus");
        request.Headers.Host = "metrics.internal";
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());
        app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .Count(s => s is Strata.AspNetCore.Metrics.StrataMetricsHostedService).ShouldBe(1);
        await app.StopAsync();
    }

    [Fact]
    public void MapStrataMetrics_WithoutAddStrataMetrics_ThrowsWithGuidance()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();

        Should.Throw<InvalidOperationException>(() => app.MapStrataMetrics()).Message.ShouldContain("AddStrataMetrics");
    }

    [Fact]
    public async Task AddStrataMetrics_InvalidOptions_FailsAtStartup()
    {
        var error = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => MetricsHost.StartAsync(static o => o.HistoryCapacity = 0));

        error.Message.ShouldContain("HistoryCapacity");
    }
}
