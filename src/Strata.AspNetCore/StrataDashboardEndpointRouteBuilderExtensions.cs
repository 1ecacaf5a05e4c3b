using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Strata.AspNetCore.Dashboard;

namespace Strata.AspNetCore;

/// <summary>Maps the live cache dashboard (see docs/aspnetcore.md, "Dashboard").</summary>
public static class StrataDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}</c>, one self-contained HTML page (no external scripts, styles or fonts; a strict
    /// <c>Content-Security-Policy</c>; <c>Cache-Control: no-store</c>), and <c>GET {pattern}/data?since=</c>, the JSON
    /// document the page polls every second. The page holds no data and is served without credentials; the data
    /// endpoint is guarded exactly like the admin API (<see cref="StrataAdminOptions.AuthorizationPolicy"/>, or else
    /// <c>Authorization: Bearer {ApiKey}</c>, which the page asks for once and keeps in the tab's
    /// <c>sessionStorage</c>). The page's admin buttons call the admin API under <paramref name="adminPrefix"/>, so map
    /// it too (<see cref="StrataAdminEndpointRouteBuilderExtensions.MapStrataAdmin"/>). Returns the group, so the host
    /// can add conventions (host filters, rate limits, or its own authorization for the page as well).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="pattern">The page's path, a literal route without parameters. Default <c>/cache/dashboard</c>.</param>
    /// <param name="adminPrefix">Where the admin API is mapped, a literal path. Default <c>/cache</c>.</param>
    /// <exception cref="ArgumentException">A path is empty or contains route parameters.</exception>
    /// <exception cref="InvalidOperationException"><c>AddStrata()</c> or <c>AddStrataAdmin()</c> was not called.</exception>
    public static RouteGroupBuilder MapStrataDashboard(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern = "/cache/dashboard",
        string adminPrefix = "/cache")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(adminPrefix);
        return DashboardEndpoints.Map(endpoints, pattern, adminPrefix);
    }
}
