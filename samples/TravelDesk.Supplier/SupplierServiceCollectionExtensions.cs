using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TravelDesk.Supplier.Faults;
using TravelDesk.Supplier.Hosting;
using TravelDesk.Supplier.Http;
using TravelDesk.Supplier.Latency;
using TravelDesk.Supplier.Limits;
using TravelDesk.Supplier.Stats;

namespace TravelDesk.Supplier;

/// <summary>
/// Registers the simulated supplier in a host; pair with <see cref="SupplierEndpointRouteBuilderExtensions.MapSupplier"/>.
/// The clock is the container's <see cref="TimeProvider"/> (the system clock unless one is registered).
/// </summary>
public static class SupplierServiceCollectionExtensions
{
    /// <summary>Adds the supplier with its default options, changed by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddSupplier(this IServiceCollection services, Action<SupplierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SupplierOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(services);
    }

    /// <summary>Adds the supplier with options bound from <paramref name="section"/> (usually the <c>Supplier</c> section).</summary>
    public static IServiceCollection AddSupplier(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<SupplierOptions>().Bind(section);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<SupplierOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupplierOptions>, SupplierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SupplierCounters>();
        services.TryAddSingleton(static sp => new SearchLimiter(Options(sp).SearchesPerMinute, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new FaultInjector(Options(sp)));
        services.TryAddSingleton(static sp => new LatencySimulator(Options(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<OperationPipeline>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SupplierStartupLog>());
        return services;
    }

    private static SupplierOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<SupplierOptions>>().Value;
}
