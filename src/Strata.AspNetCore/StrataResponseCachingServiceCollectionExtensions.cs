using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.ResponseCaching;

namespace Strata.AspNetCore;

/// <summary>Registers Strata response caching.</summary>
public static class StrataResponseCachingServiceCollectionExtensions
{
    /// <summary>Registers response caching with default options; see
    /// <see cref="AddStrataResponseCaching(IServiceCollection, Action{ResponseCacheOptions})"/>.</summary>
    public static IServiceCollection AddStrataResponseCaching(this IServiceCollection services) =>
        services.AddStrataResponseCaching(static _ => { });

    /// <summary>
    /// Registers response caching on the Strata cache (which it registers with defaults when <c>AddStrata()</c> was
    /// not called first; call <c>AddStrata(...)</c> before this to configure it). Options are validated when the host
    /// starts, and so is every endpoint's cache configuration (policy names, tag placeholders, route values).
    /// Add the middleware with <c>app.UseStrataResponseCaching()</c>.
    /// </summary>
    public static IServiceCollection AddStrataResponseCaching(this IServiceCollection services, Action<ResponseCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (!services.Any(static d => d.ServiceType == typeof(StrataCache)))
        {
            services.AddStrata();
        }

        services.AddOptions<ResponseCacheOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResponseCacheOptions>, ResponseCacheOptionsValidator>());

        // Responses are stored in a compact binary form, not JSON.
        services.TryAddSingleton<IHybridCacheSerializer<CachedResponse>>(CachedResponseSerializer.Instance);
        services.TryAddSingleton(static provider => new EndpointPlanCache(
            provider.GetRequiredService<IOptions<ResponseCacheOptions>>(),
            provider.GetRequiredService<StrataCache>(),
            provider.GetRequiredService<IOptions<StrataCacheOptions>>()));
        services.TryAddSingleton(static provider => new ResponseCacheMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(static provider => new ResponseRevalidator(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<TimeProvider>(),
            CreateLogger(provider),
            provider.GetService<IHostApplicationLifetime>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ResponseCacheStartupValidator>(
            static provider => new ResponseCacheStartupValidator(provider)));
        return services;
    }

    internal static ILogger CreateLogger(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger(ResponseCachingLog.Category) ?? NullLogger.Instance;
}
