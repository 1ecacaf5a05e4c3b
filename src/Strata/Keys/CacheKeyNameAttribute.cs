namespace Strata.Keys;

/// <summary>Names a property's parameter in the key instead of the property name, e.g. to keep keys short or stable
/// across a rename.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class CacheKeyNameAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The parameter name used in the key; not empty or whitespace.</param>
    public CacheKeyNameAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The parameter name used in the key.</summary>
    public string Name { get; }
}
