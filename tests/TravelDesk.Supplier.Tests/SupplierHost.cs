using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using TravelDesk.Supplier.Contracts;

namespace TravelDesk.Supplier.Tests;

/// <summary>
/// The supplier on a TestServer, built by the same code as the embedded host (<see cref="SupplierApplication"/>),
/// instant by default (latency scale 0, no random errors) and on the clock the test gives it.
/// </summary>
internal sealed class SupplierHost : IAsyncDisposable
{
    private SupplierHost(WebApplication app, TimeProvider time)
    {
        App = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public TimeProvider Time { get; }

    public HttpClient Client { get; }

    public static async Task<SupplierHost> StartAsync(Action<SupplierOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SupplierOptions { LatencyScale = 0, ErrorRate = 0 };
        configure?.Invoke(options);
        time ??= TimeProvider.System;
        var builder = SupplierApplication.CreateBuilder(options, time, NullLoggerFactory.Instance);
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapSupplier();
        await app.StartAsync();
        return new SupplierHost(app, time);
    }

    public async Task<T> GetAsync<T>(string uri)
    {
        using var response = await Client.GetAsync(uri);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(SupplierJson.Options))!;
    }

    public Task<SupplierStats> StatsAsync() => GetAsync<SupplierStats>("/stats");

    public async Task<SupplierControl> ControlAsync(SupplierControl control)
    {
        using var response = await Client.PostAsJsonAsync("/control", control, SupplierJson.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SupplierControl>(SupplierJson.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
