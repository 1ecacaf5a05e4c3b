using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Tests.Metrics;

/// <summary>A TestHost app with a real Strata cache (L1 only), the metrics collector and /metrics.</summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private MetricsHost(WebApplication app)
    {
        App = app;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public StrataCache Cache => App.Services.GetRequiredService<StrataCache>();

    public StrataMetricsCollector Collector => App.Services.GetRequiredService<StrataMetricsCollector>();

    public MetricsHistory History => App.Services.GetRequiredService<MetricsHistory>();

    public static async Task<MetricsHost> StartAsync(
        Action<StrataMetricsOptions>? metrics = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddStrata();
        builder.Services.AddStrataMetrics(metrics ?? (static _ => { }));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapStrataMetrics();
        await app.StartAsync();
        return new MetricsHost(app);
    }

    /// <summary>GETs /metrics, checks the content type, and parses the body strictly.</summary>
    public async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        return PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>One miss (the factory runs) then <paramref name="hits"/> L1 hits on <paramref name="key"/>.</summary>
    public async Task ReadAsync(string key, int hits)
    {
        for (var i = 0; i <= hits; i++)
        {
            await Cache.GetOrCreateAsync(key, static _ => ValueTask.FromResult("value"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
