namespace Strata.Keys;

/// <summary>Leaves a property out of the keys <see cref="CacheKeys.From{T}(string, T, CacheKeyOptions?)"/> builds,
/// e.g. a correlation id or a page size that does not change the result.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CacheKeyIgnoreAttribute : Attribute;
