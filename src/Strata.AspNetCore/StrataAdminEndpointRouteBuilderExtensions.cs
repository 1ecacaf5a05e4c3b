using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strata.AspNetCore.Admin;

namespace Strata.AspNetCore;

/// <summary>Maps the cache admin API (see docs/aspnetcore.md for every endpoint and its JSON).</summary>
public static class StrataAdminEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>health</c>, <c>health/detailed</c>, <c>stats</c>, <c>clear</c>, <c>clear/{namespace}</c>,
    /// <c>clear/tag/{tag}</c>, <c>DELETE keys/{key}</c>, <c>keys</c>, <c>warm</c>, <c>test</c> and <c>ratelimits</c>
    /// under <paramref name="prefix"/>, guarded by <see cref="StrataAdminOptions.AuthorizationPolicy"/> or else the
    /// API key. Returns the group, so the host can add conventions (rate limits, host filters, OpenAPI).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">The route prefix. Default <c>/cache</c>.</param>
    /// <exception cref="InvalidOperationException"><c>AddStrata()</c> or <c>AddStrataAdmin()</c> was not called.</exception>
    public static RouteGroupBuilder MapStrataAdmin(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string prefix = "/cache")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        return AdminEndpoints.Map(endpoints, prefix);
    }
}
