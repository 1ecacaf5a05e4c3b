using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new SupplierOptions();

        SupplierOptions.Section.ShouldBe("Supplier");
        options.Seed.ShouldBe(42);
        options.SearchesPerMinute.ShouldBe(120);
        options.ErrorRate.ShouldBe(0.02);
        options.Outage.ShouldBeFalse();
        options.LatencyScale.ShouldBe(1.0);
        (options.Latency.Flights.MinMs, options.Latency.Flights.MaxMs).ShouldBe((300, 1200));
        (options.Latency.Hotels.MinMs, options.Latency.Hotels.MaxMs).ShouldBe((200, 800));
        (options.Latency.Activities.MinMs, options.Latency.Activities.MaxMs).ShouldBe((150, 600));
        foreach (var lookup in new[] { options.Latency.Weather, options.Latency.Rates, options.Latency.Airports, options.Latency.Airlines, options.Latency.Cities })
        {
            (lookup.MinMs, lookup.MaxMs, lookup.Distribution).ShouldBe((20, 80, LatencyDistribution.LogNormal));
        }
    }

    [Theory]
    [InlineData("ErrorRate", "1.5", "Supplier:ErrorRate must be between 0 and 1, was 1.5")]
    [InlineData("ErrorRate", "-0.1", "Supplier:ErrorRate must be between 0 and 1, was -0.1")]
    [InlineData("SearchesPerMinute", "0", "Supplier:SearchesPerMinute must be between 1 and 1000000, was 0")]
    [InlineData("LatencyScale", "-1", "Supplier:LatencyScale must be between 0 and 100, was -1")]
    [InlineData("Latency:Flights:MinMs", "-5", "Supplier:Latency:Flights:MinMs must be between 0 and 600000, was -5")]
    [InlineData("Latency:Cities:MaxMs", "10", "Supplier:Latency:Cities:MaxMs must be between MinMs (20) and 600000, was 10")]
    public async Task Host_BadSetting_FailsToStartNamingIt(string key, string value, string message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Supplier:" + key] = value });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSupplier(builder.Configuration.GetSection(SupplierOptions.Section));
        await using var app = builder.Build();
        app.MapSupplier();

        var exception = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync());

        exception.Failures.ShouldBe([message]);
    }

    [Fact]
    public async Task Host_BoundFromConfiguration_UsesTheValues()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Supplier:SearchesPerMinute"] = "7",
            ["Supplier:ErrorRate"] = "0.5",
            ["Supplier:Outage"] = "true",
            ["Supplier:LatencyScale"] = "0",
            ["Supplier:Latency:Flights:Distribution"] = "Uniform",
        });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSupplier(builder.Configuration.GetSection(SupplierOptions.Section));
        await using var app = builder.Build();
        app.MapSupplier();
        await app.StartAsync();

        var stats = await app.GetTestClient().GetFromJsonAsync<SupplierStats>("/stats", SupplierJson.Options);

        stats!.SearchesPerMinute.ShouldBe(7);
        stats.Control.ShouldBe(new SupplierControl(0.5, true));
        app.Services.GetRequiredService<IOptions<SupplierOptions>>().Value.Latency.Flights.Distribution.ShouldBe(LatencyDistribution.Uniform);
        app.Services.GetRequiredService<IOptions<SupplierOptions>>().Value.Latency.Flights.MaxMs.ShouldBe(1200);
    }

    [Fact]
    public void Create_BadOptions_ThrowsAtOnceNamingEverySetting()
    {
        var options = new SupplierOptions { ErrorRate = 2, SearchesPerMinute = -1 };
        options.Latency.Hotels = null!;

        var exception = Should.Throw<OptionsValidationException>(() => SupplierApplication.Create(options, "http://127.0.0.1:0"));

        exception.Failures.ShouldBe(
        [
            "Supplier:SearchesPerMinute must be between 1 and 1000000, was -1",
            "Supplier:ErrorRate must be between 0 and 1, was 2",
            "Supplier:Latency:Hotels must be set",
        ]);
    }

    [Fact]
    public void Validate_NaN_Rejected()
    {
        var options = new SupplierOptions { ErrorRate = double.NaN, LatencyScale = double.PositiveInfinity };

        var exception = Should.Throw<OptionsValidationException>(() => SupplierApplication.Create(options, "http://127.0.0.1:0"));

        exception.Failures.Count().ShouldBe(2);
    }
}
