namespace Strata.AspNetCore.Dashboard;

/// <summary>How the page authenticates its data requests; decides whether it asks for a key.</summary>
internal enum DashboardAuthMode
{
    /// <summary>The page asks for the admin API key once and sends it as <c>Authorization: Bearer</c>.</summary>
    ApiKey,

    /// <summary>The host's authorization policy guards the data; the browser's own credentials (cookies) are sent.</summary>
    HostPolicy,
}
