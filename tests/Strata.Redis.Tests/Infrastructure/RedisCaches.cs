using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Strata.Conformance;

namespace Strata.Redis.Tests.Infrastructure;

/// <summary>Builds Strata caches over the fixture's Redis the way an application does (AddStrata().WithRedis()), one
/// service provider per cache — a node — and owns them. Every cache built by one instance shares a key prefix, so
/// they are nodes of one cluster and no other test sees their keys.</summary>
internal sealed class RedisCaches(string connectionString) : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public RedisCaches(RedisFixture redis)
        : this(redis.ConnectionString)
    {
    }

    /// <summary>The cache key prefix of this cluster of nodes.</summary>
    public string Prefix { get; } = RedisFixture.NewPrefix("strata");

    /// <summary>A node: its cache, and the probe around its L2 connection.</summary>
    public async Task<(StrataCache Cache, DistributedTierProbe Probe, RedisDistributedTier Tier)> CreateAsync(
        TimeProvider time,
        Action<StrataCacheOptions>? configure = null,
        RedisCoherence coherence = RedisCoherence.Auto,
        Action<RedisTierOptions>? configureTier = null)
    {
        var services = new ServiceCollection().AddSingleton(time);
        var builder = services.AddStrata(o =>
            {
                o.KeyPrefix = Prefix;
                o.DefaultEntryOptions = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(5) };
                configure?.Invoke(o);
            })
            .WithRedis(o =>
            {
                o.ConnectionString = connectionString;
                o.Coherence = coherence;
                configureTier?.Invoke(o);
            });
        // The probe lets tests wait for this node's L2 writes and for what it hears from the others.
        services.AddSingleton(static p => new DistributedTierProbe(p.GetRequiredService<RedisDistributedTier>()));
        builder.WithDistributedTier(static p => p.GetRequiredService<DistributedTierProbe>());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        var tier = provider.GetRequiredService<RedisDistributedTier>();
        await tier.WhenCoherentAsync();
        var cache = provider.GetRequiredService<StrataCache>();
        provider.GetRequiredService<HybridCache>().ShouldBeSameAs(cache);
        return (cache, provider.GetRequiredService<DistributedTierProbe>(), tier);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
