using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Strata.AspNetCore.Admin;

/// <summary>The admin API's routes; each aspect's handlers live in their own partial file.</summary>
internal static partial class AdminEndpoints
{
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var options = endpoints.ServiceProvider.GetService<IOptions<StrataAdminOptions>>()
            ?? throw new InvalidOperationException("MapStrataAdmin needs services.AddStrataAdmin(...) first.");
        _ = endpoints.ServiceProvider.GetService<IStrataCacheInspector>()
            ?? throw new InvalidOperationException("MapStrataAdmin needs services.AddStrata() first.");

        var group = endpoints.MapGroup(prefix).WithTags("Strata admin");
        Guard(group, options.Value);

        group.MapGet("/health", Health);
        group.MapGet("/health/detailed", DetailedHealthAsync);
        group.MapGet("/stats", Stats);
        group.MapPost("/clear", ClearAllAsync);
        group.MapPost("/clear/tag/{tag}", ClearTagAsync);
        group.MapPost("/clear/{namespace}", ClearNamespaceAsync);
        group.MapDelete("/keys/{key}", DeleteKeyAsync);
        group.MapGet("/keys", ListKeysAsync);
        group.MapPost("/warm", WarmAsync);
        group.MapGet("/test", SelfTestAsync);
        group.MapGet("/ratelimits", RateLimits);
        return group;
    }

    /// <summary>The host's policy when it names one; otherwise the API key filter.</summary>
    public static void Guard(RouteGroupBuilder group, StrataAdminOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
        {
            group.RequireAuthorization(options.AuthorizationPolicy);
        }
        else
        {
            group.AddEndpointFilter<AdminKeyFilter>();
        }
    }

    /// <summary>Reads an optional positive integer query value; a bad one is a 400 naming it, never a silent default.</summary>
    private static bool TryReadLimit(HttpRequest request, int defaultValue, int maximum, out int limit, out IResult? problem)
    {
        problem = null;
        limit = defaultValue;
        var text = request.Query["limit"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1)
        {
            problem = AdminProblems.BadRequest("limit", $"'limit' must be a whole number from 1 to {maximum} (was '{text}').");
            return false;
        }

        limit = Math.Min(limit, maximum);
        return true;
    }
}
