using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Warmup;

namespace Strata.AspNetCore;

/// <summary>Registers cache warm-up: warmers, their schedule, and <see cref="IStrataWarmup"/>.</summary>
public static class StrataWarmupServiceCollectionExtensions
{
    /// <summary>Configuration section of <see cref="StrataWarmupOptions"/>: <c>Strata:Warmup</c>.</summary>
    public const string ConfigurationSection = "Strata:Warmup";

    /// <summary>Registers warm-up with default options (or those of <c>Strata:Warmup</c>); see
    /// <see cref="AddStrataWarmup(IServiceCollection, Action{StrataWarmupOptions})"/>.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStrataWarmup(this IServiceCollection services) =>
        services.AddStrataWarmup(static _ => { });

    /// <summary>
    /// Registers warm-up: <see cref="IStrataWarmup"/>, and a hosted service that runs every warmer in the background
    /// when the host starts and then every <see cref="StrataWarmupOptions.Interval"/>. Options come from the
    /// <c>Strata:Warmup</c> configuration section, then <paramref name="configure"/>; they are validated when the host
    /// starts. Requires <c>AddStrata()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStrataWarmup(this IServiceCollection services, Action<StrataWarmupOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var options = services.AddOptions<StrataWarmupOptions>();
        if (!services.Any(static d => d.ServiceType == typeof(StrataWarmupService)))
        {
            options.Configure<IServiceProvider>(static (o, provider) =>
            {
                if (provider.GetService<IConfiguration>() is { } configuration)
                {
                    try
                    {
                        configuration.GetSection(ConfigurationSection).Bind(o, static b => b.ErrorOnUnknownConfiguration = true);
                    }
                    catch (InvalidOperationException error)
                    {
                        // The binder's own message only says binding failed; the inner one names the setting.
                        throw new InvalidOperationException(
                            $"The configuration section '{ConfigurationSection}' is invalid: {error.InnerException?.Message ?? error.Message}", error);
                    }
                }
            });
        }

        options.Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrataWarmupOptions>, StrataWarmupOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new WarmupMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton<StrataWarmupService>();
        services.TryAddSingleton<IStrataWarmup>(static provider => provider.GetRequiredService<StrataWarmupService>());
        services.AddHostedService<StrataWarmupHostedService>();
        return services;
    }

    /// <summary>Adds <typeparamref name="TWarmer"/> (a singleton; scoped services come from
    /// <see cref="StrataWarmupContext.Services"/>) and registers warm-up if it is not yet.</summary>
    /// <typeparam name="TWarmer">The warmer.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStrataWarmer<TWarmer>(this IServiceCollection services)
        where TWarmer : class, IStrataWarmer
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStrataWarmer, TWarmer>());
        return services.Any(static d => d.ServiceType == typeof(StrataWarmupService)) ? services : services.AddStrataWarmup();
    }
}
