namespace Strata;

/// <summary>Where a value was found.</summary>
public enum CacheTier
{
    /// <summary>The process's memory.</summary>
    L1,

    /// <summary>The distributed tier.</summary>
    L2,

    /// <summary>The factory (the underlying data source).</summary>
    Factory,
}
