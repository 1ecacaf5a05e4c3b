using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task Create_PortZero_ListensOnARealLoopbackPort()
    {
        var options = new SupplierOptions { LatencyScale = 0, ErrorRate = 0, Seed = 5 };
        await using var app = SupplierApplication.Create(options, "http://127.0.0.1:0", loggerFactory: NullLoggerFactory.Instance);
        Should.Throw<InvalidOperationException>(() => SupplierApplication.GetBoundAddress(app));
        await app.StartAsync();

        var address = new Uri(SupplierApplication.GetBoundAddress(app));
        using var http = new HttpClient { BaseAddress = address };
        var airport = await http.GetFromJsonAsync<Airport>("/airports/LAX", SupplierJson.Options);

        address.Host.ShouldBe("127.0.0.1");
        address.Port.ShouldBeGreaterThan(0);
        airport!.Name.ShouldBe("Los Angeles International Airport");
        await app.StopAsync();
    }

    [Fact]
    public async Task Create_CopiesTheOptions_LaterChangesHaveNoEffect()
    {
        var options = new SupplierOptions { LatencyScale = 0, ErrorRate = 0, SearchesPerMinute = 9 };
        await using var app = SupplierApplication.Create(options, "http://127.0.0.1:0", loggerFactory: NullLoggerFactory.Instance);
        options.SearchesPerMinute = 1;
        options.ErrorRate = 1;
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri(SupplierApplication.GetBoundAddress(app)) };
        var stats = await http.GetFromJsonAsync<SupplierStats>("/stats", SupplierJson.Options);

        stats!.SearchesPerMinute.ShouldBe(9);
        stats.Control.ErrorRate.ShouldBe(0);
        await app.StopAsync();
    }

    [Fact]
    public async Task Create_IgnoresTheProcessConfiguration()
    {
        // An embedded supplier must not pick up the host process's settings (URLs, Kestrel endpoints, Supplier section).
        Environment.SetEnvironmentVariable("Supplier__SearchesPerMinute", "3");
        try
        {
            await using var app = SupplierApplication.Create(new SupplierOptions { LatencyScale = 0 }, "http://127.0.0.1:0", loggerFactory: NullLoggerFactory.Instance);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(SupplierApplication.GetBoundAddress(app)) };

            (await http.GetFromJsonAsync<SupplierStats>("/stats", SupplierJson.Options))!.SearchesPerMinute.ShouldBe(120);
            await app.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("Supplier__SearchesPerMinute", null);
        }
    }
}
