namespace Strata.AspNetCore.Invalidation;

/// <summary>Where an invalidation was declared.</summary>
internal enum InvalidationSource
{
    /// <summary>Endpoint metadata (<c>InvalidatesTags</c>, <c>InvalidatesNamespaces</c>, or the attributes).</summary>
    Endpoint,

    /// <summary>A route-pattern rule of <see cref="StrataInvalidationOptions"/>.</summary>
    Rule,
}
