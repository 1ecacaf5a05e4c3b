namespace Strata.Keys;

/// <summary>Case-normalises a text property (or every text property of a nested object, or the elements and values of
/// a collection) in the key, overriding <see cref="CacheKeyOptions.DefaultCase"/>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CacheKeyCaseAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="keyCase">The case normalisation to apply.</param>
    public CacheKeyCaseAttribute(KeyCase keyCase) => Case = keyCase;

    /// <summary>The case normalisation to apply.</summary>
    public KeyCase Case { get; }
}
