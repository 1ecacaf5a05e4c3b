using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TravelDesk.Data.Options;

namespace TravelDesk.Data;

/// <summary>Registers TravelDesk's database and its query classes.</summary>
public static class TravelDeskDataServiceCollectionExtensions
{
    /// <summary>Registers the database with the default options (SQLite, <c>traveldesk.db</c>).</summary>
    public static IServiceCollection AddTravelDeskDatabase(this IServiceCollection services) =>
        services.AddTravelDeskDatabase(static _ => { });

    /// <summary>
    /// Registers <see cref="TravelDeskDatabase"/>, <see cref="ResourceQueries"/>, <see cref="TemplateStore"/>,
    /// <see cref="RecommendationQuery"/>, <see cref="UserStore"/> and <see cref="StatsQueries"/> as singletons. The
    /// options are validated at startup. The database uses the container's <see cref="TimeProvider"/>,
    /// <see cref="IMeterFactory"/> and logging when registered. Call <see cref="TravelDeskDatabase.EnsureCreatedAsync"/>
    /// before serving requests.
    /// </summary>
    public static IServiceCollection AddTravelDeskDatabase(this IServiceCollection services, Action<TravelDeskDatabaseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<TravelDeskDatabaseOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TravelDeskDatabaseOptions>, TravelDeskDatabaseOptionsValidator>());
        services.TryAddSingleton(static provider => new TravelDeskDatabase(
            provider.GetRequiredService<IOptions<TravelDeskDatabaseOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<IMeterFactory>(),
            provider.GetService<ILogger<TravelDeskDatabase>>()));
        services.TryAddSingleton<ResourceQueries>();
        services.TryAddSingleton<TemplateStore>();
        services.TryAddSingleton<RecommendationQuery>();
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<StatsQueries>();
        return services;
    }
}
