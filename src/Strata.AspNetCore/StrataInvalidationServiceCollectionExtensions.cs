using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Invalidation;

namespace Strata.AspNetCore;

/// <summary>Registers HTTP-driven cache invalidation (applied by <c>UseStrataInvalidation</c>).</summary>
public static class StrataInvalidationServiceCollectionExtensions
{
    /// <summary>Configuration section of the rules and options: <c>Strata:Invalidation</c> (rules under <c>Rules</c>).</summary>
    public const string ConfigurationSection = "Strata:Invalidation";

    /// <summary>Registers invalidation with the rules of the <c>Strata:Invalidation:Rules</c> configuration section
    /// (when an <see cref="IConfiguration"/> is registered). Requires <c>AddStrata()</c>.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStrataInvalidation(this IServiceCollection services) =>
        services.AddStrataInvalidation(static _ => { });

    /// <summary>
    /// Registers invalidation: rules from the <c>Strata:Invalidation:Rules</c> configuration section, then those
    /// <paramref name="configure"/> adds (<see cref="StrataInvalidationOptions.AddRule"/>). Every rule is validated
    /// when the host starts; a bad one (or an unknown configuration key) fails start-up with a message naming it.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adds rules or changes options.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddStrataInvalidation(this IServiceCollection services, Action<StrataInvalidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var first = !services.Any(static d => d.ServiceType == typeof(InvalidationJournal));
        var options = services.AddOptions<StrataInvalidationOptions>();
        if (first)
        {
            // Configuration first, so rules added in code come after it (and every call adds to the same list).
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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrataInvalidationOptions>, StrataInvalidationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InvalidationRuleTable>();
        services.TryAddSingleton(static provider =>
            new InvalidationJournal(provider.GetRequiredService<IOptions<StrataInvalidationOptions>>().Value.JournalCapacity));
        services.TryAddSingleton(static provider => new InvalidationMetrics(provider.GetService<IMeterFactory>()));
        return services;
    }
}
