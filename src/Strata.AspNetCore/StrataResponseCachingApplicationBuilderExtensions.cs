using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Strata.AspNetCore.ResponseCaching;

namespace Strata.AspNetCore;

/// <summary>Adds the Strata response caching middleware.</summary>
public static class StrataResponseCachingApplicationBuilderExtensions
{
    /// <summary>
    /// Serves and stores the responses of endpoints marked with <c>.CacheResponse(...)</c> or
    /// <c>[CacheResponse]</c>. Place it after <c>UseRouting()</c> (it reads the endpoint) and after
    /// <c>UseAuthentication()</c>/<c>UseAuthorization()</c> (it must know the user, and unauthorized requests must not
    /// reach the cache), before the endpoints run. With minimal hosting, that is after <c>UseAuthorization()</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddStrataResponseCaching()</c> was not called.</exception>
    public static IApplicationBuilder UseStrataResponseCaching(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var plans = services.GetService<EndpointPlanCache>()
            ?? throw new InvalidOperationException(
                "Strata response caching is not registered: call services.AddStrataResponseCaching() before app.UseStrataResponseCaching().");
        var revalidator = services.GetRequiredService<ResponseRevalidator>();
        var metrics = services.GetRequiredService<ResponseCacheMetrics>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = StrataResponseCachingServiceCollectionExtensions.CreateLogger(services);
        return app.Use(next => new ResponseCachingMiddleware(next, plans, revalidator, metrics, time, logger).InvokeAsync);
    }
}
