using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Strata.RateLimiting.AspNetCore.Partitioning;

namespace Strata.RateLimiting.AspNetCore;

/// <summary>
/// Partition keys for incoming requests, for <c>AddStrataPolicy</c> or any ASP.NET Core partitioner. Keys are
/// prefixed by kind (<c>ip:</c>, <c>apikey:</c>, <c>user:</c>, <c>route:</c>) so different kinds never share a partition.
/// </summary>
/// <remarks>
/// <para><b>Client IP and X-Forwarded-For.</b> <see cref="ClientIp"/> reads only
/// <see cref="ConnectionInfo.RemoteIpAddress"/>. It never parses <c>X-Forwarded-For</c> itself: any client can send
/// that header, so trusting it would let every request pick its own partition. Behind a proxy, add ASP.NET Core's
/// <c>UseForwardedHeaders</c> with the proxies in <c>KnownProxies</c> / <c>KnownNetworks</c>; it replaces
/// <c>RemoteIpAddress</c> with the client's address only when the hop is trusted, before the rate limiter runs.</para>
/// </remarks>
public static class HttpPartitionKeys
{
    /// <summary>The default header of <see cref="ApiKey"/>.</summary>
    public const string DefaultApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// The client's address: <c>ip:203.0.113.7</c>. IPv6 addresses are reduced to their first
    /// <paramref name="ipv6PrefixLength"/> bits (<c>ip:2001:db8:1:2::/64</c>) because one subscriber usually holds a
    /// whole /64 and could otherwise rotate through it; IPv4-mapped IPv6 addresses count as IPv4. Without an address
    /// (some test servers, Unix sockets) the key is <c>ip:unknown</c>.
    /// </summary>
    /// <param name="ipv6PrefixLength">Bits of an IPv6 address that identify a client, 1 to 128. Default 64.</param>
    /// <returns>The key selector.</returns>
    public static Func<HttpContext, string> ClientIp(int ipv6PrefixLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6PrefixLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6PrefixLength, 128);
        return context => ClientAddress.Key(context.Connection.RemoteIpAddress, ipv6PrefixLength);
    }

    /// <summary>
    /// The API key in header <paramref name="headerName"/>, as <c>apikey:</c> plus a SHA-256 digest of it (the secret
    /// never becomes a cache or Redis key, and a huge header cannot make a huge key). Requests without the header fall
    /// back to <paramref name="fallback"/> (default <see cref="ClientIp"/>).
    /// </summary>
    /// <remarks>This identifies the key, it does not validate it: authenticate before trusting it for quotas.</remarks>
    /// <param name="headerName">The header carrying the key. Default <see cref="DefaultApiKeyHeader"/>.</param>
    /// <param name="fallback">The key of requests without an API key. Default <see cref="ClientIp"/>.</param>
    /// <returns>The key selector.</returns>
    public static Func<HttpContext, string> ApiKey(string headerName = DefaultApiKeyHeader, Func<HttpContext, string>? fallback = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        var otherwise = fallback ?? ClientIp();
        return context =>
        {
            var value = context.Request.Headers[headerName];
            return value.Count > 0 && !string.IsNullOrWhiteSpace(value[0])
                ? ApiKeyDigest.Key(value[0]!)
                : otherwise(context);
        };
    }

    /// <summary>
    /// The authenticated user, <c>user:</c> plus the value of claim <paramref name="claimType"/>; anonymous requests
    /// (or users without the claim) fall back to <paramref name="fallback"/> (default <see cref="ClientIp"/>). Needs
    /// authentication to run before the rate limiter.
    /// </summary>
    /// <param name="claimType">The identifying claim. Default <see cref="ClaimTypes.NameIdentifier"/>.</param>
    /// <param name="fallback">The key of anonymous requests. Default <see cref="ClientIp"/>.</param>
    /// <returns>The key selector.</returns>
    public static Func<HttpContext, string> User(string claimType = ClaimTypes.NameIdentifier, Func<HttpContext, string>? fallback = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimType);
        var otherwise = fallback ?? ClientIp();
        return context =>
        {
            var user = context.User;
            return user.Identity?.IsAuthenticated == true && user.FindFirst(claimType)?.Value is { Length: > 0 } id
                ? "user:" + id
                : otherwise(context);
        };
    }

    /// <summary>
    /// The matched endpoint's route pattern, <c>route:/items/{id}</c>: every <c>/items/…</c> request shares one
    /// partition. Requests that matched no endpoint share <c>route:(unmatched)</c> rather than one partition per raw
    /// path, which a client could multiply at will. Needs routing to run before the rate limiter.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The partition key.</returns>
    public static string Route(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint() switch
        {
            RouteEndpoint { RoutePattern.RawText: { } pattern } => "route:" + pattern,
            { DisplayName: { } name } => "route:" + name,
            _ => "route:(unmatched)",
        };
    }

    /// <summary>Combines keys, for example per user per route: <c>user:42|route:/search</c>.</summary>
    /// <param name="selectors">The keys to combine, in order.</param>
    /// <returns>The key selector.</returns>
    public static Func<HttpContext, string> Combine(params Func<HttpContext, string>[] selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        if (selectors.Length == 0 || Array.Exists(selectors, static s => s is null))
        {
            throw new ArgumentException("Combine needs at least one key selector and no null ones.", nameof(selectors));
        }

        var copy = (Func<HttpContext, string>[])selectors.Clone();
        return context => string.Join('|', Array.ConvertAll(copy, selector => selector(context)));
    }
}
