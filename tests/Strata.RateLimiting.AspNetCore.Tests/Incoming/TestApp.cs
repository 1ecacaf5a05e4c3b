using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.RateLimiting.AspNetCore.Tests.Incoming;

/// <summary>An in-memory ASP.NET Core app (TestHost) with the rate limiter configured by the test.</summary>
internal sealed class TestApp : IAsyncDisposable
{
    private readonly IHost _host;

    private TestApp(IHost host)
    {
        _host = host;
        Client = host.GetTestClient();
    }

    public HttpClient Client { get; }

    public static async Task<TestApp> StartAsync(
        Action<RateLimiterOptions> configureLimiter,
        Action<IEndpointRouteBuilder> map,
        Action<IApplicationBuilder>? beforeRouting = null,
        Action<IServiceCollection>? services = null)
    {
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddRouting();
                    s.AddRateLimiter(configureLimiter);
                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    beforeRouting?.Invoke(app);
                    app.UseRouting();
                    app.UseStrataRateLimiter();
                    app.UseEndpoints(map);
                }))
            .Build();
        await host.StartAsync();
        return new TestApp(host);
    }

    public static string? Field(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    public static string? Field(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
