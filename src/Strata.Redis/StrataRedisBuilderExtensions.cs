using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Strata.Redis;

/// <summary>Registers Redis as the L2 tier of the Strata cache.</summary>
public static class StrataRedisBuilderExtensions
{
    /// <summary>Uses the Redis at <paramref name="connectionString"/> (<c>redis://host:port</c>) as L2, with coherence
    /// across nodes (<see cref="RedisCoherence.Auto"/>).</summary>
    public static IStrataBuilder WithRedis(this IStrataBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.WithRedis(o => o.ConnectionString = connectionString);
    }

    /// <summary>Uses Redis as L2, configured by <paramref name="configure"/>. Unless set, the tier's
    /// <see cref="RedisTierOptions.KeyPrefix"/> is the cache's <see cref="StrataCacheOptions.KeyPrefix"/> plus
    /// <c>:</c>. The tier is also registered as <see cref="RedisDistributedTier"/> (for its client and coherence state).
    /// Invalid options fail when the cache is first resolved, naming the setting.</summary>
    public static IStrataBuilder WithRedis(this IStrataBuilder builder, Action<RedisTierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<RedisTierOptions>()
            .Configure(configure)
            .PostConfigure<IOptions<StrataCacheOptions>>(static (redis, cache) => redis.KeyPrefix ??= cache.Value.KeyPrefix + ":");
        builder.Services.TryAddSingleton(static provider => new RedisDistributedTier(
            provider.GetRequiredService<IOptions<RedisTierOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return builder.WithDistributedTier(static provider => provider.GetRequiredService<RedisDistributedTier>());
    }
}
