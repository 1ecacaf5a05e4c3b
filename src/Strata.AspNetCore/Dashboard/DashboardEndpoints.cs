using System.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Strata.AspNetCore.Admin;
using Strata.AspNetCore.Metrics;

namespace Strata.AspNetCore.Dashboard;

/// <summary>The dashboard's two routes: the inert page (open) and the data it polls (guarded like the admin API).</summary>
internal static class DashboardEndpoints
{
    private const string DataPath = "/data";

    /// <summary>Characters that would make a path a route template, a query, or break out of the page's attribute.</summary>
    private static readonly SearchValues<char> NotLiteral = SearchValues.Create("{}?#*\"'<>\\");

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string pattern, string adminPrefix)
    {
        var page = NormalizePath(pattern, nameof(pattern));
        var admin = NormalizePath(adminPrefix, nameof(adminPrefix));
        var options = endpoints.ServiceProvider.GetService<IOptions<StrataAdminOptions>>()
            ?? throw new InvalidOperationException("MapStrataDashboard needs services.AddStrataAdmin(...) first.");
        _ = endpoints.ServiceProvider.GetService<IStrataCacheInspector>()
            ?? throw new InvalidOperationException("MapStrataDashboard needs services.AddStrata() first.");
        _ = endpoints.ServiceProvider.GetService<MetricsHistory>()
            ?? throw new InvalidOperationException("MapStrataDashboard needs services.AddStrataAdmin(...) (or AddStrataMetrics()) first.");

        // The policy is fixed when the endpoints are mapped, as the admin API's guard is (AdminEndpoints.Guard).
        var auth = string.IsNullOrWhiteSpace(options.Value.AuthorizationPolicy) ? DashboardAuthMode.ApiKey : DashboardAuthMode.HostPolicy;
        var renderer = new DashboardPage(DashboardTemplate.Instance, page + DataPath, admin, auth);

        var group = endpoints.MapGroup(page.Length == 0 ? "/" : page).WithTags("Strata dashboard");
        group.MapGet(string.Empty, renderer.WriteAsync).ExcludeFromDescription();

        var data = group.MapGroup(DataPath);
        AdminEndpoints.Guard(data, options.Value);
        data.MapGet(string.Empty, DashboardData.Get);
        return group;
    }

    /// <summary>A literal absolute path without a trailing slash (<c>""</c> for the root): the page builds URLs from it.</summary>
    private static string NormalizePath(string path, string parameter)
    {
        var trimmed = path.Trim();
        if (trimmed.AsSpan().IndexOfAny(NotLiteral) >= 0)
        {
            throw new ArgumentException($"The dashboard's paths must be literal paths without route parameters, query or fragment (was '{path}').", parameter);
        }

        if (!trimmed.StartsWith('/'))
        {
            trimmed = "/" + trimmed;
        }

        return trimmed.TrimEnd('/');
    }
}
