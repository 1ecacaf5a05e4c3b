namespace Strata.Keys;

/// <summary>Keeps the order of a collection property in the key (a route's legs, say) instead of treating it as a
/// set, which <see cref="CacheKeys.From{T}(string, T, CacheKeyOptions?)"/> otherwise sorts and de-duplicates.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CacheKeyOrderedAttribute : Attribute;
