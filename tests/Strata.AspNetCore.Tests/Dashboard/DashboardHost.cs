using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Strata.AspNetCore.Tests.Dashboard;

/// <summary>A TestHost app with Strata (L1 only), the admin API under /cache and the dashboard under /cache/dashboard.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string Key = "dashboard-admin-key-0123456789";

    private DashboardHost(WebApplication app)
    {
        App = app;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public StrataCache Cache => App.Services.GetRequiredService<StrataCache>();

    public static async Task<DashboardHost> StartAsync(
        TimeProvider? time = null,
        Action<StrataAdminOptions>? admin = null,
        Action<WebApplicationBuilder>? services = null,
        Action<WebApplication>? pipeline = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            // Before AddStrata, whose TryAdd of the system clock then leaves it alone.
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddStrata(o => o.KeyPrefix = "dash" + Guid.NewGuid().ToString("N")[..8]);
        builder.Services.AddStrataAdmin(o =>
        {
            o.ApiKey = Key;
            admin?.Invoke(o);
        });
        services?.Invoke(builder);
        var app = builder.Build();
        pipeline?.Invoke(app);
        app.MapStrataAdmin("/cache");
        app.MapStrataDashboard();
        await app.StartAsync();
        return new DashboardHost(app);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Client.SendAsync(request);
    }

    public async Task<JsonElement> GetDataAsync(long? since = null)
    {
        var path = since is null ? "/cache/dashboard/data" : $"/cache/dashboard/data?since={since}";
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
