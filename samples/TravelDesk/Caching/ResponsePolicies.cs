using Strata.AspNetCore;

namespace TravelDesk.Caching;

/// <summary>
/// HTTP response caching policies (ETag/304, Cache-Control, Age, X-Cache), with the seeds' durations: SmartTrip's
/// resources 15 min; HITA's user details 3 min, user lists 1 min, user stats 5 min, dashboard stats 10 min. Tags are
/// what the invalidation rules in appsettings.json evict.
/// </summary>
internal static class ResponsePolicies
{
    public const string Resources = "resources";
    public const string Templates = "templates";
    public const string UserDetails = "user-details";
    public const string UserList = "user-list";
    public const string UserStats = "user-stats";
    public const string DashboardStats = "dashboard-stats";

    public static void Configure(ResponseCacheOptions options) => options
        .AddPolicy(Resources, p =>
        {
            p.Duration = TimeSpan.FromMinutes(15);
            p.StaleWhileRevalidate = TimeSpan.FromMinutes(1);
            p.StaleIfError = TimeSpan.FromHours(1);
            p.Tags.Add("resources");
        })
        .AddPolicy(Templates, p =>
        {
            p.Duration = TimeSpan.FromMinutes(5);
            p.StaleIfError = TimeSpan.FromHours(1);
        })
        .AddPolicy(UserDetails, p =>
        {
            p.Duration = TimeSpan.FromMinutes(3);
            p.Tags.Add("user_details");
        })
        .AddPolicy(UserList, p =>
        {
            p.Duration = TimeSpan.FromMinutes(1);
            p.VaryByQueryKeys.Clear();
            p.VaryByQueryKeys.Add("page");
            p.VaryByQueryKeys.Add("pageSize");
            p.Tags.Add("user_list");
        })
        .AddPolicy(UserStats, p =>
        {
            p.Duration = TimeSpan.FromMinutes(5);
            p.Tags.Add("user_stats");
        })
        .AddPolicy(DashboardStats, p =>
        {
            p.Duration = TimeSpan.FromMinutes(10);
            p.StaleWhileRevalidate = TimeSpan.FromMinutes(1);
            p.Tags.Add("dashboard_stats");
        });
}
