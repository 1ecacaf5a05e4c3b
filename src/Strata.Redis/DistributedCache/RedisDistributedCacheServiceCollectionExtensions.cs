using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Strata.Redis.DistributedCache;

/// <summary>Registers <see cref="RedisDistributedCache"/> as the application's <see cref="IDistributedCache"/>.</summary>
public static class RedisDistributedCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisDistributedCache"/> connecting with <paramref name="connectionString"/>; see
    /// <see cref="AddStrataRedisDistributedCache(IServiceCollection, Action{RedisDistributedCacheOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A Strata.Resp connection string, e.g. <c>redis://localhost:6379</c>.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null, empty or blank.</exception>
    public static IServiceCollection AddStrataRedisDistributedCache(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddStrataRedisDistributedCache(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers one <see cref="RedisDistributedCache"/> singleton as <see cref="IDistributedCache"/> (replacing any
    /// other, such as the memory cache hosting frameworks add), as <see cref="IBufferDistributedCache"/> and as itself.
    /// The options are validated when the cache is first resolved (and when a host starts), with a message naming each
    /// invalid option. Unless the options say otherwise the cache uses the container's <see cref="TimeProvider"/>, and a
    /// client it creates logs and meters through the container's <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/>.
    /// The container disposes the cache, and with it a client the cache created (never a shared one).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; calling this method again adds to the configuration.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddStrataRedisDistributedCache(this IServiceCollection services, Action<RedisDistributedCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<RedisDistributedCacheOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisDistributedCacheOptions>, RedisDistributedCacheOptionsValidator>());
        services.TryAddSingleton(static provider => new RedisDistributedCache(
            provider.GetRequiredService<IOptions<RedisDistributedCacheOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<IMeterFactory>()));

        // RemoveAll, not Replace: Replace swaps only the first registration, and a later GetServices or a second
        // registration (AddDistributedMemoryCache uses TryAdd, but other libraries may Add) must not find another cache.
        services.RemoveAll<IDistributedCache>();
        services.RemoveAll<IBufferDistributedCache>();
        services.AddSingleton<IDistributedCache>(static provider => provider.GetRequiredService<RedisDistributedCache>());
        services.AddSingleton<IBufferDistributedCache>(static provider => provider.GetRequiredService<RedisDistributedCache>());
        return services;
    }
}
