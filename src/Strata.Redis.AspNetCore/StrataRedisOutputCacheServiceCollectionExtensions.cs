using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Strata.Redis.AspNetCore.OutputCaching;

namespace Strata.Redis.AspNetCore;

/// <summary>Registers Redis (through Strata.Resp) as the store of ASP.NET Core's output cache.</summary>
public static class StrataRedisOutputCacheServiceCollectionExtensions
{
    /// <summary>
    /// Keeps output-cache entries on the Redis server at <paramref name="connectionString"/>; see
    /// <see cref="AddStrataRedisOutputCache(IServiceCollection, Action{RedisOutputCacheOptions})"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString"><c>redis://[user[:password]@]host[:port][/db]</c>, or <c>rediss://</c> for TLS.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is null or blank.</exception>
    public static IServiceCollection AddStrataRedisOutputCache(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddStrataRedisOutputCache(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Registers the Redis store as <see cref="IOutputCacheStore"/>, replacing the in-memory store whether this is called
    /// before or after <c>AddOutputCache()</c> (which only adds its store when none is registered). Options are
    /// validated when the host starts.
    /// </summary>
    /// <remarks>
    /// Output caching itself is still <c>AddOutputCache(...)</c> (policies) and <c>UseOutputCache()</c>; this only
    /// decides where entries live. To share a <c>RespClient</c> registered in the container, configure the options
    /// with it: <c>services.AddOptions&lt;RedisOutputCacheOptions&gt;().Configure&lt;RespClient&gt;((o, c) =&gt; o.Client = c)</c>.
    /// </remarks>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the connection (exactly one of a connection string and a client) and the rest.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStrataRedisOutputCache(this IServiceCollection services, Action<RedisOutputCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<RedisOutputCacheOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOutputCacheOptions>, RedisOutputCacheOptionsValidator>());
        // Replace rather than TryAdd: AddOutputCache() uses TryAddSingleton for its memory store, so ours wins when
        // registered after it (replacing it) and when registered before it (its TryAdd then adds nothing).
        services.Replace(ServiceDescriptor.Singleton<IOutputCacheStore>(static provider => new RedisOutputCacheStore(
            provider.GetRequiredService<IOptions<RedisOutputCacheOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<IMeterFactory>())));
        return services;
    }
}
