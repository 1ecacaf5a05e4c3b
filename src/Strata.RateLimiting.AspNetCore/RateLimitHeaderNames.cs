namespace Strata.RateLimiting.AspNetCore;

/// <summary>
/// The response fields Strata writes and reads, as named by draft-ietf-httpapi-ratelimit-headers-11 (May 2026) and
/// RFC 9110 (<c>Retry-After</c>), plus the de-facto <c>X-RateLimit-*</c> names some upstreams still send.
/// </summary>
public static class RateLimitHeaderNames
{
    /// <summary>The quota policies a response is subject to: <c>"search";q=100;w=60</c>.</summary>
    public const string RateLimitPolicy = "RateLimit-Policy";

    /// <summary>The current service limit per policy: <c>"search";r=42;t=17</c>.</summary>
    public const string RateLimit = "RateLimit";

    /// <summary>RFC 9110 <c>Retry-After</c> (delta-seconds or HTTP-date).</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary>De-facto reset hint (delta-seconds, or Unix seconds as GitHub and others send it).</summary>
    public const string XRateLimitReset = "X-RateLimit-Reset";

    /// <summary>De-facto remaining-permits hint; read only together with <see cref="XRateLimitReset"/>.</summary>
    public const string XRateLimitRemaining = "X-RateLimit-Remaining";
}
