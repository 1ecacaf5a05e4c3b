using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class StrataMetricsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves every collected instrument in the Prometheus text format 0.0.4
    /// (<c>text/plain; version=0.0.4; charset=utf-8</c>) on GET <paramref name="pattern"/>. Names follow the
    /// OpenTelemetry-to-Prometheus rules: <c>strata.cache.requests</c> is <c>strata_cache_requests_total</c>,
    /// <c>strata.cache.factory.duration</c> (seconds) is the histogram <c>strata_cache_factory_duration_seconds</c>.
    /// Requires <see cref="StrataMetricsServiceCollectionExtensions.AddStrataMetrics(IServiceCollection)"/>.
    /// </summary>
    /// <returns>The endpoint's builder, to add <c>RequireAuthorization()</c>, <c>RequireHost(...)</c> and the like.</returns>
    /// <exception cref="InvalidOperationException"><c>AddStrataMetrics()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapStrataMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        var collector = endpoints.ServiceProvider.GetService<StrataMetricsCollector>()
            ?? throw new InvalidOperationException(
                "MapStrataMetrics needs the metrics collector: call services.AddStrataMetrics() when configuring services.");
        return endpoints.MapGet(pattern, (RequestDelegate)(context =>
            {
                context.Response.ContentType = PrometheusExporter.ContentType;
                // A scrape is a reading of now: never served from a cache.
                context.Response.Headers[HeaderNames.CacheControl] = "no-store";
                return PrometheusExporter.WriteAsync(collector, context.Response.BodyWriter, context.RequestAborted);
            }))
            .WithDisplayName("Strata Prometheus metrics");
    }
}
