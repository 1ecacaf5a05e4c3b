using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strata.Testing;

namespace Strata.AspNetCore.Tests.ResponseCaching;

/// <summary>
/// An in-memory app (TestHost) with Strata response caching on a manual clock: the test maps its endpoints and
/// configures the options. A request header <c>X-Test-User</c> signs the request in as that user (an authentication
/// stand-in that runs before the cache, as real authentication does).
/// </summary>
internal sealed class ResponseCacheTestApp : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";

    private readonly IHost _host;

    private ResponseCacheTestApp(IHost host, ManualTimeProvider time, LogCapture logs)
    {
        _host = host;
        Time = time;
        Logs = logs;
        Client = host.GetTestClient();
    }

    public HttpClient Client { get; }

    public ManualTimeProvider Time { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => _host.Services;

    public StrataCache Cache => Services.GetRequiredService<StrataCache>();

    public static async Task<ResponseCacheTestApp> StartAsync(
        Action<IEndpointRouteBuilder> map,
        Action<ResponseCacheOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        ManualTimeProvider? time = null,
        Action<IStrataBuilder>? strata = null,
        bool useAuthorization = false)
    {
        var host = Build(map, configure, services, time ??= new ManualTimeProvider(), strata, out var logs, useAuthorization);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ResponseCacheTestApp(host, time, logs);
    }

    /// <summary>Builds the host without starting it (for tests of startup failures).</summary>
    public static IHost Build(
        Action<IEndpointRouteBuilder> map,
        Action<ResponseCacheOptions>? configure,
        Action<IServiceCollection>? services,
        ManualTimeProvider time,
        Action<IStrataBuilder>? strata,
        out LogCapture logs,
        bool useAuthorization = false)
    {
        var capture = new LogCapture();
        logs = capture;
        return new HostBuilder()
            .ConfigureLogging(logging => logging.AddProvider(capture).SetMinimumLevel(LogLevel.Debug))
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddSingleton<TimeProvider>(time);
                    s.AddRouting();
                    if (useAuthorization)
                    {
                        s.AddAuthorization();
                    }
                    var builder = s.AddStrata(o => o.KeyPrefix = "rc" + Guid.NewGuid().ToString("N")[..8]);
                    strata?.Invoke(builder);
                    s.AddStrataResponseCaching(o => configure?.Invoke(o));
                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.Use(static (context, next) =>
                    {
                        if (context.Request.Headers[UserHeader] is [{ Length: > 0 } user])
                        {
                            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "test"));
                        }

                        return next(context);
                    });
                    if (useAuthorization)
                    {
                        app.UseAuthorization();
                    }

                    app.UseStrataResponseCaching();
                    app.UseEndpoints(map);
                }))
            .Build();
    }

    public Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null) =>
        SendAsync(HttpMethod.Get, path, configure);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    /// <summary>GET, returning the status, X-Cache and body.</summary>
    public async Task<(int Status, string? XCache, string Body)> FetchAsync(string path, Action<HttpRequestMessage>? configure = null)
    {
        using var response = await GetAsync(path, configure);
        return ((int)response.StatusCode, XCache(response), await response.Content.ReadAsStringAsync());
    }

    public static string? XCache(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? string.Join(",", values) : null;

    /// <summary>A header as sent (HttpClient would re-format parsed headers such as Cache-Control).</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    public static void NoCache(HttpRequestMessage request) =>
        request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
