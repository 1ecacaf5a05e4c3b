using Microsoft.Extensions.Caching.Hybrid;
using Strata.Policies;

namespace Strata;

/// <summary>
/// How one entry is cached. Every property left null falls back to <see cref="StrataCacheOptions.DefaultEntryOptions"/>;
/// a named policy (<see cref="StrataCache.GetPolicy(string)"/>) is an instance of this class.
/// </summary>
/// <remarks>
/// An entry's life, measured from the moment it is written: fresh for <see cref="Duration"/> (± <see cref="Jitter"/>),
/// then stale. A stale entry is served at once while it is refreshed in the background within
/// <see cref="StaleWhileRevalidate"/>; it is served as a fallback when the factory fails or is too slow within
/// <see cref="FailSafeMaxStale"/>; past both windows it is gone (the stale horizon, also the L2 time-to-live).
/// </remarks>
public sealed record StrataEntryOptions
{
    /// <summary>How long the entry is fresh. Default 5 minutes (from the cache's default entry options).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How long the L1 (memory) copy may be used before L2 is consulted again; capped by
    /// <see cref="Duration"/>. Default: <see cref="Duration"/>.</summary>
    public TimeSpan? LocalDuration { get; init; }

    /// <summary>How long past its fresh time the entry may still be served when the factory fails or exceeds its soft
    /// timeout (fail-safe). Zero disables fail-safe. Default zero.</summary>
    public TimeSpan? FailSafeMaxStale { get; init; }

    /// <summary>How long after a fail-safe activation the factory is not retried for the key (the stale value keeps
    /// being served meanwhile). Default 30 seconds.</summary>
    public TimeSpan? FailSafeThrottle { get; init; }

    /// <summary>How long past its fresh time the entry is served immediately while a background refresh runs.
    /// Zero disables. Default zero.</summary>
    public TimeSpan? StaleWhileRevalidate { get; init; }

    /// <summary>XFetch early refresh: a read refreshes the entry in the background when
    /// <c>now - delta * beta * ln(random) &gt;= fresh-until</c>, where <c>delta</c> is the last factory duration.
    /// Zero disables; 1 is the published default. Default zero. Exclusive with <see cref="EarlyRefreshFraction"/>.</summary>
    public double? EarlyRefreshBeta { get; init; }

    /// <summary>Fixed early refresh: a read after this fraction of <see cref="Duration"/> refreshes the entry in the
    /// background; in (0, 1). Default none. Exclusive with <see cref="EarlyRefreshBeta"/>.</summary>
    public double? EarlyRefreshFraction { get; init; }

    /// <summary>When the factory runs longer than this and a stale value is available, callers get the stale value
    /// while the factory completes in the background. Default none.</summary>
    public TimeSpan? FactorySoftTimeout { get; init; }

    /// <summary>When the factory runs longer than this it is cancelled: callers get the stale value if one is
    /// available, otherwise a <see cref="TimeoutException"/>. Default none.</summary>
    public TimeSpan? FactoryHardTimeout { get; init; }

    /// <summary>A random extra duration in [0, Jitter) added to <see cref="Duration"/> so entries written together
    /// do not all expire together. Default zero.</summary>
    public TimeSpan? Jitter { get; init; }

    /// <summary>The entry's weight in L1 bytes, instead of the estimate from its serialized size.</summary>
    public long? Size { get; init; }

    /// <summary>The <see cref="HybridCacheEntryFlags"/> (disable L1/L2 read or write, disable compression, ...).
    /// Default <see cref="HybridCacheEntryFlags.None"/>.</summary>
    public HybridCacheEntryFlags? Flags { get; init; }

    /// <summary>Adjusters that change <see cref="Duration"/> after the factory ran, seeing the key, the parameters and
    /// the result. Default none.</summary>
    public IReadOnlyList<ICacheDurationAdjuster>? DurationAdjusters { get; init; }

    /// <summary>The name of the policy these options come from, when they do (for adjusters, logs and metrics).</summary>
    public string? PolicyName { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    /// <param name="name">What these options are called in the message (a policy name, or "options").</param>
    public void Validate(string name = "options")
    {
        CheckPositive(Duration, name, nameof(Duration));
        CheckPositive(LocalDuration, name, nameof(LocalDuration));
        CheckNonNegative(FailSafeMaxStale, name, nameof(FailSafeMaxStale));
        CheckNonNegative(FailSafeThrottle, name, nameof(FailSafeThrottle));
        CheckNonNegative(StaleWhileRevalidate, name, nameof(StaleWhileRevalidate));
        CheckPositive(FactorySoftTimeout, name, nameof(FactorySoftTimeout));
        CheckPositive(FactoryHardTimeout, name, nameof(FactoryHardTimeout));
        CheckNonNegative(Jitter, name, nameof(Jitter));
        if (EarlyRefreshBeta is { } beta && (double.IsNaN(beta) || beta < 0))
        {
            Fail(name, nameof(EarlyRefreshBeta), $"must be zero or positive, was {beta}");
        }

        if (EarlyRefreshFraction is { } fraction && !(fraction > 0 && fraction < 1))
        {
            Fail(name, nameof(EarlyRefreshFraction), $"must be between 0 and 1 (exclusive), was {fraction}");
        }

        if (EarlyRefreshBeta is > 0 && EarlyRefreshFraction is not null)
        {
            Fail(name, nameof(EarlyRefreshFraction), $"cannot be combined with {nameof(EarlyRefreshBeta)}; set one of them");
        }

        if (FactorySoftTimeout is { } soft && FactoryHardTimeout is { } hard && soft >= hard)
        {
            Fail(name, nameof(FactorySoftTimeout), $"({soft}) must be shorter than {nameof(FactoryHardTimeout)} ({hard})");
        }

        if (Size is <= 0)
        {
            Fail(name, nameof(Size), $"must be positive, was {Size}");
        }
    }

    private static void CheckPositive(TimeSpan? value, string name, string property)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            Fail(name, property, $"must be positive, was {v}");
        }
    }

    private static void CheckNonNegative(TimeSpan? value, string name, string property)
    {
        if (value is { } v && v < TimeSpan.Zero)
        {
            Fail(name, property, $"must not be negative, was {v}");
        }
    }

    private static void Fail(string name, string property, string problem) =>
        throw new ArgumentException($"{name}: {property} {problem}.", property);
}
