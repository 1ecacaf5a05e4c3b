using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Admin;

namespace Strata.AspNetCore;

/// <summary>Registers the admin API and dashboard's services.</summary>
public static class StrataAdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers the admin API options (bound from <c>Strata:Admin</c> when configuration is registered, validated at
    /// start-up: an API key or an authorization policy is required) and the metrics collector it reads.
    /// </summary>
    public static IServiceCollection AddStrataAdmin(this IServiceCollection services) => services.AddStrataAdmin(static _ => { });

    /// <inheritdoc cref="AddStrataAdmin(IServiceCollection)"/>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    public static IServiceCollection AddStrataAdmin(this IServiceCollection services, Action<StrataAdminOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<StrataAdminOptions>()
            .Configure<IServiceProvider>(static (options, provider) =>
            {
                if (provider.GetService<IConfiguration>() is { } configuration)
                {
                    configuration.GetSection("Strata:Admin").Bind(options);
                }
            })
            .Configure(configure)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrataAdminOptions>, StrataAdminOptionsValidator>());
        services.TryAddSingleton<AdminKeyFilter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddStrataMetrics();
        return services;
    }
}
