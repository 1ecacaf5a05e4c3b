using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Strata.AspNetCore.Warmup;

namespace Strata.AspNetCore.Tests.Warmup;

/// <summary>A TestHost application with the cache on the given clock, optional warm-up, Strata's health checks, and
/// <c>/health/ready</c> and <c>/health/live</c>.</summary>
internal static class WarmupApp
{
    public static async Task<IHost> StartAsync(
        TimeProvider time,
        WarmerScripts scripts,
        Action<IServiceCollection> services,
        Action<IStrataBuilder>? strata = null,
        Action<StrataHealthOptions>? health = null)
    {
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s =>
                {
                    s.AddSingleton(time);
                    s.AddSingleton(scripts);
                    s.AddRouting();
                    var builder = s.AddStrata(static o => o.KeyPrefix = $"h{Guid.NewGuid():N}");
                    strata?.Invoke(builder);
                    builder.AddHealthChecks(health ?? (static _ => { }));
                    services(s);
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(e =>
                    {
                        e.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = static c => c.Tags.Contains("ready") });
                        e.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static c => c.Tags.Contains("live") });
                    });
                }))
            .Build();
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

    public static StrataWarmupService Warmup(this IHost host) => host.Services.GetRequiredService<StrataWarmupService>();

    public static async Task<HealthReportEntry> ReadinessAsync(this IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(static c => c.Name == "strata-ready");
        return report.Entries["strata-ready"];
    }

    public static async Task<string> GetAsync(this IHost host, string path)
    {
        using var client = host.GetTestClient();
        using var response = await client.GetAsync(path);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }
}
