namespace Strata.Keys;

/// <summary>How the text of a cache key value is case-normalised before it becomes part of a key.</summary>
public enum KeyCase
{
    /// <summary>The text is kept as given (after trimming).</summary>
    None = 0,

    /// <summary>The text is upper-cased with the invariant culture, e.g. airport codes: <c>lax</c> becomes <c>LAX</c>.</summary>
    Upper = 1,

    /// <summary>The text is lower-cased with the invariant culture, e.g. a city name or a cabin class.</summary>
    Lower = 2,
}
