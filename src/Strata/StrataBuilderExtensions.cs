using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.Diagnostics;
using Strata.Policies;

namespace Strata;

/// <summary>Configuration of the cache registered by <c>AddStrata</c>.</summary>
public static class StrataBuilderExtensions
{
    /// <summary>Reads named policies from a configuration section whose children are policies
    /// (<c>{ "FLIGHT_SEARCH": { "Duration": "00:10:00", "FailSafeMaxStale": "01:00:00" } }</c>).</summary>
    public static IStrataBuilder WithPolicies(this IStrataBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<StrataPolicyOptions>(o => o.Sections.Add(section));
        return builder;
    }

    /// <summary>Adds (or replaces) a named policy in code.</summary>
    public static IStrataBuilder WithPolicy(this IStrataBuilder builder, string name, StrataEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate($"cache policy '{name}'");
        builder.Services.Configure<StrataPolicyOptions>(o => o.Policies[name] = options);
        return builder;
    }

    /// <summary>Attaches a duration adjuster to a policy (configured in code or in configuration); an unknown policy
    /// name fails at startup, listing the known ones.</summary>
    public static IStrataBuilder WithDurationAdjuster(this IStrataBuilder builder, string policyName, ICacheDurationAdjuster adjuster)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(policyName);
        ArgumentNullException.ThrowIfNull(adjuster);
        builder.Services.Configure<StrataPolicyOptions>(o =>
        {
            if (!o.Adjusters.TryGetValue(policyName, out var list))
            {
                o.Adjusters[policyName] = list = [];
            }

            list.Add(adjuster);
        });
        return builder;
    }

    /// <summary>Uses <paramref name="serializer"/> for values of type <typeparamref name="T"/>.</summary>
    public static IStrataBuilder WithSerializer<T>(this IStrataBuilder builder, IHybridCacheSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(serializer);
        builder.Services.AddSingleton(serializer);
        return builder;
    }

    /// <summary>Adds a serializer factory, asked (latest registered first) before the built-in System.Text.Json one.</summary>
    public static IStrataBuilder WithSerializerFactory(this IStrataBuilder builder, IHybridCacheSerializerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(factory);
        return builder;
    }

    /// <summary>Uses <typeparamref name="TTier"/> (from DI) as the L2 tier.</summary>
    public static IStrataBuilder WithDistributedTier<TTier>(this IStrataBuilder builder)
        where TTier : class, IDistributedTier
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TTier>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IDistributedTier>(static p => p.GetRequiredService<TTier>()));
        return builder;
    }

    /// <summary>Uses the tier <paramref name="factory"/> builds as the L2 tier.</summary>
    public static IStrataBuilder WithDistributedTier(this IStrataBuilder builder, Func<IServiceProvider, IDistributedTier> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Registers the cache health check: Degraded while L2 is failing or its breaker is open, or while the
    /// hit ratio is under <see cref="StrataCacheOptions.HealthyHitRatio"/>; the data carries the figures.</summary>
    public static IStrataBuilder AddHealthCheck(this IStrataBuilder builder, string name = "strata", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A singleton: the check remembers the counters of its previous run to report the hit ratio since then, and
        // AddCheck<T> alone would build a new instance (with no memory) per run.
        builder.Services.TryAddSingleton<StrataHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<StrataHealthCheck>(name, failureStatus: null, tags: tags ?? []);
        return builder;
    }
}
