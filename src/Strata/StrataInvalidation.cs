namespace Strata;

/// <summary>One invalidation the cache applied, for the admin API and dashboard.</summary>
/// <param name="At">When this node applied it (the cache's clock).</param>
/// <param name="Scope">What it covered.</param>
/// <param name="Name">The tag, the namespace, or the key (null for <see cref="StrataInvalidationScope.All"/>).</param>
/// <param name="Namespace">The key's namespace, for <see cref="StrataInvalidationScope.Key"/>; otherwise null.</param>
/// <param name="Remote">Whether another node made it and this node heard it through L2's change stream.</param>
public sealed record StrataInvalidation(DateTimeOffset At, StrataInvalidationScope Scope, string? Name, string? Namespace, bool Remote);
