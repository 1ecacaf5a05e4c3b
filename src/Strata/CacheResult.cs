namespace Strata;

/// <summary>A value read through the cache, with where it came from and how old it is (for HTTP layers:
/// <c>X-Cache</c>, <c>Age</c>, <c>ETag</c>).</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Status">Fresh hit, stale hit, or freshly created.</param>
/// <param name="Tier">Where the value was found.</param>
/// <param name="CreatedAt">When the value was produced (the factory completed or SetAsync ran).</param>
/// <param name="FreshUntil">When the value stops being fresh.</param>
/// <param name="ETag">A strong validator: a hash of the serialized value, as lowercase hex, or null when not computed
/// (the value never left memory and was not serialized).</param>
public readonly record struct CacheResult<T>(
    T Value,
    CacheResultStatus Status,
    CacheTier Tier,
    DateTimeOffset CreatedAt,
    DateTimeOffset FreshUntil,
    string? ETag);
