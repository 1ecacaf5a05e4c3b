using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.DependencyInjection;
using Strata.Engine;
using Strata.Inspection;
using Strata.Policies;
using Strata.Serialization;

namespace Strata;

/// <summary>Registers the Strata cache.</summary>
public static class StrataServiceCollectionExtensions
{
    /// <summary>Registers the Strata cache with default options; see <see cref="AddStrata(IServiceCollection, Action{StrataCacheOptions})"/>.</summary>
    public static IStrataBuilder AddStrata(this IServiceCollection services) => services.AddStrata(static _ => { });

    /// <summary>
    /// Registers the Strata cache as <see cref="StrataCache"/> and as <see cref="HybridCache"/> (replacing any other
    /// HybridCache), reading policies from the <c>Strata:Policies</c> configuration section when an
    /// <see cref="IConfiguration"/> is registered. Options and policies are validated when the host starts.
    /// An L2 tier is used when an <see cref="IDistributedTier"/> is registered (see
    /// <see cref="StrataBuilderExtensions.WithDistributedTier{TTier}(IStrataBuilder)"/>).
    /// </summary>
    public static IStrataBuilder AddStrata(this IServiceCollection services, Action<StrataCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<StrataCacheOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrataCacheOptions>, StrataCacheOptionsValidator>());
        services.AddOptions<StrataPolicyOptions>()
            .Configure<IServiceProvider>(static (policies, provider) =>
            {
                if (provider.GetService<IConfiguration>() is { } configuration)
                {
                    // Configuration first: policies registered in code override it.
                    policies.Sections.Insert(0, configuration.GetSection("Strata:Policies"));
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrataPolicyOptions>, StrataPolicyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new CacheEngine(
            provider.GetRequiredService<IOptions<StrataCacheOptions>>().Value,
            provider.GetService<IDistributedTier>(),
            new SerializerRegistry(
                provider,
                provider.GetServices<IHybridCacheSerializerFactory>(),
                provider.GetRequiredService<IOptions<StrataCacheOptions>>().Value.JsonSerializerOptions),
            new CachePolicyRegistry(provider.GetRequiredService<IOptions<StrataPolicyOptions>>().Value),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<IStrataCacheInspector>(static provider => new CacheInspector(
            provider.GetRequiredService<CacheEngine>(),
            provider.GetService<IDistributedTier>()));
        services.TryAddSingleton<StrataCache>(static provider => provider.GetRequiredService<CacheEngine>().Root);
        services.Replace(ServiceDescriptor.Singleton<HybridCache>(static provider => provider.GetRequiredService<StrataCache>()));
        return new StrataBuilder(services);
    }
}
