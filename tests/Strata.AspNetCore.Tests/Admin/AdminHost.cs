using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.Redis;

namespace Strata.AspNetCore.Tests.Admin;

/// <summary>A TestHost app with Strata, the admin API under /cache, and optionally Redis as L2.</summary>
internal sealed class AdminHost : IAsyncDisposable
{
    public const string Key = "test-admin-key-0123456789";

    private AdminHost(WebApplication app)
    {
        App = app;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public StrataCache Cache => App.Services.GetRequiredService<StrataCache>();

    public static async Task<AdminHost> StartAsync(
        string? redis = null,
        Action<StrataAdminOptions>? admin = null,
        Action<WebApplicationBuilder>? services = null,
        Action<WebApplication>? endpoints = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var strata = builder.Services.AddStrata(o => o.KeyPrefix = "adm" + Guid.NewGuid().ToString("N")[..8]);
        if (redis is not null)
        {
            strata.WithRedis(redis);
        }

        builder.Services.AddStrataAdmin(o =>
        {
            o.ApiKey = Key;
            admin?.Invoke(o);
        });
        services?.Invoke(builder);
        var app = builder.Build();
        endpoints?.Invoke(app);
        app.MapStrataAdmin("/cache");
        await app.StartAsync();
        return new AdminHost(app);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? key = Key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    public async Task<System.Text.Json.JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.SendAsync(Request(HttpMethod.Get, path));
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"GET {path}: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key = Key) =>
        await Client.SendAsync(Request(method, path, key));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
