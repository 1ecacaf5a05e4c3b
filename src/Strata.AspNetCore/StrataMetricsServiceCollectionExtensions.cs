using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore;

/// <summary>Registers Strata's in-process metrics collector (for <c>/metrics</c>, the admin API and the dashboard).</summary>
public static class StrataMetricsServiceCollectionExtensions
{
    /// <summary>Registers the metrics collector with default options; see <see cref="AddStrataMetrics(IServiceCollection, Action{StrataMetricsOptions})"/>.</summary>
    public static IServiceCollection AddStrataMetrics(this IServiceCollection services) => services.AddStrataMetrics(static _ => { });

    /// <summary>
    /// Registers the in-process collector of the Strata meters (and <see cref="StrataMetricsOptions.AdditionalMeters"/>)
    /// and the dashboard history. It listens from host start, only to meters created by this container's
    /// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (registered here if missing). Expose it with
    /// <see cref="StrataMetricsEndpointRouteBuilderExtensions.MapStrataMetrics"/>. Calling this again only adds
    /// <paramref name="configure"/>. Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddStrataMetrics(this IServiceCollection services, Action<StrataMetricsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddMetrics();
        services.AddOptions<StrataMetricsOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrataMetricsOptions>, StrataMetricsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new StrataMetricsCollector(
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            provider.GetRequiredService<IOptions<StrataMetricsOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(static provider => new MetricsHistory(
            provider.GetRequiredService<StrataMetricsCollector>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<StrataMetricsOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StrataMetricsHostedService>(static provider => new StrataMetricsHostedService(
            provider.GetRequiredService<StrataMetricsCollector>(),
            provider.GetRequiredService<MetricsHistory>(),
            provider.GetRequiredService<IOptions<StrataMetricsOptions>>().Value)));
        return services;
    }
}
