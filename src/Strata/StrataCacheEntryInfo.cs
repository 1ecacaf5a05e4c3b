namespace Strata;

/// <summary>An L1 entry as the admin API shows it: where it lives and how long it has left, never its value.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Key">The key within the namespace (as stored: after key normalisation).</param>
/// <param name="Bytes">Its weight in L1's size estimate.</param>
/// <param name="CreatedAt">When the value was produced.</param>
/// <param name="FreshUntil">When it stops being fresh.</param>
/// <param name="StaleUntil">When it can no longer be served even as a fallback.</param>
/// <param name="Tags">Its tags.</param>
public sealed record StrataCacheEntryInfo(
    string Namespace,
    string Key,
    long Bytes,
    DateTimeOffset CreatedAt,
    DateTimeOffset FreshUntil,
    DateTimeOffset StaleUntil,
    IReadOnlyList<string> Tags);
