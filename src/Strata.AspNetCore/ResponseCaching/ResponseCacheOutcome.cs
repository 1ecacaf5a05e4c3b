namespace Strata.AspNetCore.ResponseCaching;

/// <summary>What the cache did for one request; the value of <c>X-Cache</c> and of the metrics' <c>result</c> tag.</summary>
internal enum ResponseCacheOutcome
{
    /// <summary>Served fresh from the cache (including a response another request produced while this one waited).</summary>
    Hit,

    /// <summary>The endpoint ran for this request and its response was stored.</summary>
    Miss,

    /// <summary>Served stale from the cache: within stale-while-revalidate (a background revalidation runs) or
    /// stale-if-error (the endpoint failed).</summary>
    Stale,

    /// <summary>The endpoint ran and its response was not stored (an uncacheable request or response).</summary>
    Bypass,
}
