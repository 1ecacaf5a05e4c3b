using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Strata.Testing;

namespace Strata.Tests.Conformance;

/// <summary>Builds Strata caches the way an application does, through DI, and owns the service providers.</summary>
internal sealed class ConformanceCaches : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    /// <summary>A cache on <paramref name="clock"/>, with <paramref name="tier"/> as L2 when given.</summary>
    public HybridCache Create(ManualTimeProvider clock, IDistributedTier? tier)
    {
        var builder = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddStrata(static o => o.DefaultEntryOptions = new StrataEntryOptions { Duration = TimeSpan.FromMinutes(5) });
        if (tier is not null)
        {
            builder.WithDistributedTier(_ => tier);
        }

        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        var cache = provider.GetRequiredService<HybridCache>();
        // Code written against HybridCache gets Strata, and the same instance as asking for Strata directly.
        cache.ShouldBeAssignableTo<StrataCache>();
        cache.ShouldBeSameAs(provider.GetRequiredService<StrataCache>());
        return cache;
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
