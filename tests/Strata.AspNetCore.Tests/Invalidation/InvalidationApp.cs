using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.AspNetCore.Tests.Invalidation;

/// <summary>A TestHost application with the Strata cache and <c>UseStrataInvalidation</c> after routing. An exception
/// handler answers <c>errorStatus</c> (500 unless the test says otherwise), so thrown endpoints still get a
/// response.</summary>
internal static class InvalidationApp
{
    public static readonly StrataEntryOptions Long = new() { Duration = TimeSpan.FromMinutes(10) };

    public static IHostBuilder Create(
        Action<IEndpointRouteBuilder> endpoints,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? configuration = null,
        int errorStatus = 500) =>
        new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>()))
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddRouting();
                    s.AddStrata(o => o.KeyPrefix = "inv");
                    s.AddStrataInvalidation();
                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    app.UseExceptionHandler(new ExceptionHandlerOptions
                    {
                        ExceptionHandler = context =>
                        {
                            context.Response.StatusCode = errorStatus;
                            return Task.CompletedTask;
                        },
                    });
                    app.UseRouting();
                    app.UseStrataInvalidation();
                    app.UseEndpoints(endpoints);
                }));

    public static async Task<IHost> StartAsync(
        Action<IEndpointRouteBuilder> endpoints,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? configuration = null,
        int errorStatus = 500)
    {
        var host = Create(endpoints, services, configuration, errorStatus).Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    public static StrataCache Cache(this IHost host) => host.Services.GetRequiredService<StrataCache>();

    /// <summary>Caches <paramref name="key"/> with <paramref name="tag"/> (the tag is the key unless given).</summary>
    public static ValueTask SeedAsync(this StrataCache cache, string key, string? tag = null) =>
        cache.SetAsync(key, "cached", Long, [tag ?? key]);

    public static async Task<bool> HasAsync(this StrataCache cache, string key) =>
        await cache.TryGetAsync<string>(key) is not null;
}
