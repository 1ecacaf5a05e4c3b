using Microsoft.AspNetCore.Builder;

namespace Strata.AspNetCore;

/// <summary>Declares, per endpoint, what a successful (2xx) request invalidates; applied by <c>UseStrataInvalidation</c>.</summary>
/// <example>
/// <code>
/// app.MapPut("/trips/{id}", UpdateTrip).InvalidatesTags("trip:{id}", "recommendations");
/// app.MapPost("/recommendations/rebuild", Rebuild).InvalidatesNamespaces("recommendations");
/// </code>
/// </example>
public static class StrataInvalidationEndpointExtensions
{
    /// <summary>After a 2xx response, invalidates <paramref name="tags"/> on every node; <c>{name}</c> reads the route
    /// value <c>name</c>. Malformed tags throw here; placeholders the route lacks fail start-up.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint(s).</param>
    /// <param name="tags">Tags, possibly with <c>{routeValue}</c> placeholders.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder InvalidatesTags<TBuilder>(this TBuilder builder, params string[] tags)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new InvalidatesTagsAttribute(tags);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }

    /// <summary>After a 2xx response, clears the cache namespaces <paramref name="namespaces"/> on every node;
    /// <c>{name}</c> reads the route value <c>name</c>.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint(s).</param>
    /// <param name="namespaces">Namespace names, possibly with <c>{routeValue}</c> placeholders.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder InvalidatesNamespaces<TBuilder>(this TBuilder builder, params string[] namespaces)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new InvalidatesNamespacesAttribute(namespaces);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
