namespace Strata;

/// <summary>How a value was obtained.</summary>
public enum CacheResultStatus
{
    /// <summary>A fresh cached value.</summary>
    Hit,

    /// <summary>A stale cached value: served while revalidating, or as a fail-safe fallback.</summary>
    Stale,

    /// <summary>The factory ran for this read (or another read it joined).</summary>
    Created,
}
