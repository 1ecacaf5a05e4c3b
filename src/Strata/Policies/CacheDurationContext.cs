namespace Strata.Policies;

/// <summary>What an <see cref="ICacheDurationAdjuster"/> sees about the entry being written.</summary>
/// <param name="Policy">The policy name, e.g. <c>FLIGHT_SEARCH</c>.</param>
/// <param name="Namespace">The cache namespace the entry is written to.</param>
/// <param name="Key">The entry's key within its namespace.</param>
/// <param name="Parameters">The parameters the caller passed for this call (the factory state), or null.</param>
/// <param name="Result">The value the factory produced (boxed when a value type), or null.</param>
/// <param name="Now">The cache's clock at the time of the write.</param>
public readonly record struct CacheDurationContext(
    string Policy,
    string Namespace,
    string Key,
    object? Parameters,
    object? Result,
    DateTimeOffset Now);
