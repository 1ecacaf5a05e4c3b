using Microsoft.AspNetCore.Builder;

namespace Strata.AspNetCore;

/// <summary>Caches the responses of endpoints (minimal APIs, route groups) with Strata response caching.</summary>
public static class StrataResponseCachingEndpointExtensions
{
    /// <summary>Caches the endpoints' responses with <see cref="ResponseCacheOptions.DefaultPolicy"/>.</summary>
    public static TBuilder CacheResponse<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddCacheResponseMetadata(new CacheResponseAttribute());

    /// <summary>Caches the endpoints' responses with the named policy (an unknown name fails at startup).</summary>
    public static TBuilder CacheResponse<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddCacheResponseMetadata(new CacheResponseAttribute(policyName));

    /// <summary>Caches the endpoints' responses with the named policy, adjusted for these endpoints by
    /// <paramref name="configure"/> (which sees a copy; the named policy is unchanged).</summary>
    public static TBuilder CacheResponse<TBuilder>(this TBuilder builder, string policyName, Action<ResponseCachePolicy> configure)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddCacheResponseMetadata(new CacheResponseAttribute(policyName) { Configure = configure });
    }

    /// <summary>Caches the endpoints' responses with a copy of <see cref="ResponseCacheOptions.DefaultPolicy"/>
    /// adjusted by <paramref name="configure"/>.</summary>
    public static TBuilder CacheResponse<TBuilder>(this TBuilder builder, Action<ResponseCachePolicy> configure)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddCacheResponseMetadata(new CacheResponseAttribute { Configure = configure });
    }

    /// <summary>Caches the endpoints' responses with <paramref name="policy"/> (copied when the endpoint is first
    /// used; later changes to the instance are not seen).</summary>
    public static TBuilder CacheResponse<TBuilder>(this TBuilder builder, ResponseCachePolicy policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(policy);
        return builder.AddCacheResponseMetadata(new CacheResponseAttribute { Policy = policy });
    }

    private static TBuilder AddCacheResponseMetadata<TBuilder>(this TBuilder builder, CacheResponseAttribute metadata)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
