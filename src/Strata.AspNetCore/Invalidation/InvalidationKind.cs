namespace Strata.AspNetCore.Invalidation;

/// <summary>What an invalidation hides: the entries carrying a tag, or a whole namespace.</summary>
internal enum InvalidationKind
{
    /// <summary><see cref="Microsoft.Extensions.Caching.Hybrid.HybridCache.RemoveByTagAsync(string, CancellationToken)"/>.</summary>
    Tag,

    /// <summary><see cref="StrataCache.ClearAsync"/> on the namespace.</summary>
    Namespace,
}
