namespace Strata.Keys;

/// <summary>Options of <see cref="CacheKeys.From{T}(string, T, CacheKeyOptions?)"/>.</summary>
public sealed class CacheKeyOptions
{
    /// <summary>The case normalisation of text values whose property has no <see cref="CacheKeyCaseAttribute"/>.
    /// Default <see cref="KeyCase.None"/> (text is only trimmed).</summary>
    public KeyCase DefaultCase { get; set; } = KeyCase.None;
}
